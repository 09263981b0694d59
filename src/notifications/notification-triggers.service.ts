import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { NotificationKind } from './notification-kinds.js';
import { UsersService } from '../users/users.service.js';
import { NotificationSources } from './notification-sources.service.js';
import { enqueue, enqueueForParticipants, factsOf } from './outbox.js';

/** The facts of an event a message shows. */
export interface EventShape {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
}
/** The facts of a booking its messages show, and who asked for it. */
interface BookingShape {
  id: string;
  topic: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  statusReason: string | null;
}
/** Where and when an event takes place: a change of any of these is news for its participants. */
interface EventPlace {
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  kecamatanCode: string | null;
}

/**
 * The triggers: what each change tells whom. Each runs in the change's own transaction (its `em`), so the
 * writing modules call one of these next to the write, and nothing else changes in them. Plain shapes, not
 * entities: the writers pass their own rows.
 */
@Injectable()
export class NotificationTriggers {
  constructor(
    private readonly sources: NotificationSources,
    private readonly users: UsersService,
  ) {}

  /** A new registration: confirmed or waitlisted (with its place in the queue). */
  async registered(
    em: EntityManager,
    r: { id: string; participantId: string; status: string; waitlistPosition: number | null },
    event: EventShape,
  ): Promise<void> {
    await enqueue(
      em,
      {
        kind: r.status === 'confirmed' ? 'registration_confirmed' : 'registration_waitlisted',
        subjectType: 'registration',
        subjectId: r.id,
        payload: { event: factsOf(event), registrationId: r.id, waitlistPosition: r.waitlistPosition },
      },
      [{ participantId: r.participantId }],
    );
  }

  /** Registrations just moved from the waitlist into seats: one message each (the registration is the subject). */
  async promoted(
    em: EntityManager,
    eventId: string,
    promoted: readonly { id: string; participantId: string }[],
  ): Promise<void> {
    if (promoted.length === 0) return;
    const found = await this.sources.event(em, eventId);
    if (!found) return;
    const event = factsOf(found);
    for (const r of promoted) {
      await enqueue(
        em,
        {
          kind: 'registration_promoted',
          subjectType: 'registration',
          subjectId: r.id,
          payload: { event, registrationId: r.id },
        },
        [{ participantId: r.participantId }],
      );
    }
  }

  /**
   * A published training whose time or place changed tells everyone holding a seat or a waitlist place.
   * The subject is the event at its new time and place, so a later, different change is a new message
   * while the same change repeated is not.
   */
  async eventChanged(
    em: EntityManager,
    before: EventPlace,
    after: EventShape & EventPlace & { status: string },
  ): Promise<void> {
    const where = (e: typeof before) =>
      [e.startsAt.getTime(), e.endsAt.getTime(), e.venue ?? '', e.kecamatanCode ?? ''].join('|');
    if (after.status !== 'published' || where(before) === where(after)) return;
    const version = createHash('sha256').update(where(after)).digest('hex').slice(0, 12);
    await enqueueForParticipants(
      em,
      {
        kind: 'event_changed',
        subjectType: 'event',
        subjectId: `${after.id}@${version}`,
        payload: { event: factsOf(after) },
      },
      this.sources.audienceSql('active'),
      [after.id],
    );
  }

  /** Call before the registrations are cancelled: their holders are the ones to tell. */
  async eventCancelled(em: EntityManager, event: EventShape & { cancelReason: string | null }): Promise<void> {
    await enqueueForParticipants(
      em,
      {
        kind: 'event_cancelled',
        subjectType: 'event',
        subjectId: event.id,
        payload: { event: factsOf(event), reason: event.cancelReason },
      },
      this.sources.audienceSql('active'),
      [event.id],
    );
  }

  /** Checked in, so the e-certificate can be downloaded. */
  async certificateAvailable(
    em: EntityManager,
    registrationId: string,
    participantId: string,
    event: EventShape,
  ): Promise<void> {
    await enqueue(
      em,
      {
        kind: 'certificate_available',
        subjectType: 'registration',
        subjectId: registrationId,
        payload: { event: factsOf(event), registrationId },
      },
      [{ participantId }],
    );
  }

  /**
   * Booking decisions. A request goes to every active staff user; a decision goes to the partner user who
   * asked, and a cancellation by that user goes to staff instead.
   */
  async booking(
    em: EntityManager,
    kind: Extract<NotificationKind, `booking_${string}`>,
    booking: BookingShape,
    studio: { name: string },
    actor: Actor,
  ): Promise<void> {
    const toStaff = kind === 'booking_requested' || (kind === 'booking_cancelled' && actor.id === booking.createdBy);
    const recipients = toStaff
      ? (await this.users.activeStaffIdsIn(em)).map((userId) => ({ userId }))
      : [{ userId: booking.createdBy }];
    await enqueue(
      em,
      {
        kind,
        subjectType: 'booking',
        subjectId: booking.id,
        payload: {
          booking: {
            bookingId: booking.id,
            topic: booking.topic,
            studioName: studio.name,
            startsAt: booking.startsAt.toISOString(),
            endsAt: booking.endsAt.toISOString(),
          },
          reason: booking.statusReason,
        },
      },
      recipients,
    );
  }
}

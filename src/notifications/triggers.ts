import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { Booking } from '../bookings/booking.entity.js';
import type { Event } from '../events/event.entity.js';
import type { Registration } from '../registrations/registration.entity.js';
import type { Studio } from '../studios/studio.entity.js';
import type { NotificationKind } from './notification-kinds.js';
import { enqueue, enqueueForParticipants, eventFacts, factsOf } from './outbox.js';

/**
 * The triggers: what each change tells whom. Each runs in the change's own transaction (its `em`), so
 * the existing services call one of these next to the write, and nothing else changes in them.
 */

type EventShape = Pick<Event, 'id' | 'title' | 'startsAt' | 'endsAt' | 'venue'>;
const ACTIVE_REGISTRATIONS =
  "SELECT participant_id FROM registrations WHERE event_id = ? AND status IN ('confirmed', 'waitlisted')";

/** A new registration: confirmed or waitlisted (with its place in the queue). */
export async function notifyRegistered(
  em: EntityManager,
  r: Pick<Registration, 'id' | 'participantId' | 'status' | 'waitlistPosition'>,
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
export async function notifyPromoted(
  em: EntityManager,
  eventId: string,
  promoted: Pick<Registration, 'id' | 'participantId'>[],
): Promise<void> {
  if (promoted.length === 0) return;
  const event = await eventFacts(em, eventId);
  if (!event) return;
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
export async function notifyEventChanged(
  em: EntityManager,
  before: Pick<Event, 'startsAt' | 'endsAt' | 'venue' | 'kecamatanCode'>,
  after: Event,
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
    ACTIVE_REGISTRATIONS,
    [after.id],
  );
}

/** Call before the registrations are cancelled: their holders are the ones to tell. */
export async function notifyEventCancelled(em: EntityManager, event: Event): Promise<void> {
  await enqueueForParticipants(
    em,
    {
      kind: 'event_cancelled',
      subjectType: 'event',
      subjectId: event.id,
      payload: { event: factsOf(event), reason: event.cancelReason },
    },
    ACTIVE_REGISTRATIONS,
    [event.id],
  );
}

/** Checked in, so the e-certificate can be downloaded. */
export async function notifyCertificateAvailable(
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
export async function notifyBooking(
  em: EntityManager,
  kind: Extract<NotificationKind, `booking_${string}`>,
  booking: Booking,
  studio: Pick<Studio, 'name'>,
  actor: Actor,
): Promise<void> {
  const toStaff = kind === 'booking_requested' || (kind === 'booking_cancelled' && actor.id === booking.createdBy);
  const recipients = toStaff
    ? ((await em.query("SELECT id FROM users WHERE role = 'staff' AND is_active = ?", [true])) as { id: string }[]).map(
        (u) => ({ userId: u.id }),
      )
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

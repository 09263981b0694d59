import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { badInput, conflict, notFound, ruleBroken } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { insertRow } from '../database/row-statements.js';
import { rawInstant } from '../database/raw-values.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { effectiveStatus } from '../events/event-rules.js';
import { EventsService } from '../events/events.service.js';
import { NotificationTriggers } from '../notifications/notification-triggers.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { RegistrationStatus } from '../registrations/registration-rules.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { CheckIn, type CheckInSource } from './check-in.entity.js';
import {
  eventCheckInProblem,
  normaliseTicketCode,
  registrationCheckInProblem,
  scanTimeProblem,
} from './check-in-rules.js';
import { CheckInResponseDto, CreateCheckInDto } from './dto/check-in.dto.js';
import { runStatement } from '../database/statement.js';

/** What a check-in call did: `created` false means the registration had already been checked in. */
export interface CheckInOutcome {
  body: CheckInResponseDto;
  created: boolean;
}

const ATTEMPTS = 3;
/** A registration as a check-in decides on it, with its check-in if it has one. */
interface LockedRegistration {
  id: string;
  eventId: string;
  participantId: string;
  status: RegistrationStatus;
  checkIn: CheckInBody | null;
}
/** Which registration a check-in is for: by id, or by the ticket code scanned at the door. */
type Registered = { registrationId: string } | { ticketCode: string };
/** The check-in columns an answer shows. */
type CheckInBody = Pick<CheckIn, 'registrationId' | 'participantId' | 'checkedInAt' | 'checkedInBy' | 'source'>;
const ONE_OF = 'Send exactly one of ticketCode, registrationId or participantId';
/** The event columns a walk-in decides on. */
const WALK_IN_EVENT = ['id', 'status', 'startsAt', 'endsAt', 'capacity', 'confirmedCount'] as const;

@Injectable()
export class CheckInsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly triggers: NotificationTriggers,
    private readonly participants: ParticipantsService,
  ) {}

  /** An attended registration cannot be cancelled: the check-in is the record that the seat was used. */
  onModuleInit(): void {
    this.registrations.guardCancel(async (em, registrationId) => {
      if (await em.existsBy(CheckIn, { registrationId }))
        throw conflict('This registration was checked in; undo the check-in first', 'checked_in');
    });
  }

  async checkIn(eventId: string, dto: CreateCheckInDto, actor: Actor): Promise<CheckInOutcome> {
    const given = (['ticketCode', 'registrationId', 'participantId'] as const).filter((k) => dto[k] !== undefined);
    if (given.length !== 1)
      throw badInput(
        ONE_OF,
        (given.length ? given : ['ticketCode']).map((field) => ({ field, message: ONE_OF })),
      );
    const at = dto.checkedInAt ? new Date(dto.checkedInAt) : new Date();
    if (dto.participantId) return this.walkIn(eventId, dto.participantId, at, actor);

    let ref: Registered;
    if (dto.registrationId) ref = { registrationId: dto.registrationId };
    else {
      const ticketCode = normaliseTicketCode(dto.ticketCode as string);
      if (!ticketCode) throw notFound('Ticket');
      ref = { ticketCode };
    }
    return this.admitOnce(actor, (em) => this.admit(em, eventId, ref, at, actor, false));
  }

  /**
   * A participant's own check-in with an attendance code (src/attendance/attendance-codes.service.ts checks
   * the code and finds the registration): the same rules and the same row as a scan, with source `code`.
   */
  selfCheckIn(eventId: string, registrationId: string, actor: Actor): Promise<CheckInOutcome> {
    return this.admitOnce(actor, (em) => this.admit(em, eventId, { registrationId }, new Date(), actor, false, 'code'));
  }

  /**
   * The primary key on check_ins may refuse a second check-in that raced ours on another process: then once
   * more, now as a repeat, so an earlier scan time than the winner's still becomes the first.
   */
  private async admitOnce(
    actor: Actor,
    admit: (em: EntityManager) => Promise<CheckInOutcome>,
  ): Promise<CheckInOutcome> {
    try {
      return await this.uow.run(actor, admit);
    } catch (err) {
      if (isUniqueViolation(err)) return this.uow.run(actor, admit);
      throw err;
    }
  }

  /** Undoes a check-in (a mis-scan); the removal is audited like any change. */
  async undo(eventId: string, registrationId: string, actor: Actor): Promise<void> {
    await this.uow.run(actor, async (em) => {
      const r = await this.registrations.lockedRow(em, registrationId, ['eventId', 'certificateNumber']);
      if (!r) throw notFound('Check-in');
      const found = await em.findOneBy(CheckIn, { registrationId });
      if (!found || r.eventId !== eventId) throw notFound('Check-in');
      if (r.certificateNumber)
        throw conflict(
          'A certificate was issued for this attendance; the check-in can no longer be undone',
          'certificate_issued',
        );
      await em.remove(found);
      // Door devices fetch changes by time (check-in-list?since=): a removed check-in must show up as one.
      await this.registrations.touch(em, registrationId);
    });
  }

  /**
   * The registration (locked: it orders the check-in against a concurrent cancel, which takes the same lock) with
   * its check-in if any, in one statement; registrations hands over the locking read, the check-in is ours.
   */
  private async lockedWithCheckIn(em: EntityManager, ref: Registered): Promise<LockedRegistration | null> {
    const read = this.registrations.lockedReadSql('ticketCode' in ref ? 'ticketCode' : 'id');
    const [row] = (await runStatement(
      em,
      `SELECT ${read.columns}, c.participant_id AS checkInParticipantId, c.checked_in_at AS checkedInAt, ` +
        `c.checked_in_by AS checkedInBy, c.source AS checkInSource FROM ${read.from} ` +
        `LEFT JOIN check_ins c ON c.registration_id = r.id WHERE ${read.where}${read.lock}`,
      ['ticketCode' in ref ? ref.ticketCode : ref.registrationId],
    )) as Record<string, unknown>[];
    if (!row) return null;
    const checkedInAt = rawInstant(row.checkedInAt);
    return {
      id: String(row.id),
      eventId: String(row.eventId),
      participantId: String(row.participantId),
      status: row.status as LockedRegistration['status'],
      checkIn: checkedInAt
        ? {
            registrationId: String(row.id),
            participantId: String(row.checkInParticipantId),
            checkedInAt,
            checkedInBy: String(row.checkedInBy),
            source: row.checkInSource as CheckInSource,
          }
        : null,
    };
  }

  /**
   * Checks one registration in. The registration row lock orders us against a concurrent cancel
   * (which takes the same lock before refusing to cancel an attended registration); the check_ins
   * primary key, not this read, is what makes a duplicate impossible.
   */
  private async admit(
    em: EntityManager,
    eventId: string,
    ref: Registered,
    at: Date,
    actor: Actor,
    walkIn: boolean,
    source: CheckInSource = 'staff',
  ): Promise<CheckInOutcome> {
    const r = await this.lockedWithCheckIn(em, ref);
    if (!r) throw notFound('ticketCode' in ref ? 'Ticket' : 'Registration');
    const registrationId = r.id;
    const event = await this.events.row(em, eventId, ['id', 'status', 'startsAt', 'endsAt', 'title', 'venue']);
    if (!event) throw notFound('Event');
    if (r.eventId !== eventId) throw conflict('This ticket belongs to another event', 'ticket_other_event');
    const eventProblem = eventCheckInProblem(effectiveStatus(event.status, event.endsAt), event.startsAt);
    if (eventProblem) throw conflict(eventProblem.message, eventProblem.code);
    const existing = r.checkIn;
    if (existing) {
      // Two door phones offline scanned one ticket: whichever syncs last, the first scan's time stands.
      if (at < existing.checkedInAt && !scanTimeProblem(at, event.startsAt)) {
        const first = await em.findOneByOrFail(CheckIn, { registrationId });
        first.checkedInAt = at;
        return { body: toBody(await em.save(first), true, false), created: false };
      }
      return { body: toBody(existing, true, false), created: false };
    }
    const registrationProblem = registrationCheckInProblem(r.status);
    if (registrationProblem) throw conflict(registrationProblem.message, registrationProblem.code);
    const timeProblem = scanTimeProblem(at, event.startsAt);
    if (timeProblem) throw ruleBroken(timeProblem.message, timeProblem.code);
    // A plain insert: the primary key refuses a duplicate that raced past the read above (caught by the caller).
    const now = new Date();
    const saved = await insertRow(
      em,
      CheckIn,
      em.create(CheckIn, {
        registrationId,
        eventId,
        participantId: r.participantId,
        checkedInAt: at,
        checkedInBy: actor.id,
        source,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.triggers.certificateAvailable(em, registrationId, r.participantId, event);
    return { body: toBody(saved, false, walkIn), created: true };
  }

  /**
   * A walk-in takes a seat, so it holds the event lock like a registration does: a full event refuses
   * walk-ins (raise the capacity first) rather than break confirmedCount <= capacity.
   */
  private async walkIn(eventId: string, participantId: string, at: Date, actor: Actor): Promise<CheckInOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.uow.run(actor, async (em) => {
          const event = await this.events.lockedSeats(em, eventId, WALK_IN_EVENT);
          if (!event) throw notFound('Event');
          const eventProblem = eventCheckInProblem(effectiveStatus(event.status, event.endsAt), event.startsAt);
          if (eventProblem) throw conflict(eventProblem.message, eventProblem.code);
          const participant = await this.participants.row(em, participantId, ['erasedAt']);
          if (!participant || participant.erasedAt) {
            throw badInput(
              'Unknown participant',
              [{ field: 'participantId', message: 'no such participant' }],
              'unknown_participant',
            );
          }
          const active = await this.registrations.activeId(em, eventId, participantId);
          if (active) return this.admit(em, eventId, { registrationId: active }, at, actor, false);

          const timeProblem = scanTimeProblem(at, event.startsAt);
          if (timeProblem) throw ruleBroken(timeProblem.message, timeProblem.code);
          if (event.confirmedCount >= event.capacity) {
            throw conflict('The event is full: raise its capacity to admit walk-ins', 'event_full');
          }
          const registrationId = await this.registrations.addWalkIn(em, eventId, participantId);
          return this.admit(em, eventId, { registrationId }, at, actor, true);
        });
      } catch (err) {
        // A ticket-code collision or the same walk-in admitted concurrently: the next attempt sees it.
        if (!isUniqueViolation(err) || attempt >= ATTEMPTS) throw err;
      }
    }
  }

  /** Check-in times by registration id (the PDP export shows them). */
  async checkedInAtOf(registrationIds: string[]): Promise<Map<string, Date>> {
    if (registrationIds.length === 0) return new Map();
    const rows = await this.uow.dataSource.getRepository(CheckIn).findBy({ registrationId: In(registrationIds) });
    return new Map(rows.map((c) => [c.registrationId, c.checkedInAt]));
  }

  /** Whether the registration was checked in (certificates are issued for attendance only). */
  isCheckedIn(em: EntityManager, registrationId: string): Promise<boolean> {
    return em.existsBy(CheckIn, { registrationId });
  }

  /**
   * A query piece for set-based readers (notifications' staff messages): the `participant_id` of an event's
   * registrations that were checked in, or of its confirmed ones that were not; the event id its only `?` parameter.
   */
  attendeesOfEventSql(checkedIn: boolean): string {
    return checkedIn
      ? 'SELECT r.participant_id FROM registrations r JOIN check_ins c ON c.registration_id = r.id WHERE r.event_id = ?'
      : "SELECT r.participant_id FROM registrations r WHERE r.event_id = ? AND r.status = 'confirmed' " +
          'AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)';
  }
}

function toBody(c: CheckInBody, alreadyCheckedIn: boolean, walkIn: boolean): CheckInResponseDto {
  return {
    registrationId: c.registrationId,
    participantId: c.participantId,
    checkedInAt: c.checkedInAt,
    checkedInBy: c.checkedInBy,
    alreadyCheckedIn,
    walkIn,
    source: c.source,
  };
}

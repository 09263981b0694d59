import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { CheckIn } from '../attendance/check-in.entity.js';
import { Page, page } from '../common/pagination.js';
import { badInput, conflict, forbidden, notFound } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { insertRow, rowById } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { effectiveStatus, windowProblem } from '../events/event-rules.js';
import { Event } from '../events/event.entity.js';
import { isStaff } from '../common/actor.js';
import { Participant } from '../participants/participant.entity.js';
import {
  CreateRegistrationDto,
  EventRegistrationResponseDto,
  ListRegistrationsQuery,
  RegistrationResponseDto,
} from './dto/registration.dto.js';
import { Registration } from './registration.entity.js';
import { bumpCounters, cancelActive } from './seats.js';
import { newTicketCode } from './ticket-code.js';
import { notifyRegistered } from '../notifications/triggers.js';

const TICKET_ATTEMPTS = 5;
/** The event columns a registration decides on (the rest, description included, is not read). */
const SEAT_COLUMNS = [
  'id',
  'status',
  'startsAt',
  'endsAt',
  'registrationOpensAt',
  'registrationClosesAt',
  'capacity',
  'confirmedCount',
  'waitlistedCount',
  'waitlistEnabled',
  'title',
  'venue',
] as const;
const ALREADY = 'This participant already has an active registration for this event';
// Written out rather than built per call (see database/row-statements.ts);
// served by the unique (event_id, active_key) index.
const ACTIVE_REGISTRATION_SQL = 'SELECT 1 AS found FROM registrations WHERE event_id = ? AND active_key = ? LIMIT 1';

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
  ) {}

  async register(eventId: string, dto: CreateRegistrationDto, actor: Actor): Promise<RegistrationResponseDto> {
    const participantId = await this.whoRegisters(dto, actor);
    for (let attempt = 1; ; attempt++) {
      const ticketCode = newTicketCode();
      try {
        const saved = await this.uow.run(actor, (em) => this.registerIn(em, eventId, participantId, ticketCode, actor));
        return RegistrationResponseDto.from(saved);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Either a ticket-code collision (retry with a fresh code) or a concurrent duplicate registration.
        if (await this.ds.getRepository(Registration).existsBy({ eventId, activeKey: participantId }))
          throw conflict(ALREADY, 'already_registered');
        if (attempt >= TICKET_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Validation and loading happen first; the event lock is taken as late as possible, before the seat check,
   * and held only for the seat check and the writes. The active-registration check reads before the lock
   * (its answer is given after the event's own checks, as before): a duplicate that races past it is still
   * refused by the unique (event_id, active_key) index, and answered 409 by register().
   */
  private async registerIn(
    em: EntityManager,
    eventId: string,
    participantId: string,
    ticketCode: string,
    actor: Actor,
  ): Promise<Registration> {
    const participant = await rowById(em, Participant, participantId, ['id', 'erasedAt']);
    if (!participant || participant.erasedAt) {
      throw badInput(
        'Unknown participant',
        [{ field: 'participantId', message: 'no such participant' }],
        'unknown_participant',
      );
    }
    const already = (await em.query(ACTIVE_REGISTRATION_SQL, [eventId, participantId])).length > 0;
    const event = await this.uow.lockedRow(em, Event, eventId, SEAT_COLUMNS);
    if (!event) throw notFound('Event');
    const status = effectiveStatus(event.status, event.endsAt);
    if (status === 'draft') throw notFound('Event');
    if (status !== 'published')
      throw conflict(`Registration is not possible: the event is ${status}`, 'event_not_open');
    const window = windowProblem(event.registrationOpensAt, event.registrationClosesAt, event.startsAt);
    if (window === 'not_open') throw conflict('Registration has not opened yet', 'registration_not_open');
    if (window === 'closed') throw conflict('Registration has closed', 'registration_closed');
    if (already) throw conflict(ALREADY, 'already_registered');

    const confirmed = event.confirmedCount < event.capacity;
    if (!confirmed && !event.waitlistEnabled) throw conflict('The event is full', 'event_full');
    const now = new Date();
    const saved = await insertRow(
      em,
      Registration,
      em.create(Registration, {
        id: randomUUID(),
        eventId,
        participantId,
        activeKey: participantId,
        ticketCode,
        status: confirmed ? 'confirmed' : 'waitlisted',
        waitlistPosition: confirmed ? null : event.waitlistedCount + 1,
        source: actor.role === 'participant' ? 'self' : 'staff',
        cancelledAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await bumpCounters(em, eventId, confirmed ? 1 : 0, confirmed ? 0 : 1);
    await notifyRegistered(em, saved, event);
    return saved;
  }

  private async whoRegisters(dto: CreateRegistrationDto, actor: Actor): Promise<string> {
    if (isStaff(actor)) {
      if (!dto.participantId)
        throw badInput('participantId is required', [
          { field: 'participantId', message: 'required for staff and admin' },
        ]);
      return dto.participantId;
    }
    if (dto.participantId)
      throw forbidden('Participants register themselves; leave participantId out', 'self_registration_only');
    const own = await this.ds.getRepository(Participant).findOneBy({ userId: actor.id });
    if (!own) throw conflict('Create your participant profile first (PUT /me/participant)', 'profile_required');
    return own.id;
  }

  async cancel(id: string, actor: Actor): Promise<RegistrationResponseDto> {
    const found = await this.visible(id, actor);
    const saved = await this.uow.run(actor, async (em) => {
      if (!(await this.uow.lock(em, Event, found.eventId))) throw notFound('Registration');
      // Check-ins lock the registration row only; taking it here orders a cancel against a racing scan.
      await this.uow.lock(em, Registration, id);
      const r = await em.findOneByOrFail(Registration, { id });
      if (r.status === 'cancelled') throw conflict('This registration is already cancelled', 'already_cancelled');
      if (await em.existsBy(CheckIn, { registrationId: id }))
        throw conflict('This registration was checked in; undo the check-in first', 'checked_in');
      const event = await em.findOneByOrFail(Event, { id: r.eventId });
      if (effectiveStatus(event.status, event.endsAt) === 'completed')
        throw conflict('The event has ended', 'event_ended');
      await cancelActive(em, event, r);
      return r;
    });
    return RegistrationResponseDto.from(saved);
  }

  async get(id: string, actor: Actor): Promise<RegistrationResponseDto> {
    return RegistrationResponseDto.from(await this.visible(id, actor));
  }

  /** The registration if the actor may see it: its participant's own account, staff or admin; else 404. */
  async visible(id: string, actor: Actor): Promise<Registration> {
    const r = await this.ds.getRepository(Registration).findOneBy({ id });
    if (!r) throw notFound('Registration');
    if (isStaff(actor)) return r;
    if (actor.role === 'participant') {
      const own = await this.ds.getRepository(Participant).existsBy({ id: r.participantId, userId: actor.id });
      if (own) return r;
    }
    throw notFound('Registration');
  }

  async mine(actor: Actor, query: ListRegistrationsQuery): Promise<Page<RegistrationResponseDto>> {
    const own = await this.ds.getRepository(Participant).findOneBy({ userId: actor.id });
    if (!own) return page([], 0, query);
    const [rows, total] = await this.ds.getRepository(Registration).findAndCount({
      where: { participantId: own.id, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(
      rows.map((r) => RegistrationResponseDto.from(r)),
      total,
      query,
    );
  }

  async forEvent(eventId: string, query: ListRegistrationsQuery): Promise<Page<EventRegistrationResponseDto>> {
    if (!(await this.ds.getRepository(Event).existsBy({ id: eventId }))) throw notFound('Event');
    const qb = this.ds.getRepository(Registration).createQueryBuilder('r').where('r.eventId = :eventId', { eventId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    // Waitlist in queue order after the confirmed ones, then everything else by time.
    const [rows, total] = await qb
      .orderBy('r.status', 'ASC')
      .addOrderBy('r.waitlistPosition', 'ASC')
      .addOrderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    const ids = [...new Set(rows.map((r) => r.participantId))];
    const people =
      ids.length === 0
        ? []
        : await this.ds
            .getRepository(Participant)
            .find({ select: { id: true, fullName: true }, where: { id: In(ids) } });
    const names = new Map(people.map((p) => [p.id, p.fullName]));
    return page(
      rows.map((r) => ({ ...RegistrationResponseDto.from(r), participantName: names.get(r.participantId) ?? '' })),
      total,
      query,
    );
  }
}

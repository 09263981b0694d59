import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, page } from '../common/pagination.js';
import { badInput, conflict, forbidden, notFound } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { insertRow, rowById } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { effectiveStatus, windowProblem } from '../events/event-rules.js';
import { EventsService } from '../events/events.service.js';
import { NotificationTriggers } from '../notifications/notification-triggers.service.js';
import { isStaff } from '../common/actor.js';
import { ageOn, jakartaToday } from '../participants/participant-rules.js';
import { ParticipantsService } from '../participants/participants.service.js';
import {
  CreateRegistrationDto,
  EventRegistrationResponseDto,
  ListRegistrationsQuery,
  RegistrationResponseDto,
} from './dto/registration.dto.js';
import { Registration, type RegistrationSource } from './registration.entity.js';
import { Seats } from './seats.js';
import { newTicketCode } from './ticket-code.js';
import { runStatement } from '../database/statement.js';

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
const ACTIVE_REGISTRATION_SQL = 'SELECT id FROM registrations WHERE event_id = ? AND active_key = ? LIMIT 1';

/** A check a module with its own rows on a registration makes before it is cancelled (throws to refuse). */
export type CancelGuard = (em: EntityManager, registrationId: string) => Promise<void>;

@Injectable()
export class RegistrationsService implements OnModuleInit {
  private readonly cancelGuards: CancelGuard[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    private readonly events: EventsService,
    private readonly seats: Seats,
    private readonly triggers: NotificationTriggers,
    private readonly participants: ParticipantsService,
  ) {}

  /** Registrations hold the events' seats: the events module calls back here when an event changes. */
  onModuleInit(): void {
    this.events.useSeatHolders({
      fillSeats: async (em, eventId, seats) => void (await this.seats.promoteWaitlisted(em, eventId, seats)),
      cancelAll: (em, eventId) => this.seats.cancelAllActive(em, eventId),
      confirmedSeats: (em, userId, eventIds) => this.confirmedSeats(em, userId, eventIds),
    });
  }

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
        if (await this.activeId(this.ds.manager, eventId, participantId)) throw conflict(ALREADY, 'already_registered');
        if (attempt >= TICKET_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Validation and loading happen first; the event lock is taken as late as possible, before the seat check,
   * and held only for the seat check and the writes. An active registration of the pair is refused by the unique
   * (event_id, active_key) index at the insert (answered 409 by register(), after the event's own checks as
   * before), so the common case reads nothing for it.
   */
  private async registerIn(
    em: EntityManager,
    eventId: string,
    participantId: string,
    ticketCode: string,
    actor: Actor,
  ): Promise<Registration> {
    const participant = await this.participants.row(em, participantId, ['id', 'erasedAt']);
    if (!participant || participant.erasedAt) {
      throw badInput(
        'Unknown participant',
        [{ field: 'participantId', message: 'no such participant' }],
        'unknown_participant',
      );
    }
    const event = await this.events.lockedSeats(em, eventId, SEAT_COLUMNS);
    if (!event) throw notFound('Event');
    const status = effectiveStatus(event.status, event.endsAt);
    if (status === 'draft') throw notFound('Event');
    if (status !== 'published')
      throw conflict(`Registration is not possible: the event is ${status}`, 'event_not_open');
    const window = windowProblem(event.registrationOpensAt, event.registrationClosesAt, event.startsAt);
    if (window === 'not_open') throw conflict('Registration has not opened yet', 'registration_not_open');
    if (window === 'closed') throw conflict('Registration has closed', 'registration_closed');
    // Already registered is not read on the way in: the unique (event_id, active_key) index refuses the insert, and
    // register() answers 409 already_registered. Only where "full" would otherwise be the answer is it asked first.
    const confirmed = event.confirmedCount < event.capacity;
    if (!confirmed && !event.waitlistEnabled) {
      if (await this.activeId(em, eventId, participantId)) throw conflict(ALREADY, 'already_registered');
      throw conflict('The event is full', 'event_full');
    }
    const source = actor.role === 'participant' ? 'self' : 'staff';
    const saved = await this.insertActive(
      em,
      eventId,
      participantId,
      ticketCode,
      source,
      event.waitlistedCount + 1,
      confirmed,
    );
    await this.triggers.registered(em, saved, event);
    return saved;
  }

  /**
   * The one place a registration row is written (registrations, walk-ins at the door): the caller holds the
   * event's seat lock and has checked the seat; the counters move with the row.
   */
  private async insertActive(
    em: EntityManager,
    eventId: string,
    participantId: string,
    ticketCode: string,
    source: RegistrationSource,
    waitlistPosition: number,
    confirmed: boolean,
  ): Promise<Registration> {
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
        waitlistPosition: confirmed ? null : waitlistPosition,
        source,
        cancelledAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.events.bumpCounters(em, eventId, confirmed ? 1 : 0, confirmed ? 0 : 1);
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
    const own = await this.participants.idOfUser(this.ds.manager, actor.id);
    if (!own) throw conflict('Create your participant profile first (PUT /me/participant)', 'profile_required');
    return own;
  }

  async cancel(id: string, actor: Actor): Promise<RegistrationResponseDto> {
    const found = await this.visible(id, actor);
    const saved = await this.uow.run(actor, async (em) => {
      if (!(await this.events.lockSeats(em, found.eventId))) throw notFound('Registration');
      // Check-ins lock the registration row only; taking it here orders a cancel against a racing scan.
      await this.uow.lock(em, Registration, id);
      const r = await em.findOneByOrFail(Registration, { id });
      if (r.status === 'cancelled') throw conflict('This registration is already cancelled', 'already_cancelled');
      for (const guard of this.cancelGuards) await guard(em, id);
      const event = await this.events.row(em, r.eventId, ['id', 'status', 'endsAt', 'capacity', 'confirmedCount']);
      if (!event) throw notFound('Registration');
      if (effectiveStatus(event.status, event.endsAt) === 'completed')
        throw conflict('The event has ended', 'event_ended');
      await this.seats.cancelActive(em, event, r);
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
      if ((await this.participants.idOfUser(this.ds.manager, actor.id)) === r.participantId) return r;
    }
    throw notFound('Registration');
  }

  async mine(actor: Actor, query: ListRegistrationsQuery): Promise<Page<RegistrationResponseDto>> {
    const own = await this.participants.idOfUser(this.ds.manager, actor.id);
    if (!own) return page([], 0, query);
    const [rows, total] = await this.ds.getRepository(Registration).findAndCount({
      where: { participantId: own, ...(query.status ? { status: query.status } : {}) },
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
    if (!(await this.events.row(this.ds.manager, eventId, ['id']))) throw notFound('Event');
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
    const names = await this.participants.namesOf([...new Set(rows.map((r) => r.participantId))]);
    return page(
      rows.map((r) => ({ ...RegistrationResponseDto.from(r), participantName: names.get(r.participantId) ?? '' })),
      total,
      query,
    );
  }

  // For other modules; each `em` method runs in the caller's unit of work.

  /** A module with rows of its own on registrations (attendance) refuses cancels through this, at start-up. */
  guardCancel(guard: CancelGuard): void {
    this.cancelGuards.push(guard);
  }

  /** The registration's `columns`, its row locked for the rest of the transaction (MySQL), or null. */
  lockedRow<K extends keyof Registration & string>(
    em: EntityManager,
    id: string,
    columns: readonly K[],
  ): Promise<Pick<Registration, K> | null> {
    return this.uow.lockedRow(em, Registration, id, columns);
  }

  /**
   * The pieces of a locking read of one registration, by id or by ticket code (both unique), for a module whose own
   * rows hang off registrations (attendance joins its check-in to it): `r.id, r.event_id, r.participant_id,
   * r.status` as id, eventId, participantId, status; the one `?` is the id or the code. The door's scan finds,
   * locks and reads the registration with its check-in in one statement.
   */
  lockedReadSql(by: 'id' | 'ticketCode'): { columns: string; from: string; where: string; lock: string } {
    return {
      columns: 'r.id AS id, r.event_id AS eventId, r.participant_id AS participantId, r.status AS status',
      from: 'registrations r',
      where: by === 'id' ? 'r.id = ?' : 'r.ticket_code = ?',
      lock: this.uow.isSqlite ? '' : ' FOR UPDATE',
    };
  }

  /** The id of the participant's active registration for the event, or null. */
  async activeId(em: EntityManager, eventId: string, participantId: string): Promise<string | null> {
    const [row] = (await runStatement(em, ACTIVE_REGISTRATION_SQL, [eventId, participantId])) as { id: string }[];
    return row?.id ?? null;
  }

  /** The id of the active registration for the event of the participant with this user account, or null. */
  async activeIdOfUser(em: EntityManager, eventId: string, userId: string): Promise<string | null> {
    const participantId = await this.participants.idOfUser(em, userId);
    return participantId ? this.activeId(em, eventId, participantId) : null;
  }

  /**
   * A walk-in admitted at the door: a confirmed registration with a fresh ticket code. The caller holds the
   * event's seat lock and has checked the free seat; a ticket code collision is a unique violation to retry.
   */
  async addWalkIn(em: EntityManager, eventId: string, participantId: string): Promise<string> {
    const r = await this.insertActive(em, eventId, participantId, newTicketCode(), 'walk_in', 0, true);
    return r.id;
  }

  /** Records the number of the certificate issued for the registration (set once, by the certificates module). */
  async setCertificateNumber(em: EntityManager, id: string, certificateNumber: string): Promise<void> {
    await em.createQueryBuilder().update(Registration).set({ certificateNumber }).where('id = :id', { id }).execute();
  }

  /** The confirmed registrations of an event, oldest first (the demo seed checks them in). */
  async confirmedIds(eventId: string): Promise<string[]> {
    const rows = await this.ds.getRepository(Registration).find({
      select: { id: true },
      where: { eventId, status: 'confirmed' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  /** Marks the registration changed now (door devices fetch changes by time: an undone check-in is one). */
  async touch(em: EntityManager, id: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Registration)
      .set({ updatedAt: new Date() })
      .where('id = :id', { id })
      .execute();
  }

  /** Of `eventIds`, those where the participant of this user holds a confirmed seat (one query). */
  private async confirmedSeats(em: EntityManager, userId: string, eventIds: string[]): Promise<Set<string>> {
    const participantId = await this.participants.idOfUser(em, userId);
    if (!participantId) return new Set();
    const rows = await em.getRepository(Registration).find({
      select: { eventId: true },
      where: { participantId, status: 'confirmed', eventId: In(eventIds) },
    });
    return new Set(rows.map((r) => r.eventId));
  }

  /** The registration's `columns` (no lock, one statement), or null: for outcomes' quiz checks. */
  row<K extends keyof Registration & string>(
    em: EntityManager,
    id: string,
    columns: readonly K[],
  ): Promise<Pick<Registration, K> | null> {
    return rowById(em, Registration, id, columns);
  }

  /**
   * A query piece for set-based readers (notifications' INSERT … SELECT over an event's audience): selects the
   * `participant_id` of the event's registrations in these statuses, the event id its only `?` parameter.
   */
  participantsOfEventSql(statuses: readonly ('confirmed' | 'waitlisted')[]): string {
    const list = statuses.map((s) => `'${s}'`).join(', ');
    return `SELECT participant_id FROM registrations WHERE event_id = ? AND status IN (${list})`;
  }

  /** The person's registrations for the PDP export, oldest first. */
  async exportOf(participantId: string) {
    const rows = await this.ds
      .getRepository(Registration)
      .find({ where: { participantId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      status: r.status,
      waitlistPosition: r.waitlistPosition,
      ticketCode: r.ticketCode,
      source: r.source,
      createdAt: r.createdAt,
      cancelledAt: r.cancelledAt,
      certificateNumber: r.certificateNumber,
    }));
  }

  /** Before the birth date is erased: the age on each event's local day (Asia/Jakarta), for age-group reports. */
  async keepAgesAtEvents(em: EntityManager, p: { id: string; birthDate: string | null }): Promise<void> {
    if (!p.birthDate) return;
    const registrations = await em.findBy(Registration, { participantId: p.id });
    if (!registrations.length) return;
    const startsAt = await this.events.startsAtOf(em, [...new Set(registrations.map((r) => r.eventId))]);
    const byAge = new Map<number, string[]>();
    for (const r of registrations) {
      const age = ageOn(p.birthDate, jakartaToday(startsAt.get(r.eventId)));
      byAge.set(age, [...(byAge.get(age) ?? []), r.id]);
    }
    for (const [age, ids] of byAge) {
      await em
        .createQueryBuilder()
        .update(Registration)
        .set({ ageAtEvent: age })
        .where('id IN (:...ids)', { ids })
        .execute();
    }
  }

  /** The ids of the person's registrations (outcomes erase and export what hangs off them). */
  async idsOfParticipant(em: EntityManager, participantId: string): Promise<string[]> {
    const rows = await em
      .getRepository(Registration)
      .find({ select: { id: true }, where: { participantId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.id);
  }
}

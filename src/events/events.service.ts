import { Injectable } from '@nestjs/common';
import { And, DataSource, EntityManager, In, LessThan, LessThanOrEqual, MoreThan } from 'typeorm';
import { foldCase } from '../common/fold-case.js';
import { Page, page } from '../common/pagination.js';
import { badInput, conflict, notFound, ruleBroken } from '../common/problem.js';
import { isStaff, type Actor } from '../common/actor.js';
import { instantParam } from '../database/raw-values.js';
import { onReplica } from '../database/read-replica.js';
import { rowById, rowsWhere } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotificationTriggers } from '../notifications/notification-triggers.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { RegionsService } from '../regions/regions.service.js';
import {
  CancelEventDto,
  CreateEventDto,
  EventPartnerRefDto,
  EventResponseDto,
  ListEventsQuery,
  UpdateEventDto,
} from './dto/event.dto.js';
import { eventListFilter } from './event-list-filter.js';
import { effectiveStatus } from './event-rules.js';
import { Event, EventPartner } from './event.entity.js';
import { runStatement } from '../database/statement.js';

/** What an answer shows of an event (the folded title for searching stays in the database). */
const LIST_COLUMNS = [
  'id',
  'title',
  'description',
  'pillar',
  'format',
  'venue',
  'kecamatanCode',
  'onlineUrl',
  'startsAt',
  'endsAt',
  'capacity',
  'waitlistEnabled',
  'registrationOpensAt',
  'registrationClosesAt',
  'targetGroups',
  'status',
  'cancelReason',
  'confirmedCount',
  'waitlistedCount',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Event)[];
export type ListedEvent = Pick<Event, (typeof LIST_COLUMNS)[number]>;

/**
 * What the holder of an event's seats (the registrations module, which depends on this one) does when the
 * event changes. It hands itself over once at start-up (useSeatHolders), so events never imports registrations.
 * Each method runs in the caller's unit of work, under the event's seat lock.
 */
export interface SeatHolders {
  /** `seats` seats became free (capacity raised or published): fill them from the waitlist. */
  fillSeats(em: EntityManager, eventId: string, seats: number): Promise<void>;
  /** The event is being cancelled: cancel its active registrations (the counters are zeroed here after). */
  cancelAll(em: EntityManager, eventId: string): Promise<void>;
  /** Of `eventIds`, those where this signed-in participant user holds a confirmed seat. */
  confirmedSeats(em: EntityManager, userId: string, eventIds: string[]): Promise<Set<string>>;
}

@Injectable()
export class EventsService {
  private seatHolders?: SeatHolders;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    private readonly triggers: NotificationTriggers,
    private readonly regions: RegionsService,
    private readonly partners: PartnersService,
  ) {}

  async create(dto: CreateEventDto, actor: Actor): Promise<EventResponseDto> {
    const id = await this.uow.run(actor, async (em) => {
      const e = em.create(Event, { status: 'draft', confirmedCount: 0, waitlistedCount: 0, cancelReason: null });
      await this.applyFields(em, e, dto);
      const saved = await em.save(e);
      await this.setPartners(em, saved.id, dto.partnerIds ?? [], true);
      return saved.id;
    });
    return this.get(id, actor);
  }

  async update(id: string, dto: UpdateEventDto, actor: Actor): Promise<EventResponseDto> {
    await this.uow.run(actor, async (em) => {
      if (!(await this.uow.lock(em, Event, id))) throw notFound('Event');
      const e = await em.findOneByOrFail(Event, { id });
      const status = effectiveStatus(e.status, e.endsAt);
      if (status !== 'draft' && status !== 'published')
        throw conflict(`A ${status} event cannot be changed`, 'wrong_status');
      if (dto.capacity !== undefined && dto.capacity < e.confirmedCount) {
        throw conflict(
          `capacity cannot go below the ${e.confirmedCount} confirmed registrations`,
          'capacity_below_confirmed',
        );
      }
      const before = { startsAt: e.startsAt, endsAt: e.endsAt, venue: e.venue, kecamatanCode: e.kecamatanCode };
      await this.applyFields(em, e, dto);
      await em.save(e);
      await this.triggers.eventChanged(em, before, e);
      if (dto.partnerIds !== undefined) await this.setPartners(em, id, dto.partnerIds);
      if (e.status === 'published') await this.holders().fillSeats(em, id, e.capacity - e.confirmedCount);
    });
    return this.get(id, actor);
  }

  async publish(id: string, actor: Actor): Promise<EventResponseDto> {
    await this.uow.run(actor, async (em) => {
      if (!(await this.uow.lock(em, Event, id))) throw notFound('Event');
      const e = await em.findOneByOrFail(Event, { id });
      if (e.status !== 'draft')
        throw conflict(
          `Only a draft can be published; this event is ${effectiveStatus(e.status, e.endsAt)}`,
          'wrong_status',
        );
      if (e.endsAt.getTime() <= Date.now())
        throw ruleBroken('An event that has already ended cannot be published', 'event_ended');
      e.status = 'published';
      await em.save(e);
    });
    return this.get(id, actor);
  }

  async cancel(id: string, dto: CancelEventDto, actor: Actor): Promise<EventResponseDto> {
    await this.uow.run(actor, async (em) => {
      if (!(await this.uow.lock(em, Event, id))) throw notFound('Event');
      const e = await em.findOneByOrFail(Event, { id });
      const status = effectiveStatus(e.status, e.endsAt);
      if (status !== 'draft' && status !== 'published')
        throw conflict(`A ${status} event cannot be cancelled`, 'wrong_status');
      e.status = 'cancelled';
      e.cancelReason = dto.reason.trim();
      await em.save(e);
      await this.triggers.eventCancelled(em, e);
      await this.holders().cancelAll(em, id);
      await em
        .createQueryBuilder()
        .update(Event)
        .set({ confirmedCount: 0, waitlistedCount: 0 })
        .where('id = :id', { id })
        .execute();
    });
    return this.get(id, actor);
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.uow.run(actor, async (em) => {
      if (!(await this.uow.lock(em, Event, id))) throw notFound('Event');
      const e = await em.findOneByOrFail(Event, { id });
      if (e.status !== 'draft')
        throw conflict('Only a draft can be deleted; cancel a published event instead', 'wrong_status');
      await em.delete(EventPartner, { eventId: id });
      await em.remove(e);
    });
  }

  async get(id: string, actor?: Actor): Promise<EventResponseDto> {
    const e = await rowById(this.ds.manager, Event, id, LIST_COLUMNS);
    if (!e || (e.status === 'draft' && !isStaff(actor))) throw notFound('Event');
    const [dto] = await this.withPartners([e], actor);
    return dto;
  }

  /** The public listing may lag a moment behind writes, so it reads from a replica; staff read their own writes. */
  async list(query: ListEventsQuery, actor?: Actor, partnerId?: string): Promise<Page<EventResponseDto>> {
    const read = (em: EntityManager) => this.listOn(em, query, actor, partnerId);
    return isStaff(actor) ? read(this.ds.manager) : onReplica(this.ds, read);
  }

  private async listOn(
    em: EntityManager,
    query: ListEventsQuery,
    actor?: Actor,
    partnerId?: string,
  ): Promise<Page<EventResponseDto>> {
    if (partnerId && !(await this.partners.isActive(em, partnerId))) {
      throw notFound('Partner');
    }
    const driver = em.connection.driver.options.type;
    const { where, params } = eventListFilter(
      query,
      isStaff(actor),
      new Date(),
      (d) => instantParam(driver, d),
      partnerId,
    );
    // The page's ids from the index alone, then only those rows: sorting whole rows (descriptions included) for a
    // deep page would cost as much as the whole table. The count runs beside it, on its own pooled connection.
    const [rows, [counted]] = await Promise.all([
      rowsWhere(
        em,
        Event,
        LIST_COLUMNS,
        `JOIN (SELECT e.id FROM events e WHERE ${where} ORDER BY e.starts_at, e.id LIMIT ? OFFSET ?) pg ` +
          'ON pg.id = t.id ORDER BY t.starts_at, t.id',
        [...params, query.limit, query.offset],
      ),
      runStatement<{ n: unknown }[]>(em, `SELECT COUNT(*) AS n FROM events e WHERE ${where}`, params),
    ]);
    const total = Number(counted.n);
    return page(await this.withPartners(rows, actor, em), total, query);
  }

  /** One query for the partners of all the given events, and at most one for their links (no query per event). */
  private async withPartners(
    events: ListedEvent[],
    actor: Actor | undefined,
    em: EntityManager = this.ds.manager,
  ): Promise<EventResponseDto[]> {
    const byEvent = new Map<string, EventPartnerRefDto[]>();
    if (events.length > 0) {
      const ids = events.map((e) => e.id);
      const names = this.partners.nameJoin('ep.partner_id');
      const rows = (await runStatement(
        em,
        `SELECT ep.event_id AS eventId, ${names.select} FROM event_partners ep ${names.join} ` +
          `WHERE ep.event_id IN (${ids.map(() => '?').join(', ')}) ORDER BY ${names.orderBy}`,
        ids,
      )) as { eventId: string; id: string; name: string }[];
      for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), { id: r.id, name: r.name }]);
    }
    const linkFor = await this.linkAudience(events, actor, em);
    return events.map((e) => toResponse(e, byEvent.get(e.id) ?? [], linkFor.has(e.id)));
  }

  /**
   * The events among `events` whose meeting link the actor may see: the link lets anyone into the session,
   * so only staff, admin and participants holding a confirmed seat get it (a waitlisted one gets it once
   * promoted). One query for a participant, over the events that have a link at all.
   */
  private async linkAudience(events: ListedEvent[], actor: Actor | undefined, em: EntityManager): Promise<Set<string>> {
    const withLink = events.filter((e) => e.onlineUrl !== null).map((e) => e.id);
    if (withLink.length === 0 || !actor) return new Set();
    if (isStaff(actor)) return new Set(withLink);
    if (actor.role !== 'participant') return new Set();
    return this.holders().confirmedSeats(em, actor.id, withLink);
  }

  private async applyFields(em: EntityManager, e: Event, dto: UpdateEventDto): Promise<void> {
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdateEventDto;
    if (given.title !== undefined) {
      e.title = given.title.trim();
      e.titleSearch = foldCase(e.title);
    }
    if (given.description !== undefined) e.description = given.description;
    if (given.pillar !== undefined) e.pillar = given.pillar;
    if (given.format !== undefined) e.format = given.format;
    if (given.venue !== undefined) e.venue = given.venue?.trim() || null;
    if (given.kecamatanCode !== undefined) e.kecamatanCode = given.kecamatanCode;
    if (given.onlineUrl !== undefined) e.onlineUrl = given.onlineUrl;
    if (given.startsAt !== undefined) e.startsAt = new Date(given.startsAt);
    if (given.endsAt !== undefined) e.endsAt = new Date(given.endsAt);
    if (given.capacity !== undefined) e.capacity = given.capacity;
    if (given.waitlistEnabled !== undefined) e.waitlistEnabled = given.waitlistEnabled;
    e.waitlistEnabled ??= true;
    if (given.registrationOpensAt !== undefined)
      e.registrationOpensAt = given.registrationOpensAt ? new Date(given.registrationOpensAt) : null;
    if (given.registrationClosesAt !== undefined)
      e.registrationClosesAt = given.registrationClosesAt ? new Date(given.registrationClosesAt) : null;
    e.registrationOpensAt ??= null;
    e.registrationClosesAt ??= null;
    if (given.targetGroups !== undefined) e.targetGroups = given.targetGroups;
    e.targetGroups ??= [];

    if (e.endsAt.getTime() <= e.startsAt.getTime()) {
      throw badInput('endsAt must be after startsAt', [{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    const closes = e.registrationClosesAt ?? e.startsAt;
    if (e.registrationOpensAt && e.registrationOpensAt.getTime() >= closes.getTime()) {
      throw badInput('The registration window is empty', [
        { field: 'registrationOpensAt', message: 'must be before registrationClosesAt (default startsAt)' },
      ]);
    }
    if (e.registrationClosesAt && e.registrationClosesAt.getTime() > e.endsAt.getTime()) {
      throw badInput('Registration cannot close after the event ends', [
        { field: 'registrationClosesAt', message: 'must not be after endsAt' },
      ]);
    }
    if (e.kecamatanCode && !(await this.regions.isKecamatan(em, e.kecamatanCode))) {
      throw badInput(
        'Unknown kecamatanCode',
        [{ field: 'kecamatanCode', message: 'not a kecamatan of Kabupaten Purbalingga' }],
        'unknown_kecamatan',
      );
    }
  }

  /** Only the links that change are removed or added (entity by entity, so each lands in the audit trail). */
  private async setPartners(em: EntityManager, eventId: string, partnerIds: string[], isNew = false): Promise<void> {
    if (partnerIds.length > 0) {
      if (!(await this.partners.allExist(em, partnerIds))) {
        throw badInput(
          'Unknown partner',
          [{ field: 'partnerIds', message: 'every id must be an existing partner' }],
          'unknown_partner',
        );
      }
    }
    const current = isNew ? [] : await em.findBy(EventPartner, { eventId });
    const removed = current.filter((link) => !partnerIds.includes(link.partnerId));
    const added = partnerIds.filter((partnerId) => !current.some((link) => link.partnerId === partnerId));
    if (removed.length > 0) await em.remove(removed);
    if (added.length > 0)
      await em.insert(
        EventPartner,
        added.map((partnerId) => ({ eventId, partnerId })),
      );
  }

  private holders(): SeatHolders {
    if (!this.seatHolders) throw new Error('No SeatHolders: RegistrationsModule registers them at start-up');
    return this.seatHolders;
  }

  // For the modules holding an event's seats (registrations, attendance); each runs in the caller's unit of work.

  /** Called once at start-up by the registrations module (see SeatHolders). */
  useSeatHolders(holders: SeatHolders): void {
    this.seatHolders = holders;
  }

  /** Takes the row lock that serialises every writer of the event's seats; false when there is no such event. */
  lockSeats(em: EntityManager, eventId: string): Promise<boolean> {
    return this.uow.lock(em, Event, eventId);
  }

  /** `lockSeats` and the event's `columns` in one query: null when there is no such event. */
  lockedSeats<K extends keyof Event & string>(
    em: EntityManager,
    eventId: string,
    columns: readonly K[],
  ): Promise<Pick<Event, K> | null> {
    return this.uow.lockedRow(em, Event, eventId, columns);
  }

  /** The event's `columns` (no lock, one statement: see database/row-statements.ts), or null. */
  row<K extends keyof Event & string>(
    em: EntityManager,
    eventId: string,
    columns: readonly K[],
  ): Promise<Pick<Event, K> | null> {
    return rowById(em, Event, eventId, columns);
  }

  /** The start of each of these events (erasure keeps the age on each event's day). */
  async startsAtOf(em: EntityManager, ids: string[]): Promise<Map<string, Date>> {
    const rows = await em.find(Event, { select: { id: true, startsAt: true }, where: { id: In(ids) } });
    return new Map(rows.map((e) => [e.id, e.startsAt]));
  }

  // For the demo seed (src/seed/).

  /** The seed's own time travel of a training it created, not a change anyone made: no actor, no audit row. */
  async moveForDemo(id: string, startsAt: Date, endsAt: Date): Promise<void> {
    await this.uow.run(null, (em) => em.update(Event, id, { startsAt, endsAt, registrationClosesAt: null }));
  }

  /** Published events that have ended, earliest first. */
  endedPublished(): Promise<Pick<Event, 'id' | 'startsAt'>[]> {
    return this.ds.getRepository(Event).find({
      select: { id: true, startsAt: true },
      where: { status: 'published', endsAt: LessThan(new Date()) },
      order: { startsAt: 'ASC' },
    });
  }

  /**
   * Adds deltas to the seat counters (bookkeeping, not audited changes), under the seat lock. Written out once
   * rather than built by a query builder per call: it runs in every registration (see database/row-statements.ts).
   */
  async bumpCounters(em: EntityManager, eventId: string, confirmed: number, waitlisted: number): Promise<void> {
    if (confirmed === 0 && waitlisted === 0) return;
    await runStatement(em, BUMP_COUNTERS_SQL, [Math.trunc(confirmed), Math.trunc(waitlisted), eventId]);
  }

  /** Published events starting in (from, until], for the reminder scheduler: the facts its messages show. */
  publishedStartingBetween(
    from: Date,
    until: Date,
  ): Promise<Pick<Event, 'id' | 'title' | 'startsAt' | 'endsAt' | 'venue'>[]> {
    return this.ds.getRepository(Event).find({
      where: { status: 'published', startsAt: And(MoreThan(from), LessThanOrEqual(until)) },
      select: { id: true, title: true, startsAt: true, endsAt: true, venue: true },
    });
  }
}

const BUMP_COUNTERS_SQL =
  'UPDATE events SET confirmed_count = confirmed_count + ?, ' +
  'waitlisted_count = waitlisted_count + ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?';

/** `showLink`: whether the caller may see the meeting link (EventsService.linkAudience); else it is null. */
export function toResponse(e: ListedEvent, partners: EventPartnerRefDto[], showLink: boolean): EventResponseDto {
  const status = effectiveStatus(e.status, e.endsAt);
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    pillar: e.pillar,
    format: e.format,
    venue: e.venue,
    kecamatanCode: e.kecamatanCode,
    onlineUrl: showLink ? e.onlineUrl : null,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    capacity: e.capacity,
    waitlistEnabled: e.waitlistEnabled,
    registrationOpensAt: e.registrationOpensAt,
    registrationClosesAt: e.registrationClosesAt ?? e.startsAt,
    targetGroups: e.targetGroups,
    status,
    cancelReason: e.cancelReason,
    confirmedCount: e.confirmedCount,
    waitlistedCount: e.waitlistedCount,
    seatsLeft: status === 'draft' || status === 'published' ? Math.max(0, e.capacity - e.confirmedCount) : 0,
    partners,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

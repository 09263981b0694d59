import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, EntityManager, In, LessThan, LessThanOrEqual, MoreThan, Not, Repository } from 'typeorm';
import { Page, page } from '../common/pagination.js';
import { badInput, conflict, forbidden, notFound, ruleBroken } from '../common/problem.js';
import { isStaff, type Actor } from '../common/actor.js';
import { instantParam } from '../database/raw-values.js';
import { rowsWhere } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { PartnersService } from '../partners/partners.service.js';
import { BOOKING_RULE_COLUMNS, type Studio, StudiosService } from '../studios/studios.service.js';
import { ACTIVE_BOOKING_STATUSES, Booking, type BookingStatus } from './booking.entity.js';
import { raisesCapCount } from './booking-cap.js';
import {
  availableSlots,
  type BookingContext,
  checkBooking,
  localDateOf,
  localDayStart,
  RULE_PROBLEM_CODES,
  type StudioRules,
} from './booking-slots.js';
import {
  AvailabilityQuery,
  AvailabilityResponseDto,
  BookingResponseDto,
  CancelBookingDto,
  CreateBookingDto,
  ListBookingsQuery,
  UpdateBookingDto,
} from './dto/booking.dto.js';
import { NotificationTriggers } from '../notifications/notification-triggers.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** The studio columns the booking rules need. */
type BookingRules = Pick<Studio, (typeof BOOKING_RULE_COLUMNS)[number]>;

export function rulesOf(studio: BookingRules): StudioRules {
  return {
    openingHours: studio.openingHours,
    slotMinutes: studio.slotMinutes,
    bufferMinutes: studio.bufferMinutes,
    minNoticeHours: studio.minNoticeHours,
    maxDurationMinutes: studio.maxDurationMinutes,
    maxAdvanceDays: studio.maxAdvanceDays,
  };
}

/** The start of a local (Asia/Jakarta) calendar day, or null for a string that is no real date. */
function dayStartOf(date: string): Date | null {
  try {
    return localDayStart(date);
  } catch {
    return null;
  }
}

function instantsOf(startsAt: string, endsAt: string): { startsAt: Date; endsAt: Date } {
  const range = { startsAt: new Date(startsAt), endsAt: new Date(endsAt) };
  if (range.endsAt <= range.startsAt) {
    throw badInput('The booking must end after it starts', [{ field: 'endsAt', message: 'must be after startsAt' }]);
  }
  return range;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly studios: StudiosService,
    private readonly partners: PartnersService,
    private readonly triggers: NotificationTriggers,
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
  ) {}

  async availability(studioId: string, query: AvailabilityQuery): Promise<AvailabilityResponseDto> {
    const dayStart = dayStartOf(query.date);
    if (!dayStart)
      throw badInput('The request has invalid fields', [{ field: 'date', message: 'not a calendar date' }]);
    const studio = await this.studios.bookingRules(studioId);
    const ctx = await this.context(
      this.bookings.manager,
      studio,
      new Date(dayStart.getTime() - DAY_MS),
      new Date(dayStart.getTime() + 2 * DAY_MS),
    );
    const slots = availableSlots(rulesOf(studio), ctx, query.date, query.duration);
    return {
      studioId,
      date: query.date,
      slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    };
  }

  /**
   * Input is checked first; then the studio row lock is taken, and only under it are the studio's
   * bookings read, the rules checked and the new one written, so two writers (in any process) can
   * never both see a free slot.
   */
  async create(dto: CreateBookingDto, actor: Actor): Promise<BookingResponseDto> {
    const { startsAt, endsAt } = instantsOf(dto.startsAt, dto.endsAt);
    const partnerId = this.bookingPartner(dto, actor);
    const saved = await this.uow.run(actor, async (em) => {
      const partnerName = await this.partners.activeNameIn(em, partnerId);
      if (partnerName === null) {
        if (!isStaff(actor)) throw forbidden('Your partner is not active', 'partner_inactive');
        throw badInput(
          'Unknown partner',
          [{ field: 'partnerId', message: 'no active partner with this id' }],
          'unknown_partner',
        );
      }
      const studio = await this.studios.lockedStudio(em, dto.studioId);
      this.checkGuests(studio, dto.guestCount);
      const ctx = await this.context(em, studio, startsAt, endsAt);
      this.enforce(checkBooking(rulesOf(studio), ctx, startsAt, endsAt, {}));
      if (!isStaff(actor)) await this.enforceFairShare(em, studio, partnerId, ctx.now);
      const booking = em.create(Booking, {
        studioId: studio.id,
        partnerId,
        createdBy: actor.id,
        startsAt,
        endsAt,
        topic: dto.topic.trim(),
        description: dto.description?.trim() || null,
        guestCount: dto.guestCount ?? null,
        status: isStaff(actor) ? 'approved' : 'pending',
        statusReason: null,
        decidedBy: isStaff(actor) ? actor.id : null,
        decidedAt: isStaff(actor) ? ctx.now : null,
      });
      const saved = await em.save(booking);
      if (saved.status === 'pending') await this.triggers.booking(em, 'booking_requested', saved, studio, actor);
      return { booking: saved, partnerName };
    });
    return BookingResponseDto.from(saved.booking, saved.partnerName);
  }

  async list(query: ListBookingsQuery, actor: Actor): Promise<Page<BookingResponseDto>> {
    const qb = this.bookings.createQueryBuilder('b');
    if (!isStaff(actor)) qb.andWhere('b.partnerId = :own', { own: this.ownPartner(actor) });
    if (query.studioId) qb.andWhere('b.studioId = :studioId', { studioId: query.studioId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.from) qb.andWhere('b.startsAt >= :from', { from: this.bound(query.from, 'from', false) });
    if (query.to) qb.andWhere('b.startsAt < :to', { to: this.bound(query.to, 'to', true) });
    qb.orderBy(query.sort === 'createdAt' ? 'b.createdAt' : 'b.startsAt', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .skip(query.offset)
      .take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return page(await this.withPartnerNames(this.bookings.manager, rows), total, query);
  }

  async get(id: string, actor: Actor): Promise<BookingResponseDto> {
    const booking = await this.bookings.findOneBy({ id });
    if (!booking || !this.canSee(booking, actor)) throw notFound('Booking');
    return (await this.withPartnerNames(this.bookings.manager, [booking]))[0];
  }

  /**
   * Reschedule or edit: the owner partner while pending and not yet started, staff while pending or approved;
   * same rules as create. A started booking is the partner's no longer: moving it into the future would
   * also hand the partner a place beyond its cap (change() rechecks the cap as well).
   */
  async update(id: string, dto: UpdateBookingDto, actor: Actor): Promise<BookingResponseDto> {
    for (const field of ['startsAt', 'endsAt', 'topic'] as const) {
      if (dto[field] === null)
        throw badInput('The request has invalid fields', [{ field, message: `${field} may not be null` }]);
    }
    return this.change(id, actor, async (em, booking, studio) => {
      const allowed: BookingStatus[] = isStaff(actor) ? ACTIVE_BOOKING_STATUSES : ['pending'];
      if (!allowed.includes(booking.status))
        throw conflict(`A ${booking.status} booking can no longer be changed`, 'wrong_status');
      if (!isStaff(actor) && booking.startsAt.getTime() <= Date.now()) {
        throw conflict('The booking has started; only staff can change it now', 'booking_started');
      }
      const range = instantsOf(
        dto.startsAt ?? booking.startsAt.toISOString(),
        dto.endsAt ?? booking.endsAt.toISOString(),
      );
      const moved =
        range.startsAt.getTime() !== booking.startsAt.getTime() || range.endsAt.getTime() !== booking.endsAt.getTime();
      if (dto.guestCount !== undefined) this.checkGuests(studio, dto.guestCount);
      if (moved) {
        const ctx = await this.context(em, studio, range.startsAt, range.endsAt);
        this.enforce(checkBooking(rulesOf(studio), ctx, range.startsAt, range.endsAt, { ignoreBookingId: booking.id }));
        Object.assign(booking, range);
      }
      if (dto.topic !== undefined) booking.topic = dto.topic.trim();
      if (dto.description !== undefined) booking.description = dto.description?.trim() || null;
      if (dto.guestCount !== undefined) booking.guestCount = dto.guestCount;
    });
  }

  /**
   * A pending booking was checked against every pending and approved one when it was made or moved,
   * so approving only re-checks the buffer (under the studio lock) as a guard against a changed buffer.
   */
  approve(id: string, actor: Actor): Promise<BookingResponseDto> {
    return this.change(id, actor, async (em, booking, studio) => {
      this.expectStatus(booking, ['pending'], 'approved');
      const buffer = studio.bufferMinutes * MINUTE_MS;
      const clash = await em.findOne(Booking, {
        where: {
          studioId: studio.id,
          id: Not(booking.id),
          status: In(ACTIVE_BOOKING_STATUSES),
          startsAt: LessThan(new Date(booking.endsAt.getTime() + buffer)),
          endsAt: MoreThan(new Date(booking.startsAt.getTime() - buffer)),
        },
      });
      if (clash)
        throw conflict(`The booking is less than ${studio.bufferMinutes} minutes from another booking`, 'slot_taken');
      this.decide(booking, 'approved', actor, null);
      await this.triggers.booking(em, 'booking_approved', booking, studio, actor);
    });
  }

  reject(id: string, reason: string, actor: Actor): Promise<BookingResponseDto> {
    return this.change(id, actor, async (em, booking, studio) => {
      this.expectStatus(booking, ['pending'], 'rejected');
      this.decide(booking, 'rejected', actor, reason.trim());
      await this.triggers.booking(em, 'booking_rejected', booking, studio, actor);
    });
  }

  cancel(id: string, dto: CancelBookingDto, actor: Actor): Promise<BookingResponseDto> {
    return this.change(id, actor, async (em, booking, studio) => {
      this.expectStatus(booking, ACTIVE_BOOKING_STATUSES, 'cancelled');
      if (!isStaff(actor) && booking.startsAt.getTime() <= Date.now()) {
        throw conflict('The booking has started; only staff can cancel it now', 'booking_started');
      }
      this.decide(booking, 'cancelled', actor, dto.reason?.trim() || null);
      await this.triggers.booking(em, 'booking_cancelled', booking, studio, actor);
    });
  }

  /** Completed or no-show: only for an approved booking that has started. */
  close(
    id: string,
    outcome: 'completed' | 'no_show',
    reason: string | undefined,
    actor: Actor,
  ): Promise<BookingResponseDto> {
    return this.change(id, actor, async (_em, booking) => {
      this.expectStatus(booking, ['approved'], outcome);
      if (booking.startsAt.getTime() > Date.now())
        throw conflict('The booking has not started yet', 'booking_not_started');
      this.decide(booking, outcome, actor, reason?.trim() || null);
    });
  }

  /** Approved bookings of a studio with their partners' names, for the calendar feed. */
  async approvedWithPartners(studioId: string): Promise<{ booking: Booking; partnerName: string }[]> {
    const rows = await this.bookings.find({
      where: { studioId, status: 'approved' },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const names = await this.partnerNames(this.bookings.manager, rows);
    return rows.map((booking) => ({ booking, partnerName: names.get(booking.partnerId) ?? '' }));
  }

  /**
   * A partner's pending and approved bookings from the start of today on, with their studios, for its calendar feed.
   */
  async activeOfPartner(partnerId: string): Promise<{ booking: Booking; studio: Studio }[]> {
    const since = localDayStart(localDateOf(new Date()));
    const rows = await this.bookings.find({
      where: { partnerId, status: In(ACTIVE_BOOKING_STATUSES), endsAt: MoreThan(since) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const studios = new Map(
      (await this.studios.byIds([...new Set(rows.map((b) => b.studioId))])).map((s) => [s.id, s]),
    );
    return rows.flatMap((booking) => {
      const studio = studios.get(booking.studioId);
      return studio ? [{ booking, studio }] : [];
    });
  }

  /**
   * Runs one change of a booking: found (404 for another partner's), then the studio lock, which
   * every writer of the studio's calendar takes first, then the booking re-read fresh under it.
   * A change that makes the booking count toward its partner's cap again is checked against the cap
   * here, under the same lock create counts under, whichever transition made it.
   */
  private async change(
    id: string,
    actor: Actor,
    apply: (em: EntityManager, booking: Booking, studio: Studio) => Promise<void>,
  ): Promise<BookingResponseDto> {
    return this.uow.run(actor, async (em) => {
      const found = await em.findOneBy(Booking, { id });
      if (!found || !this.canSee(found, actor)) throw notFound('Booking');
      const studio = await this.studios.lockedStudio(em, found.studioId);
      const booking = await em.findOneByOrFail(Booking, { id });
      const before = { status: booking.status, startsAt: booking.startsAt };
      await apply(em, booking, studio);
      const now = new Date();
      if (!isStaff(actor) && raisesCapCount(before, booking, now))
        await this.enforceFairShare(em, studio, booking.partnerId, now, booking.id);
      const saved = await em.save(booking);
      return (await this.withPartnerNames(em, [saved]))[0];
    });
  }

  private decide(booking: Booking, status: BookingStatus, actor: Actor, reason: string | null): void {
    booking.status = status;
    booking.statusReason = reason;
    booking.decidedBy = actor.id;
    booking.decidedAt = new Date();
  }

  private expectStatus(booking: Booking, from: BookingStatus[], to: BookingStatus): void {
    if (!from.includes(booking.status))
      throw conflict(`A ${booking.status} booking cannot become ${to}`, 'wrong_status');
  }

  private enforce(verdict: ReturnType<typeof checkBooking>): void {
    if (verdict.ok) return;
    throw verdict.kind === 'conflict'
      ? conflict(verdict.message, 'slot_taken')
      : ruleBroken(verdict.message, RULE_PROBLEM_CODES[verdict.code]);
  }

  /** Staff are exempt: they may book beyond the cap for a partner. `except`: the booking being changed. */
  private async enforceFairShare(
    em: EntityManager,
    studio: Studio,
    partnerId: string,
    now: Date,
    except?: string,
  ): Promise<void> {
    const held = await em.count(Booking, {
      where: {
        studioId: studio.id,
        partnerId,
        status: In(ACTIVE_BOOKING_STATUSES),
        startsAt: MoreThan(now),
        ...(except ? { id: Not(except) } : {}),
      },
    });
    if (held >= studio.maxActiveBookingsPerPartner) {
      throw conflict(
        `Your partner already holds ${held} upcoming bookings of ` +
          `this studio (at most ${studio.maxActiveBookingsPerPartner})`,
        'booking_cap_reached',
      );
    }
  }

  private checkGuests(studio: Studio, guestCount: number | null | undefined): void {
    if (studio.capacity !== null && guestCount != null && guestCount > studio.capacity) {
      throw ruleBroken(`The studio holds at most ${studio.capacity} people`, 'studio_capacity_exceeded');
    }
  }

  /** The studio's closures and holding bookings around [from, to), read with `now` for the rules. */
  private async context(em: EntityManager, studio: BookingRules, from: Date, to: Date): Promise<BookingContext> {
    // Widened by a day and the buffer: the rules decide what matters, the query only must not miss it.
    const margin = DAY_MS + studio.bufferMinutes * MINUTE_MS;
    const start = new Date(from.getTime() - margin);
    const end = new Date(to.getTime() + margin);
    const at = (d: Date) => instantParam(em.connection.driver.options.type, d);
    const closures = await this.studios.closuresIn(em, studio.id, start, end);
    // Written out (database/row-statements.ts): every availability request and every booking change reads it.
    const bookings = await rowsWhere(
      em,
      Booking,
      ['id', 'startsAt', 'endsAt'],
      `WHERE t.studio_id = ? AND t.status IN (${ACTIVE_BOOKING_STATUSES.map(() => '?').join(', ')}) ` +
        'AND t.starts_at < ? AND t.ends_at > ?',
      [studio.id, ...ACTIVE_BOOKING_STATUSES, at(end), at(start)],
    );
    return {
      now: new Date(),
      closures: closures.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt })),
      bookings: bookings.map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt })),
    };
  }

  private bookingPartner(dto: CreateBookingDto, actor: Actor): string {
    if (isStaff(actor)) {
      if (!dto.partnerId)
        throw badInput('Staff book on behalf of a partner', [
          { field: 'partnerId', message: 'required for staff and admin' },
        ]);
      return dto.partnerId;
    }
    const own = this.ownPartner(actor);
    if (dto.partnerId !== undefined && dto.partnerId !== own)
      throw forbidden('Partner users book only for their own partner', 'own_partner_only');
    return own;
  }

  private ownPartner(actor: Actor): string {
    if (!actor.partnerId) throw forbidden('Your account is not linked to a partner', 'no_partner_account');
    return actor.partnerId;
  }

  private canSee(booking: Booking, actor: Actor): boolean {
    return isStaff(actor) || (actor.partnerId !== null && booking.partnerId === actor.partnerId);
  }

  private bound(value: string, field: 'from' | 'to', endOfDay: boolean): Date {
    if (value.length === 10) {
      const start = dayStartOf(value);
      if (!start) throw badInput('The request has invalid fields', [{ field, message: 'not a calendar date' }]);
      return endOfDay ? new Date(start.getTime() + DAY_MS) : start;
    }
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime()))
      throw badInput('The request has invalid fields', [{ field, message: 'not a valid instant' }]);
    return instant;
  }

  private partnerNames(em: EntityManager, rows: Booking[]): Promise<Map<string, string>> {
    return this.partners.namesIn(em, [...new Set(rows.map((b) => b.partnerId))]);
  }

  private async withPartnerNames(em: EntityManager, rows: Booking[]): Promise<BookingResponseDto[]> {
    const names = await this.partnerNames(em, rows);
    return rows.map((b) => BookingResponseDto.from(b, names.get(b.partnerId) ?? ''));
  }

  /** Approved bookings starting in (from, until], with their studio's name, for the reminder scheduler. */
  async approvedStartingBetween(from: Date, until: Date): Promise<{ booking: Booking; studioName: string }[]> {
    const rows = await this.bookings.find({
      where: { status: 'approved', startsAt: And(MoreThan(from), LessThanOrEqual(until)) },
    });
    if (rows.length === 0) return [];
    const names = new Map(
      (await this.studios.byIds([...new Set(rows.map((b) => b.studioId))])).map((s) => [s.id, s.name]),
    );
    return rows.map((booking) => ({ booking, studioName: names.get(booking.studioId) ?? '' }));
  }
}

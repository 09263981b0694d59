/**
 * Booking rules of a studio, as pure functions over plain data, so that the availability listing
 * and booking creation/rescheduling share one verdict and can be tested without a database.
 */

import { JAKARTA_OFFSET_MS, localDayStart } from '../common/jakarta-time.js';
import type { ProblemCode } from '../common/problem-codes.js';
import { type OpeningRange, parseLocalTime } from '../studios/opening-hours.js';

export { JAKARTA_UTC_OFFSET_MINUTES, localDateOf, localDayStart } from '../common/jakarta-time.js';
export { isValidOpeningHours, type OpeningRange, parseLocalTime } from '../studios/opening-hours.js';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = JAKARTA_OFFSET_MS;

export interface StudioRules {
  openingHours: OpeningRange[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeHours: number;
  maxDurationMinutes: number;
  maxAdvanceDays: number;
}

export interface BookingContext {
  now: Date;
  closures: { startsAt: Date; endsAt: Date }[];
  /** Only bookings that still hold their time: pending or approved. */
  bookings: { id: string; startsAt: Date; endsAt: Date }[];
}

export type RuleCode =
  'invalid_range' | 'past' | 'notice' | 'horizon' | 'too_long' | 'off_grid' | 'outside_hours' | 'closure';

/**
 * The problem code (problem-codes.ts) each broken rule is answered with; a clash with another booking is `slot_taken`.
 */
export const RULE_PROBLEM_CODES: Record<RuleCode, ProblemCode> = {
  invalid_range: 'invalid_range',
  past: 'in_past',
  notice: 'notice_too_short',
  horizon: 'too_far_ahead',
  too_long: 'too_long',
  off_grid: 'off_grid',
  outside_hours: 'outside_opening_hours',
  closure: 'in_closure',
};

export type BookingCheck =
  | { ok: true }
  | { ok: false; kind: 'rule'; code: RuleCode; message: string }
  | { ok: false; kind: 'conflict'; message: string; conflictingBookingId: string };

export interface TimeSlot {
  startsAt: Date;
  endsAt: Date;
}

export interface CheckOptions {
  /** The booking being rescheduled, which must not collide with its own current time. */
  ignoreBookingId?: string;
}

interface LocalDay {
  /** UTC milliseconds of the local midnight. */
  startMs: number;
  weekday: number;
}

function localDayOf(instantMs: number): LocalDay {
  const dayIndex = Math.floor((instantMs + OFFSET_MS) / DAY_MS);
  // Day 0 of the epoch, 1970-01-01, was a Thursday (ISO weekday 4).
  const weekday = ((((dayIndex + 3) % 7) + 7) % 7) + 1;
  return { startMs: dayIndex * DAY_MS - OFFSET_MS, weekday };
}

interface MinuteRange {
  opens: number;
  closes: number;
}

function rangesOfWeekday(openingHours: OpeningRange[], weekday: number): MinuteRange[] {
  return openingHours
    .filter((range) => range.weekday === weekday)
    .map((range) => ({ opens: parseLocalTime(range.opens), closes: parseLocalTime(range.closes) }))
    .sort((a, b) => a.opens - b.opens);
}

function ruleBroken(code: RuleCode, message: string): BookingCheck {
  return { ok: false, kind: 'rule', code, message };
}

/**
 * The verdict on booking [startsAt, endsAt): every rule in a fixed order (the first failure is
 * reported, as a 422-kind problem), and only then the buffer against other bookings (409-kind), so
 * a request that could never be booked is not reported as merely taken.
 */
export function checkBooking(
  rules: StudioRules,
  ctx: BookingContext,
  startsAt: Date,
  endsAt: Date,
  options: CheckOptions = {},
): BookingCheck {
  const start = startsAt.getTime();
  const end = endsAt.getTime();
  const now = ctx.now.getTime();

  // Negated so that an Invalid Date (NaN) also lands here rather than slipping through every comparison.
  if (!(end > start)) return ruleBroken('invalid_range', 'The booking must end after it starts');
  if (start < now) return ruleBroken('past', 'The booking cannot start in the past');
  if (start < now + rules.minNoticeHours * HOUR_MS) {
    return ruleBroken('notice', `Bookings must be made at least ${rules.minNoticeHours} hours before they start`);
  }
  if (start > now + rules.maxAdvanceDays * DAY_MS) {
    return ruleBroken('horizon', `Bookings can be made at most ${rules.maxAdvanceDays} days in advance`);
  }
  const durationMs = end - start;
  if (durationMs > rules.maxDurationMinutes * MINUTE_MS) {
    return ruleBroken('too_long', `A booking lasts at most ${rules.maxDurationMinutes} minutes`);
  }

  const day = localDayOf(start);
  const ranges = rangesOfWeekday(rules.openingHours, day.weekday);
  const startOffsetMs = start - day.startMs;
  const endOffsetMs = end - day.startMs;
  const slotMs = rules.slotMinutes * MINUTE_MS;
  // A start outside every range has no grid to be measured against; outside_hours names that problem.
  const home = ranges.find((r) => r.opens * MINUTE_MS <= startOffsetMs && startOffsetMs < r.closes * MINUTE_MS);
  // Millisecond remainders also catch stray seconds, since a slot is a whole number of minutes.
  if (durationMs % slotMs !== 0 || (home !== undefined && (startOffsetMs - home.opens * MINUTE_MS) % slotMs !== 0)) {
    return ruleBroken(
      'off_grid',
      `Bookings start every ${rules.slotMinutes} minutes from ` +
        `opening time and last a multiple of ${rules.slotMinutes} minutes`,
    );
  }
  const withinOneRange = ranges.some(
    (r) => r.opens * MINUTE_MS <= startOffsetMs && endOffsetMs <= r.closes * MINUTE_MS,
  );
  if (!withinOneRange) {
    return ruleBroken('outside_hours', 'The booking must lie wholly within one opening period of the studio');
  }
  if (ctx.closures.some((c) => start < c.endsAt.getTime() && c.startsAt.getTime() < end)) {
    return ruleBroken('closure', 'The studio is closed during the booking');
  }

  const bufferMs = rules.bufferMinutes * MINUTE_MS;
  const clashes = ctx.bookings
    .filter(
      (b) =>
        b.id !== options.ignoreBookingId &&
        start < b.endsAt.getTime() + bufferMs &&
        b.startsAt.getTime() < end + bufferMs,
    )
    // The earliest clash is reported so the answer does not depend on the order the bookings were read.
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  if (clashes.length > 0) {
    const message =
      rules.bufferMinutes > 0
        ? `The booking is less than ${rules.bufferMinutes} minutes from another booking`
        : 'The booking overlaps another booking';
    return { ok: false, kind: 'conflict', message, conflictingBookingId: clashes[0].id };
  }
  return { ok: true };
}

/**
 * The bookable slots of `durationMinutes` on the Jakarta day `date`, ascending. Each grid start is
 * put through checkBooking, so a listed slot is exactly one that booking would accept.
 */
export function availableSlots(
  rules: StudioRules,
  ctx: BookingContext,
  date: string,
  durationMinutes: number,
): TimeSlot[] {
  const dayStartMs = localDayStart(date).getTime();
  // Guards the grid loop below, which would never end on a zero or negative step.
  if (!Number.isInteger(rules.slotMinutes) || rules.slotMinutes <= 0) {
    throw new RangeError(`slotMinutes must be a positive whole number, got ${rules.slotMinutes}`);
  }
  const { weekday } = localDayOf(dayStartMs);
  const starts = new Set<number>();
  for (const range of rangesOfWeekday(rules.openingHours, weekday)) {
    for (let minute = range.opens; minute < range.closes; minute += rules.slotMinutes) {
      starts.add(dayStartMs + minute * MINUTE_MS);
    }
  }
  const durationMs = durationMinutes * MINUTE_MS;
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => ({ startsAt: new Date(start), endsAt: new Date(start + durationMs) }))
    .filter((slot) => checkBooking(rules, ctx, slot.startsAt, slot.endsAt).ok);
}

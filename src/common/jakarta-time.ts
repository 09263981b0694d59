import { parseCalendarDate } from './calendar-date.js';

/**
 * Local days in Asia/Jakarta, the one place the platform converts between UTC instants and WIB dates.
 */

/**
 * Asia/Jakarta (WIB) has kept UTC+07:00 all year since 1964 and observes no daylight saving, so a
 * fixed offset converts exactly between the studio's local wall time and UTC instants, with no
 * time-zone database and no dependence on the server's own zone.
 */
export const JAKARTA_UTC_OFFSET_MINUTES = 7 * 60;
export const JAKARTA_OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * 60 * 1000;

/** The Jakarta calendar date ('YYYY-MM-DD') on which the instant falls. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant of local midnight that starts the Jakarta calendar day `date`; RangeError for no real date. */
export function localDayStart(date: string): Date {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const { year, month, day } = parsed;
  // Date.UTC would read years 0–99 as 1900–1999; setUTCFullYear takes the year literally.
  const midnightUtc = new Date(0);
  midnightUtc.setUTCFullYear(year, month - 1, day);
  return new Date(midnightUtc.getTime() - JAKARTA_OFFSET_MS);
}

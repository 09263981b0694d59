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
const YYYY_MM_DD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Jakarta calendar date ('YYYY-MM-DD') on which the instant falls. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The UTC instant of local midnight that starts the Jakarta calendar day `date`; RangeError for no real date. */
export function localDayStart(date: string): Date {
  const match = typeof date === 'string' ? YYYY_MM_DD.exec(date) : null;
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  // Date.UTC would read years 0–99 as 1900–1999; setUTCFullYear takes the year literally.
  const midnightUtc = new Date(0);
  midnightUtc.setUTCFullYear(year, month - 1, day);
  return new Date(midnightUtc.getTime() - JAKARTA_OFFSET_MS);
}

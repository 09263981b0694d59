import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Calendar dates written 'YYYY-MM-DD' (birth dates, report ranges, local days): the one parser, so that
 * "a real day of the Gregorian calendar" means the same everywhere.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// `[0-9]`, not `\d`: only ASCII digits, whatever flags a later edit adds.
const YYYY_MM_DD = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Whether `text` is shaped 'YYYY-MM-DD' (four-digit year, two-digit month and day), real or not. */
export function isCalendarDateShaped(text: unknown): text is string {
  return typeof text === 'string' && YYYY_MM_DD.test(text);
}

/** The parts of a real calendar date written 'YYYY-MM-DD'; null for anything else (wrong shape, 30 February). */
export function parseCalendarDate(text: unknown): CalendarDate | null {
  const match = typeof text === 'string' ? YYYY_MM_DD.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** 'YYYY-MM-DD' of the parts, the year padded to four digits. */
export function formatCalendarDate({ year, month, day }: CalendarDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** The same day `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const year = parsed.year + years;
  const day = parsed.month === 2 && parsed.day === 29 && !isLeapYear(year) ? 28 : parsed.day;
  return formatCalendarDate({ year, month: parsed.month, day });
}

/** Completed years between a birth date and a day, both 'YYYY-MM-DD'. */
export function completedYears(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** class-validator: a real calendar date 'YYYY-MM-DD', optionally within [minYear, maxYear]. */
export function IsCalendarDate(
  range: { minYear?: number; maxYear?: number },
  message: (property: string) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => {
          const date = parseCalendarDate(value);
          return date !== null && date.year >= (range.minYear ?? 0) && date.year <= (range.maxYear ?? 9999);
        },
        defaultMessage: (args) => message(args?.property ?? ''),
      },
    },
    options,
  );
}

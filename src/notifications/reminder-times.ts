import { localDateOf, localDayStart } from '../common/jakarta-time.js';

const HOUR = 60 * 60 * 1000;

/** 07:00 WIB on the Jakarta day before the one `startsAt` falls on. */
export function dayBeforeAt7(startsAt: Date): Date {
  return new Date(localDayStart(localDateOf(startsAt)).getTime() - 24 * HOUR + 7 * HOUR);
}

export type ReminderKind = 'day' | '2h';

/**
 * Which reminder of a training (or booking) is due at `now`: the day-before one from 07:00 WIB the day
 * before until two hours before the start (after that the two-hour one says the same, sooner), the
 * two-hour one (trainings only) from two hours before until the start. Null when none is.
 */
export function dueReminder(startsAt: Date, now: Date, withTwoHour: boolean): ReminderKind | null {
  const start = startsAt.getTime();
  const t = now.getTime();
  if (t >= start) return null;
  if (withTwoHour && t >= start - 2 * HOUR) return '2h';
  if (t >= dayBeforeAt7(startsAt).getTime() && (!withTwoHour || t < start - 2 * HOUR)) return 'day';
  return null;
}

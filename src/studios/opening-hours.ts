/**
 * A studio's opening hours: the weekly ranges it takes bookings in. Pure rules (no I/O), owned by studios, which
 * validates them on save; bookings reads them through parseLocalTime when it lays out slots.
 */

export interface OpeningRange {
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Local time 'HH:MM'; `closes` may be '24:00'. */
  opens: string;
  closes: string;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

/** Minutes since local midnight of 'HH:MM'; '24:00' is accepted because a range may close at midnight. */
export function parseLocalTime(value: string): number {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${String(value)}`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Not a time of day (HH:MM): ${value}`);
  }
  return hours * 60 + minutes;
}

/** A message describing what is wrong with the opening hours, or null when they are usable. */
export function isValidOpeningHours(openingHours: OpeningRange[]): string | null {
  if (!Array.isArray(openingHours)) return 'Opening hours must be a list of ranges';
  const parsed: { weekday: number; opens: number; closes: number; label: string }[] = [];
  for (const range of openingHours) {
    const label = `${String(range?.opens)}-${String(range?.closes)}`;
    if (!Number.isInteger(range?.weekday) || range.weekday < 1 || range.weekday > 7) {
      return `Weekday must be a whole number from 1 (Monday) to 7 (Sunday), got ${String(range?.weekday)}`;
    }
    let opens: number;
    let closes: number;
    try {
      opens = parseLocalTime(range.opens);
      closes = parseLocalTime(range.closes);
    } catch {
      return `Times must be HH:MM (00:00 to 24:00) in weekday ${range.weekday} range ${label}`;
    }
    if (opens >= closes) return `Weekday ${range.weekday} range ${label} must open before it closes`;
    parsed.push({ weekday: range.weekday, opens, closes, label });
  }
  parsed.sort((a, b) => a.weekday - b.weekday || a.opens - b.opens);
  for (let i = 1; i < parsed.length; i++) {
    const previous = parsed[i - 1];
    const current = parsed[i];
    // Ranges are half-open, so one may open exactly when the previous closes.
    if (previous.weekday === current.weekday && current.opens < previous.closes) {
      return `Weekday ${current.weekday} ranges ${previous.label} and ${current.label} overlap`;
    }
  }
  return null;
}

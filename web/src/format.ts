/** Dates as people here read them, always in Asia/Jakarta whatever the phone's own zone. */
const ZONE = 'Asia/Jakarta';
const DATE_TIME = new Intl.DateTimeFormat('id-ID', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: ZONE,
});
const TIME = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE });
const DATE = new Intl.DateTimeFormat('id-ID', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: ZONE,
});

const parts = (f: Intl.DateTimeFormat, at: Date) =>
  Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));

/** `Senin, 7 Desember 2026 · 09.00 WIB` */
export function formatDateTime(at: string | Date): string {
  const p = parts(DATE_TIME, new Date(at));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} · ${p.hour}.${p.minute} WIB`;
}

/** `09.00` */
export function formatTime(at: string | Date): string {
  const p = parts(TIME, new Date(at));
  return `${p.hour}.${p.minute}`;
}

/** `Senin, 7 Desember 2026 · 09.00–12.00 WIB` when both ends are on one day. */
export function formatRange(starts: string, ends: string): string {
  const sameDay = DATE.format(new Date(starts)) === DATE.format(new Date(ends));
  return sameDay
    ? `${formatDateTime(starts).replace(/ WIB$/, '')}–${formatTime(ends)} WIB`
    : `${formatDateTime(starts)} – ${formatDateTime(ends)}`;
}

/** A local day (`2026-12-05`, already a Jakarta day) as `Sabtu, 5 Desember 2026`. */
export function formatDay(day: string): string {
  return DATE.format(new Date(`${day}T12:00:00+07:00`));
}

/** Whole years of age on `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today's date in Jakarta, YYYY-MM-DD. */
export function jakartaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now);
}

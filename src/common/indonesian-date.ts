/**
 * Dates and times as people in Purbalingga read them: Indonesian words, Jakarta wall time (WIB). The
 * server's one formatter, for certificates, attendance sheets, report labels and notification texts.
 */

export const INDONESIAN_MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const ZONE = 'Asia/Jakarta';
const DATE = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WHEN = new Intl.DateTimeFormat('id-ID', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Jakarta day of an instant, e.g. "5 April 2023". */
export function formatIndonesianDate(d: Date): string {
  return DATE.format(d);
}

/** Jakarta day and time of an instant, e.g. "5 April 2023 09.12" (a spreadsheet cell). */
export function formatIndonesianDateTime(d: Date): string {
  return `${formatIndonesianDate(d)} ${TIME.format(d)}`;
}

/**
 * Weekday, day and time of an instant: "Selasa, 1 Desember 2026 pukul 09.00 WIB" in a sentence (notifications),
 * "Senin, 7 Desember 2026 · 09.00 WIB" on its own (page previews, as the web app writes dates).
 */
export function formatIndonesianWhen(d: Date, between: 'pukul' | '·' = 'pukul'): string {
  const parts = Object.fromEntries(WHEN.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year} ${between} ${parts.hour}.${parts.minute} WIB`;
}

/** A month as "April 2026"; month is 1–12 (undefined outside). */
export function formatIndonesianMonth(year: number, month: number): string | undefined {
  const name = INDONESIAN_MONTHS[month - 1];
  return name === undefined ? undefined : `${name} ${year}`;
}

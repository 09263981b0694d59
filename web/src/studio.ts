import { ApiError } from './api/client';
import type { components } from './api/schema';
import { STUDIO_FIELD_MESSAGES } from './i18n/id';

/** Shapes of the studio pages (partner and staff), from the OpenAPI document. */
export type Studio = components['schemas']['StudioResponseDto'];
export type Booking = components['schemas']['BookingResponseDto'];
export type BookingStatus = Booking['status'];
export type Slot = components['schemas']['SlotDto'];
export type Availability = components['schemas']['AvailabilityResponseDto'];
export type Closure = components['schemas']['ClosureResponseDto'];
export type OpeningHours = components['schemas']['OpeningHoursDto'];
export type StudioRulesBody = components['schemas']['UpdateStudioDto'];
export type CreateBookingBody = components['schemas']['CreateBookingDto'];
export type UpdateBookingBody = components['schemas']['UpdateBookingDto'];
export type CreateClosureBody = components['schemas']['CreateClosureDto'];
export type PartnerCalendarToken = components['schemas']['PartnerCalendarTokenResponseDto'];

/** Days are Asia/Jakarta days (UTC+7, no daylight saving): `YYYY-MM-DD` strings, computed on their UTC noon. */
const noon = (day: string) => new Date(`${day}T12:00:00+07:00`);

export function addDays(day: string, n: number): string {
  const d = noon(day);
  d.setUTCDate(d.getUTCDate() + n);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
}

/** Monday = 1 … Sunday = 7. */
export const weekdayOf = (day: string): number => ((noon(day).getUTCDay() + 6) % 7) + 1;

export const mondayOf = (day: string): string => addDays(day, 1 - weekdayOf(day));

/** An instant as the value of a `datetime-local` input, in Jakarta time. */
export function toLocalInput(at: string | Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A `datetime-local` value read as Jakarta time, whatever zone the device is set to. */
export const fromLocalInput = (value: string): string => `${value.slice(0, 16)}:00+07:00`;

/** Indonesian text for each field the API refused (problem+json `errors`), from the studio dictionary. */
export function studioFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(err.fields).map(([field, fallback]) => [field, STUDIO_FIELD_MESSAGES[field] ?? fallback]),
  );
}

/** Two ranges closer than `bufferMinutes` (overlap included): the rule the API holds bookings to. */
export function tooClose(
  a: { startsAt: string; endsAt: string },
  b: { startsAt: string; endsAt: string },
  bufferMinutes: number,
): boolean {
  const gap = bufferMinutes * 60_000;
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) + gap && Date.parse(b.startsAt) < Date.parse(a.endsAt) + gap;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a booking lies wholly within one range of its day's opening hours (Jakarta is UTC+7 all year).
 * A request made before the hours were changed may no longer do so; staff should see that before approving.
 */
export function withinOpeningHours(hours: OpeningHours[], b: { startsAt: string; endsAt: string }): boolean {
  const local = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000);
  const start = local(b.startsAt);
  const end = local(b.endsAt);
  const weekday = ((start.getUTCDay() + 6) % 7) + 1;
  const from = start.getUTCHours() * 60 + start.getUTCMinutes();
  const dayOfStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const to = Math.round((end.getTime() - dayOfStart) / 60_000);
  return hours.some((h) => h.weekday === weekday && minutesOf(h.opens) <= from && to <= minutesOf(h.closes));
}

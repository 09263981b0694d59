import { randomBytes } from 'node:crypto';
import { Booking } from '../../src/bookings/booking.entity.js';
import { API, type SignedIn, type TestApp } from './test-app.js';

const JAKARTA_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's local (Asia/Jakarta) date moved by `days`, as 'YYYY-MM-DD'. */
export function localDate(days = 0): string {
  return new Date(Date.now() + JAKARTA_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first local date with ISO `weekday` (Mon = 1) at least `minDaysAhead` days from today. */
export function nextWeekday(weekday: number, minDaysAhead = 2): string {
  for (let ahead = minDaysAhead; ; ahead++) {
    const date = localDate(ahead);
    const iso = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    if (iso === weekday) return date;
  }
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** An instant of the contract's form for a local date and 'HH:MM'. */
export const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+07:00`;

/** Monday–Friday 08:00–12:00 and 13:00–16:00, like the media center's studio. */
export const OFFICE_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '08:00', closes: '12:00' },
  { weekday, opens: '13:00', closes: '16:00' },
]);

/** Every day, all day: for rules that must not depend on the weekday or the hour. */
export const ALWAYS_OPEN = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

const suffix = () => randomBytes(3).toString('hex');

export async function createPartner(
  t: TestApp,
  admin: SignedIn,
  name = `Mitra Uji ${suffix()}`,
): Promise<{ id: string; name: string }> {
  const res = await t.http.post(`${API}/partners`).set(admin.auth).send({ name, type: 'community' });
  if (res.status !== 201) throw new Error(`partner: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, name: res.body.name };
}

export async function createStudio(
  t: TestApp,
  admin: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string } & Record<string, any>> {
  const res = await t.http
    .post(`${API}/studios`)
    .set(admin.auth)
    .send({ name: `Studio Uji ${suffix()}`, openingHours: OFFICE_HOURS, ...overrides });
  if (res.status !== 201) throw new Error(`studio: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface BookingInput {
  studioId: string;
  startsAt: string;
  endsAt: string;
  topic?: string;
  partnerId?: string;
  [key: string]: unknown;
}

export function postBooking(t: TestApp, who: SignedIn, body: BookingInput) {
  return t.http
    .post(`${API}/bookings`)
    .set(who.auth)
    .send({ topic: 'Podcast Cakap Digital', ...body });
}

export async function book(t: TestApp, who: SignedIn, body: BookingInput): Promise<Record<string, any>> {
  const res = await postBooking(t, who, body);
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Test setup only: moves a booking to times the API would refuse (e.g. one that already started). */
export async function moveBooking(t: TestApp, id: string, startsAt: Date, endsAt: Date): Promise<void> {
  await t.dataSource.getRepository(Booking).update({ id }, { startsAt, endsAt });
}

export async function countBookings(t: TestApp, studioId: string): Promise<number> {
  return t.dataSource.getRepository(Booking).countBy({ studioId });
}

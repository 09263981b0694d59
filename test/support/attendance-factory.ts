import { Event } from '../../src/events/event.entity.js';
import { API, type SignedIn, type TestApp } from './test-app.js';

const minutes = (m: number) => new Date(Date.now() + m * 60_000);

/**
 * Moves an event's times (registrations made while it was upcoming stay as they are). Tests use it to
 * get a training that is running now, or one held on a given past day, without waiting for the clock.
 */
export async function moveEvent(t: TestApp, eventId: string, startsAt: Date, endsAt: Date): Promise<void> {
  await t.dataSource.getRepository(Event).update({ id: eventId }, { startsAt, endsAt, registrationClosesAt: startsAt });
}

/** The event started a minute ago and ends in two hours: check-in is open. */
export const startEventNow = (t: TestApp, eventId: string) => moveEvent(t, eventId, minutes(-1), minutes(120));

export function checkIn(t: TestApp, staff: SignedIn, eventId: string, body: Record<string, unknown>) {
  return t.http.post(`${API}/events/${eventId}/check-ins`).set(staff.auth).send(body);
}

import { type EntityManager, In } from 'typeorm';
import { Event } from '../events/event.entity.js';
import { Registration } from './registration.entity.js';
import { notifyPromoted } from '../notifications/triggers.js';

/**
 * Seat bookkeeping shared by registrations and events. Every function here must run inside
 * `uow.run` AFTER `uow.lock(em, Event, eventId)`: the event row lock is what serialises all writers
 * of one event's seats, so counters and positions can be read and written without races.
 */

/**
 * Adds deltas to the event's counters (counters are bookkeeping, not audited changes). Written out once
 * rather than built by a query builder per call: it runs in every registration (see database/row-statements.ts).
 */
export async function bumpCounters(
  em: EntityManager,
  eventId: string,
  confirmed: number,
  waitlisted: number,
): Promise<void> {
  if (confirmed === 0 && waitlisted === 0) return;
  await em.query(BUMP_COUNTERS_SQL, [Math.trunc(confirmed), Math.trunc(waitlisted), eventId]);
}
const BUMP_COUNTERS_SQL =
  'UPDATE events SET confirmed_count = confirmed_count + ?, ' +
  'waitlisted_count = waitlisted_count + ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?';

/** Closes the gap a leaving waitlisted registration (or `count` leaving from the front) left behind. */
async function closeGap(em: EntityManager, eventId: string, after: number, count: number): Promise<void> {
  await em
    .createQueryBuilder()
    .update(Registration)
    .set({ waitlistPosition: () => `waitlist_position - ${Math.trunc(count)}` })
    .where("event_id = :eventId AND status = 'waitlisted' AND waitlist_position > :after", { eventId, after })
    .execute();
}

/** Moves up to `seats` of the earliest waitlisted registrations into confirmed seats; returns how many. */
export async function promoteWaitlisted(em: EntityManager, eventId: string, seats: number): Promise<number> {
  if (seats <= 0) return 0;
  const next = await em.find(Registration, {
    where: { eventId, status: 'waitlisted' },
    order: { waitlistPosition: 'ASC' },
    take: seats,
  });
  if (next.length === 0) return 0;
  for (const r of next) {
    r.status = 'confirmed';
    r.waitlistPosition = null;
    await em.save(r);
  }
  await closeGap(em, eventId, next.length, next.length);
  await bumpCounters(em, eventId, next.length, -next.length);
  await notifyPromoted(em, eventId, next);
  return next.length;
}

/** Cancels one active registration, keeping counters and positions exact; promotes into a freed seat. */
export async function cancelActive(em: EntityManager, event: Event, r: Registration): Promise<void> {
  const was = r.status;
  const position = r.waitlistPosition;
  r.status = 'cancelled';
  r.waitlistPosition = null;
  r.activeKey = null;
  r.cancelledAt = new Date();
  await em.save(r);
  if (was === 'waitlisted') {
    await closeGap(em, event.id, position ?? 0, 1);
    await bumpCounters(em, event.id, 0, -1);
    return;
  }
  await bumpCounters(em, event.id, -1, 0);
  if (event.status === 'published') await promoteWaitlisted(em, event.id, event.capacity - (event.confirmedCount - 1));
}

/**
 * Cancels every active registration of an event (the event is being cancelled). Each is saved, not
 * updated in bulk: a registration cancelled this way is a change like any other and goes to the audit trail.
 */
export async function cancelAllActive(em: EntityManager, eventId: string): Promise<void> {
  const active = await em.find(Registration, { where: { eventId, status: In(['confirmed', 'waitlisted']) } });
  const now = new Date();
  for (const r of active)
    Object.assign(r, { status: 'cancelled', waitlistPosition: null, activeKey: null, cancelledAt: now });
  if (active.length > 0) await em.save(active, { chunk: 100 });
  await em
    .createQueryBuilder()
    .update(Event)
    .set({ confirmedCount: 0, waitlistedCount: 0 })
    .where('id = :eventId', { eventId })
    .execute();
}

import type request from 'supertest';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { TICKET_ALPHABET, TICKET_LENGTH } from '../src/registrations/ticket-code.js';
import { at, createPartner, createStudio, nextWeekday } from './support/booking-factory.js';
import { bootConcurrentApps, type ConcurrentApps, type Http } from './support/concurrency.js';
import { API, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, participantBody } from './support/training-factory.js';
import { inParallel } from './support/in-parallel.js';

/**
 * Storms: the contract's two invariants under far more concurrency than a real morning brings.
 * On MariaDB every storm goes through two app instances (two connection pools, as two server
 * processes) on one database; SQLite serves one process, so there the same storm hits one instance.
 */
const mysql = testingMysql();
const SEATS = 50;
const PEOPLE = 500;
/** Cancelled as soon as their 201 arrives: the first this many confirmed and the first this many waitlisted answers. */
const CANCEL_CONFIRMED = 30;
const CANCEL_WAITLISTED = 30;
const TICKET = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_LENGTH}}$`);

interface Snapshot {
  capacity: number;
  confirmedCount: number;
  waitlistedCount: number;
  confirmed: number;
  positions: number[];
}

describe(`storms (${mysql ? 'MariaDB, two app instances' : 'SQLite, one app instance'})`, () => {
  let apps: ConcurrentApps, t: TestApp, servers: Http[], staff: SignedIn, uow: UnitOfWork;
  beforeAll(async () => {
    ({ t, https: servers, staff } = apps = await bootConcurrentApps());
    uow = t.app.get(UnitOfWork);
  }, 60_000);
  afterAll(() => apps?.close());

  /**
   * One statement, so one consistent view of committed data (MariaDB: a READ COMMITTED statement
   * snapshot; SQLite: run through the unit of work, i.e. between two transactions).
   */
  async function snapshot(eventId: string): Promise<Snapshot> {
    const rows: Record<string, unknown>[] = await uow.run(null, (em) =>
      em.query(
        `SELECT e.capacity, e.confirmed_count, e.waitlisted_count, r.status, r.waitlist_position
           FROM events e LEFT JOIN registrations r ON r.event_id = e.id
          WHERE e.id = ?`,
        [eventId],
      ),
    );
    return {
      capacity: Number(rows[0].capacity),
      confirmedCount: Number(rows[0].confirmed_count),
      waitlistedCount: Number(rows[0].waitlisted_count),
      confirmed: rows.filter((r) => r.status === 'confirmed').length,
      positions: rows
        .filter((r) => r.status === 'waitlisted')
        .map((r) => Number(r.waitlist_position))
        .sort((a, b) => a - b),
    };
  }

  /** The contract's invariant, and the counters equal to the rows. */
  function expectInvariant(s: Snapshot): void {
    expect(s.confirmed).toBeLessThanOrEqual(s.capacity);
    if (s.positions.length > 0) expect(s.confirmed).toBe(s.capacity);
    expect(s.positions).toEqual(s.positions.map((_, i) => i + 1));
    expect(s.confirmedCount).toBe(s.confirmed);
    expect(s.waitlistedCount).toBe(s.positions.length);
  }

  it(
    `${PEOPLE} concurrent registrations for ${SEATS} seats, ` +
      `with ${CANCEL_CONFIRMED + CANCEL_WAITLISTED} cancels fired as their 201s arrive`,
    async () => {
      const event = await createEvent(t, staff, { capacity: SEATS });

      // The people, beforehand: 25 at a time, spread over the instances.
      let started = Date.now();
      const people = await inParallel(Array.from({ length: PEOPLE }), 25, async (_, i) => {
        const res = await servers[i % servers.length]
          .post(`${API}/participants`)
          .set(staff.auth)
          .send(participantBody({ fullName: `Warga Uji ${i}` }));
        if (res.status !== 201) throw new Error(`participant ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      });
      const setupMs = Date.now() - started;

      // Snapshots keep being taken while the storm blows: the invariant must hold at every commit, not just at the end.
      let storming = true;
      const snapshots: Snapshot[] = [];
      const watcher = (async () => {
        while (storming) {
          snapshots.push(await snapshot(event.id));
          await new Promise((r) => setTimeout(r, 25));
        }
      })();

      const cancelled: { id: string; was: 'confirmed' | 'waitlisted'; res: Promise<request.Response> }[] = [];
      let cancelConfirmed = 0;
      let cancelWaitlisted = 0;
      started = Date.now();
      const answers = await Promise.all(
        people.map(async (participantId, i) => {
          const res = await servers[i % servers.length]
            .post(`${API}/events/${event.id}/registrations`)
            .set(staff.auth)
            .send({ participantId });
          const status = res.body?.status as string | undefined;
          const cancelThis =
            res.status === 201 &&
            ((status === 'confirmed' && cancelConfirmed++ < CANCEL_CONFIRMED) ||
              (status === 'waitlisted' && cancelWaitlisted++ < CANCEL_WAITLISTED));
          if (cancelThis) {
            cancelled.push({
              id: res.body.id,
              was: status as 'confirmed' | 'waitlisted',
              // Through the other instance than the one that registered it.
              res: servers[(i + 1) % servers.length]
                .post(`${API}/registrations/${res.body.id}/cancel`)
                .set(staff.auth)
                .then((r) => r),
            });
          }
          return res;
        }),
      );
      const cancels = await Promise.all(cancelled.map((c) => c.res));
      const stormMs = Date.now() - started;
      storming = false;
      await watcher;

      const statuses = answers.map((a) => a.status);
      const cancelStatuses = cancels.map((c) => c.status);
      expect([...statuses, ...cancelStatuses].filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      expect(cancelStatuses.filter((s) => s !== 200)).toEqual([]);
      expect(cancelled.filter((c) => c.was === 'confirmed')).toHaveLength(CANCEL_CONFIRMED);
      expect(cancelled.filter((c) => c.was === 'waitlisted')).toHaveLength(CANCEL_WAITLISTED);
      for (const a of answers) {
        expect(a.body.ticketCode).toMatch(TICKET);
        expect(a.body.status === 'confirmed' ? a.body.waitlistPosition === null : a.body.waitlistPosition >= 1).toBe(
          true,
        );
      }

      for (const s of snapshots) expectInvariant(s);
      const end = await snapshot(event.id);
      expectInvariant(end);
      const active = PEOPLE - CANCEL_CONFIRMED - CANCEL_WAITLISTED;
      expect(end.confirmed).toBe(SEATS);
      expect(end.positions.length).toBe(active - SEATS);

      // Row by row: the cancelled ones are cancelled, everyone else holds exactly one active registration.
      const rows: {
        id: string;
        participant_id: string;
        status: string;
        ticket_code: string;
        active_key: string | null;
      }[] = await t.dataSource.query(
        'SELECT id, participant_id, status, ticket_code, active_key FROM registrations WHERE event_id = ?',
        [event.id],
      );
      expect(rows).toHaveLength(PEOPLE);
      expect(new Set(rows.map((r) => r.participant_id)).size).toBe(PEOPLE);
      expect(new Set(rows.map((r) => r.ticket_code)).size).toBe(PEOPLE);
      const cancelledIds = new Set(cancelled.map((c) => c.id));
      for (const r of rows) {
        expect(r.ticket_code).toMatch(TICKET);
        expect(r.status === 'cancelled').toBe(cancelledIds.has(r.id));
        expect(r.active_key).toBe(r.status === 'cancelled' ? null : r.participant_id);
      }

      console.log(
        `[storms] registration storm on ${t.db.kind} via ${servers.length} instance(s): ` +
          `${PEOPLE} participants created in ${setupMs} ms; ` +
          `${PEOPLE} registrations + ${cancels.length} cancels (${CANCEL_CONFIRMED} confirmed, ` +
          `${CANCEL_WAITLISTED} waitlisted) in ${stormMs} ms ` +
          `(${Math.round(((PEOPLE + cancels.length) * 1000) / stormMs)} req/s), ` +
          `0 errors; ${snapshots.length} mid-storm snapshots all consistent; ` +
          `end: ${end.confirmed} confirmed, ${end.positions.length} waitlisted ` +
          `(positions 1..${end.positions.length}), counters equal rows.`,
      );
    },
    120_000,
  );

  it('100 concurrent overlapping bookings over one day: exactly one per free span, the rest 409', async () => {
    const admin = await t.signIn('admin');
    const studio = await createStudio(t, admin);
    const day = nextWeekday(2);
    const PARTNERS = 25;
    const partnerIds = await inParallel(Array.from({ length: PARTNERS }), 10, (_, i) =>
      createPartner(t, admin, `Mitra Badai ${Date.now()} ${i}`).then((p) => p.id),
    );

    // Four disjoint spans in the studio's hours (08–12, 13–16), at least 30 minutes apart, so bookings in
    // different spans never conflict even with the 15-minute buffer; inside a span every request covers its core
    // slot, so any two of them overlap.
    const spans = [
      { starts: ['08:00', '08:30', '09:00'], ends: ['09:30', '10:00'] },
      { starts: ['10:30', '11:00'], ends: ['11:30', '12:00'] },
      { starts: ['13:00', '13:30'], ends: ['14:00', '14:30'] },
      { starts: ['15:00'], ends: ['15:30', '16:00'] },
    ];
    // Interleaved (span 0, 1, 2, 3, 0, 1, ...) so each instance sees every span at once.
    const requests = Array.from({ length: 25 }, (_, k) =>
      spans.map((span, s) => ({
        span: s,
        partnerId: partnerIds[k],
        startsAt: at(day, span.starts[k % span.starts.length]),
        endsAt: at(day, span.ends[Math.floor(k / span.starts.length) % span.ends.length]),
      })),
    ).flat();

    const started = Date.now();
    const answers = await Promise.all(
      requests.map((r, i) =>
        servers[i % servers.length]
          .post(`${API}/bookings`)
          .set(staff.auth)
          .send({
            studioId: studio.id,
            partnerId: r.partnerId,
            topic: `Rekaman badai ${i}`,
            startsAt: r.startsAt,
            endsAt: r.endsAt,
          }),
      ),
    );
    const ms = Date.now() - started;

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (let s = 0; s < spans.length; s++) {
      const mine = answers
        .filter((_, i) => requests[i].span === s)
        .map((a) => a.status)
        .sort();
      expect(mine).toEqual([201, ...Array(24).fill(409)]);
    }
    const won = answers.filter((a) => a.status === 201);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);

    // The database, independently of the answers: no two active bookings of the studio overlap...
    const overlapping = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM bookings a JOIN bookings b ON a.studio_id = b.studio_id AND a.id < b.id
        WHERE a.studio_id = ? AND a.status IN ('pending', 'approved') AND b.status IN ('pending', 'approved')
          AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
      [studio.id],
    );
    expect(Number(overlapping[0].n)).toBe(0);
    // ...and, with the buffer, they are at least 15 minutes apart; exactly the four answered 201 exist.
    const held: { id: string; starts_at: string | Date; ends_at: string | Date; status: string }[] =
      await t.dataSource.query(
        'SELECT id, starts_at, ends_at, status FROM bookings WHERE studio_id = ? ORDER BY starts_at',
        [studio.id],
      );
    expect(held.map((b) => b.id).sort()).toEqual(won.map((a) => a.body.id).sort());
    expect(held.every((b) => b.status === 'approved')).toBe(true);
    const asMs = (v: string | Date) =>
      v instanceof Date ? v.getTime() : new Date(`${v.replace(' ', 'T')}Z`).getTime();
    for (let i = 1; i < held.length; i++)
      expect(asMs(held[i].starts_at) - asMs(held[i - 1].ends_at)).toBeGreaterThanOrEqual(15 * 60_000);

    console.log(
      `[storms] studio storm on ${t.db.kind} via ${servers.length} instance(s): ` +
        `${requests.length} booking requests over 4 spans in ${ms} ms → ` +
        `${won.length} × 201 (one per span), ` +
        `${statuses.filter((s) => s === 409).length} × 409, 0 × 5xx; self-join finds 0 overlaps.`,
    );
  }, 60_000);
});

import { bootConcurrentApps, type ConcurrentApps, type Http } from './support/concurrency.js';
import { expectSeatInvariant } from './support/seat-invariant.js';
import { API, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, createParticipant } from './support/training-factory.js';

/**
 * The capacity invariant under real concurrency. On MariaDB/MySQL: two app instances (two connection
 * pools, as two server processes) on one database. On SQLite: one app, parallel requests.
 */
const mysql = testingMysql();
const SEATS = mysql ? 20 : 5;
const PEOPLE = mysql ? 100 : 30;

describe(`registrations under concurrency (${mysql ? 'MariaDB, two instances' : 'SQLite, one instance'})`, () => {
  let apps: ConcurrentApps, t: TestApp, https: Http[], staff: SignedIn;
  beforeAll(async () => ({ t, https, staff } = apps = await bootConcurrentApps()), 60_000);
  afterAll(() => apps?.close());

  /** Reads the rows straight from the database and checks the contract's invariant. */
  const checkInvariant = (eventId: string) =>
    expectSeatInvariant((sql, params) => t.dataSource.query(sql, params), eventId);

  it(
    `never oversells ${SEATS} seats to ${PEOPLE} simultaneous registrations, ` +
      `and keeps the invariant while cancelling`,
    async () => {
      const event = await createEvent(t, staff, { capacity: SEATS });
      const people: string[] = [];
      for (let i = 0; i < PEOPLE; i++) people.push((await createParticipant(t, staff)).id);

      const started = Date.now();
      const answers = await Promise.all(
        people.map((participantId, i) =>
          https[i % https.length]
            .post(`${API}/events/${event.id}/registrations`)
            .set(staff.auth)
            .send({ participantId }),
        ),
      );
      const registerMs = Date.now() - started;
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.every((s) => s === 201)).toBe(true);
      expect(await checkInvariant(event.id)).toEqual({ confirmed: SEATS, waitlisted: PEOPLE - SEATS });
      const positions = answers
        .map((a) => a.body.waitlistPosition)
        .filter((p) => p !== null)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));

      // Cancel some confirmed and some waitlisted at once: promotions must keep every rule.
      const confirmedIds = answers
        .filter((a) => a.body.status === 'confirmed')
        .map((a) => a.body.id)
        .slice(0, Math.ceil(SEATS / 2));
      const waitlistedIds = answers
        .filter((a) => a.body.status === 'waitlisted')
        .map((a) => a.body.id)
        .slice(0, Math.ceil((PEOPLE - SEATS) / 8));
      const toCancel = [...confirmedIds, ...waitlistedIds];
      const cancelStarted = Date.now();
      const cancels = await Promise.all(
        toCancel.map((id, i) => https[i % https.length].post(`${API}/registrations/${id}/cancel`).set(staff.auth)),
      );
      const cancelMs = Date.now() - cancelStarted;
      expect(cancels.map((c) => c.status).filter((s) => s !== 200)).toEqual([]);
      const after = await checkInvariant(event.id);
      expect(after).toEqual({ confirmed: SEATS, waitlisted: PEOPLE - SEATS - toCancel.length });

      console.log(
        `[registrations-concurrency] ${mysql ? 'MariaDB, 2 app instances' : 'SQLite, 1 app'}: ` +
          `${PEOPLE} concurrent registrations for ${SEATS} seats in ${registerMs} ms → ` +
          `${SEATS} confirmed, ${PEOPLE - SEATS} waitlisted (positions 1..${PEOPLE - SEATS}), 0 errors; ` +
          `${toCancel.length} concurrent cancellations (${confirmedIds.length} confirmed, ` +
          `${waitlistedIds.length} waitlisted) in ${cancelMs} ms → ` +
          `${after.confirmed} confirmed, ${after.waitlisted} waitlisted (positions 1..${after.waitlisted}).`,
      );
    },
    120_000,
  );
});

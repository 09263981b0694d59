import type request from 'supertest';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { inParallel } from './support/in-parallel.js';
import { API, createTestApp, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, participantBody } from './support/training-factory.js';

/**
 * Promotions from the waitlist under a registration storm (MariaDB: two app instances on one database;
 * SQLite: one): registrations and cancels race, every cancel of a confirmed seat promotes the head of
 * the waitlist in its transaction. Afterwards each promoted registration has exactly one promotion
 * notification per channel, and nobody who was never promoted has one: the outbox rows follow the seat
 * changes that committed, not the requests that were made.
 */
const mysql = testingMysql();
const SEATS = 20;
const PEOPLE = 120;
const CANCELS = 40;
const SETUP = mysql ? 'MariaDB, two app instances' : 'SQLite, one app instance';

describe(`notifications in a registration storm (${SETUP})`, () => {
  let t: TestApp;
  let second: SecondApp | undefined;
  let staff: SignedIn;
  let servers: ReturnType<typeof request>[];

  beforeAll(async () => {
    // The email channel is on (rows are written for it; nothing sends them in this test).
    const env = { SMTP_URL: 'smtp://127.0.0.1:9' };
    t = await createTestApp(env);
    second = mysql ? await createAppOnDatabase(t.db.url, env) : undefined;
    servers = second ? [t.http, second.http] : [t.http];
    staff = await t.signIn('staff');
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it(
    `${PEOPLE} registrations for ${SEATS} seats with ${CANCELS} cancels of confirmed seats: ` +
      `one promotion message per promoted person`,
    async () => {
      const event = await createEvent(t, staff, { capacity: SEATS });
      const people = await inParallel(Array.from({ length: PEOPLE }), 20, async (_, i) => {
        const res = await servers[i % servers.length]
          .post(`${API}/participants`)
          .set(staff.auth)
          .send(participantBody({ fullName: `Warga Badai ${i}` }));
        if (res.status !== 201) throw new Error(`participant ${i}: ${res.status}`);
        return res.body.id as string;
      });

      let cancels = 0;
      const cancelling: Promise<request.Response>[] = [];
      await Promise.all(
        people.map(async (participantId, i) => {
          const res = await servers[i % servers.length]
            .post(`${API}/events/${event.id}/registrations`)
            .set(staff.auth)
            .send({ participantId });
          expect(res.status).toBe(201);
          // Cancel confirmed seats while registrations are still arriving: promotions race new registrations.
          if (res.body.status === 'confirmed' && cancels < CANCELS) {
            cancels++;
            cancelling.push(
              servers[(i + 1) % servers.length].post(`${API}/registrations/${res.body.id}/cancel`).set(staff.auth),
            );
          }
        }),
      );
      for (const res of await Promise.all(cancelling.splice(0))) expect(res.status).toBe(200);
      // Then, all at once, cancel more of those confirmed now (promoted ones among them), until CANCELS in all.
      const confirmedNow: { id: string }[] = await t.dataSource.query(
        "SELECT id FROM registrations WHERE event_id = ? AND status = 'confirmed' ORDER BY created_at",
        [event.id],
      );
      for (const r of confirmedNow.slice(0, CANCELS - cancels)) {
        cancelling.push(
          servers[cancelling.length % servers.length].post(`${API}/registrations/${r.id}/cancel`).set(staff.auth),
        );
      }
      for (const res of await Promise.all(cancelling)) expect(res.status).toBe(200);

      const registrations: { id: string; status: string }[] = await t.dataSource.query(
        'SELECT id, status FROM registrations WHERE event_id = ?',
        [event.id],
      );
      const rows: { kind: string; subject_id: string; channel: string }[] = await t.dataSource.query(
        'SELECT kind, subject_id, channel FROM notifications ' +
          "WHERE kind IN ('registration_confirmed', 'registration_waitlisted', 'registration_promoted')",
      );
      const kindsOf = new Map<string, string[]>();
      for (const r of rows)
        kindsOf.set(`${r.subject_id}|${r.channel}`, [...(kindsOf.get(`${r.subject_id}|${r.channel}`) ?? []), r.kind]);

      // Nobody cancels a waitlisted registration here, so whoever was waitlisted and is not any more was promoted.
      const stillWaiting = new Set(registrations.filter((r) => r.status === 'waitlisted').map((r) => r.id));
      const promoted = registrations
        .filter((r) => kindsOf.get(`${r.id}|in_app`)?.includes('registration_waitlisted') && !stillWaiting.has(r.id))
        .map((r) => r.id);
      const promotedRows = rows.filter((r) => r.kind === 'registration_promoted');
      expect([...new Set(promotedRows.map((r) => r.subject_id))].sort()).toEqual([...promoted].sort());
      expect(promoted.length).toBeGreaterThan(CANCELS / 2);
      for (const id of promoted) {
        for (const channel of ['in_app', 'email']) {
          expect({ id, channel, kinds: kindsOf.get(`${id}|${channel}`)?.sort() }).toEqual({
            id,
            channel,
            kinds: ['registration_promoted', 'registration_waitlisted'],
          });
        }
      }
      expect(promotedRows).toHaveLength(promoted.length * 2);
      // Everyone who registered was told once: confirmed or waitlisted, per channel.
      for (const r of registrations) {
        const told = (kindsOf.get(`${r.id}|in_app`) ?? []).filter((k) => k !== 'registration_promoted');
        expect(told).toHaveLength(1);
      }
      // Those still waiting were never told they had a seat.
      for (const id of stillWaiting) expect(kindsOf.get(`${id}|in_app`)).toEqual(['registration_waitlisted']);
    },
    300_000,
  );
});

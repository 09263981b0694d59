import type request from 'supertest';
import { startEventNow } from './support/attendance-factory.js';
import { bootConcurrentApps, type ConcurrentApps, type Http } from './support/concurrency.js';
import { API, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, createParticipant, register } from './support/training-factory.js';

/**
 * Two phones scanning the same ticket, or the same walk-in admitted at two tables: on MariaDB through
 * two app instances (two pools, as two server processes), on SQLite through one.
 */
const mysql = testingMysql();

describe(`check-ins under concurrency (${mysql ? 'MariaDB, two instances' : 'SQLite, one instance'})`, () => {
  let apps: ConcurrentApps, t: TestApp, https: Http[], staff: SignedIn;
  beforeAll(async () => ({ t, https, staff } = apps = await bootConcurrentApps()), 60_000);
  afterAll(() => apps?.close());

  const fire = (n: number, body: (i: number) => Record<string, unknown>, eventId: string) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        https[i % https.length].post(`${API}/events/${eventId}/check-ins`).set(staff.auth).send(body(i)),
      ),
    );
  const statuses = (rs: request.Response[]) => rs.map((r) => r.status).sort();
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);

  it('records one check-in for 24 simultaneous scans of one ticket; the others answer 200 with its time', async () => {
    const event = await createEvent(t, staff);
    const p = await createParticipant(t, staff);
    const reg = (await register(t, staff, event.id, p.id)).body;
    await startEventNow(t, event.id);
    const rs = await fire(24, () => ({ ticketCode: reg.ticketCode }), event.id);
    expect(statuses(rs)).toEqual([...Array(23).fill(200), 201].sort());
    const first = rs.find((r) => r.status === 201)!.body;
    for (const r of rs) expect(r.body).toMatchObject({ registrationId: reg.id, checkedInAt: first.checkedInAt });
    expect(await count('SELECT COUNT(*) AS n FROM check_ins WHERE registration_id = ?', [reg.id])).toBe(1);
  });

  it('admits one walk-in once when 16 tables admit the same person at the same moment', async () => {
    const event = await createEvent(t, staff, { capacity: 3 });
    await startEventNow(t, event.id);
    const p = await createParticipant(t, staff);
    const rs = await fire(16, () => ({ participantId: p.id }), event.id);
    expect(statuses(rs)).toEqual([...Array(15).fill(200), 201].sort());
    expect(rs.filter((r) => r.body.walkIn)).toHaveLength(1);
    expect(new Set(rs.map((r) => r.body.registrationId)).size).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM registrations WHERE event_id = ?', [event.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM check_ins WHERE event_id = ?', [event.id])).toBe(1);
    expect(await count('SELECT confirmed_count AS n FROM events WHERE id = ?', [event.id])).toBe(1);
  });

  it('never seats more walk-ins than free seats', async () => {
    const event = await createEvent(t, staff, { capacity: 5 });
    await startEventNow(t, event.id);
    const people: string[] = [];
    for (let i = 0; i < 12; i++) people.push((await createParticipant(t, staff)).id);
    const rs = await fire(12, (i) => ({ participantId: people[i] }), event.id);
    expect(statuses(rs)).toEqual([...Array(5).fill(201), ...Array(7).fill(409)].sort());
    expect(
      await count("SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status = 'confirmed'", [event.id]),
    ).toBe(5);
    expect(await count('SELECT confirmed_count AS n FROM events WHERE id = ?', [event.id])).toBe(5);
    expect(await count('SELECT COUNT(*) AS n FROM check_ins WHERE event_id = ?', [event.id])).toBe(5);
  });

  it('never leaves a registration both cancelled and checked in when a cancel races the scan', async () => {
    const event = await createEvent(t, staff);
    const regs: { id: string; ticketCode: string }[] = [];
    for (let i = 0; i < 10; i++)
      regs.push((await register(t, staff, event.id, (await createParticipant(t, staff)).id)).body);
    await startEventNow(t, event.id);
    const rs = await Promise.all(
      regs.flatMap((r, i) => [
        https[i % https.length]
          .post(`${API}/events/${event.id}/check-ins`)
          .set(staff.auth)
          .send({ ticketCode: r.ticketCode }),
        https[(i + 1) % https.length].post(`${API}/registrations/${r.id}/cancel`).set(staff.auth),
      ]),
    );
    expect(rs.filter((r) => r.status >= 500)).toEqual([]);
    const rows: { status: string; checked: string | number | null }[] = await t.dataSource.query(
      'SELECT r.status, c.registration_id AS checked FROM registrations r ' +
        'LEFT JOIN check_ins c ON c.registration_id = r.id WHERE r.event_id = ?',
      [event.id],
    );
    expect(rows).toHaveLength(10);
    for (const row of rows)
      expect([row.status, row.checked !== null]).toEqual(
        row.status === 'cancelled' ? ['cancelled', false] : ['confirmed', true],
      );
    const confirmed = rows.filter((r) => r.status === 'confirmed').length;
    expect(await count('SELECT confirmed_count AS n FROM events WHERE id = ?', [event.id])).toBe(confirmed);
  });
});

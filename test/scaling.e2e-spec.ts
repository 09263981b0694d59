import { randomInt } from 'node:crypto';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/database-url.js';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { API, createTestApp, expectProblem, TEST_PASSWORD, type TestApp, uniqueEmail } from './support/test-app.js';
import { createTestDatabase, testingMysql, type TestDatabase } from './support/test-database.js';
import { createEvent } from './support/training-factory.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A client address of our own for each run, so counters left in the shared Redis by other runs never meet ours. */
const clientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('rate limits shared across processes through Redis (e2e)', () => {
  const apps: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    // Passport strategies are process-wide: close the later app first.
    for (const app of apps.reverse()) await app.close();
    apps.length = 0;
  });

  async function twoInstances(env: Record<string, string>): Promise<ReturnType<typeof request>[]> {
    const t: TestApp = await createTestApp({ REGISTER_RATE_LIMIT: '3', TRUST_PROXY: 'loopback', ...env });
    apps.push(t);
    const second: SecondApp = await createAppOnDatabase(t.db.url, {
      REGISTER_RATE_LIMIT: '3',
      TRUST_PROXY: 'loopback',
      ...env,
    });
    apps.push(second);
    return [t.http, second.http];
  }

  const registerVia = (http: ReturnType<typeof request>, ip: string) =>
    http
      .post(`${API}/auth/register`)
      .set('X-Forwarded-For', ip)
      .send({ email: uniqueEmail('warga'), password: TEST_PASSWORD, fullName: 'Warga Bukateja' });

  it('with REDIS_URL, instances share a counter: the 4th registration from one address is 429 on either', async () => {
    const [a, b] = await twoInstances({ REDIS_URL });
    const ip = clientAddress();
    const statuses = [];
    for (const http of [a, b, a, b, a]) statuses.push((await registerVia(http, ip)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await registerVia(b, ip);
    expectProblem(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    // Another address is counted on its own.
    expect((await registerVia(a, clientAddress())).status).toBe(201);
  });

  it('without REDIS_URL each instance counts alone (why Redis is needed behind a load balancer)', async () => {
    const [a, b] = await twoInstances({});
    const ip = clientAddress();
    const statuses = [];
    for (const http of [a, b, a, b, a, b, a]) statuses.push((await registerVia(http, ip)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
  });

  it('keeps serving when Redis cannot be reached: the limit is skipped, never a 5xx', async () => {
    const [a] = await twoInstances({ REDIS_URL: 'redis://127.0.0.1:1' });
    const ip = clientAddress();
    for (let i = 0; i < 4; i++) expect((await registerVia(a, ip)).status).toBe(201);
  });
});

describe('read replicas (e2e)', () => {
  if (!testingMysql()) {
    it('are refused at start unless the primary is MySQL, with a message naming the setting', async () => {
      await expect(createTestApp({ DATABASE_REPLICA_URLS: 'mysql://root@127.0.0.1:3306/replica' })).rejects.toThrow(
        /DATABASE_REPLICA_URLS needs DATABASE_URL to be a mysql:\/\/ primary/,
      );
    });
    return;
  }

  let replica: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    // A "replica" that never receives the primary's writes: whatever a route reads from it shows up stale.
    replica = await createTestDatabase();
    const ds = new DataSource(buildDataSourceOptions(replica.url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    t = await createTestApp({ DATABASE_REPLICA_URLS: replica.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it(
    'sends the public event list to the replica, and writes, ' +
      'staff reads and read-your-writes paths to the primary',
    async () => {
      const staff = await t.signIn('staff');
      const event = await createEvent(t, staff, { title: 'Literasi Digital di Desa Karangreja' });
      // The staff list and the detail read the primary: the new event is there at once.
      const staffList = await t.http.get(`${API}/events?q=karangreja`).set(staff.auth);
      expect(staffList.body.data.map((e: { id: string }) => e.id)).toEqual([event.id]);
      expect((await t.http.get(`${API}/events/${event.id}`)).status).toBe(200);
      // The public list reads the replica, which (never replicating here) does not have it.
      const publicList = await t.http.get(`${API}/events?q=karangreja`);
      expect(publicList.status).toBe(200);
      expect(publicList.body.meta.total).toBe(0);
      const participant = await t.signIn('participant');
      expect((await t.http.get(`${API}/events?q=karangreja`).set(participant.auth)).body.meta.total).toBe(0);
    },
  );
});

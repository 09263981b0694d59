import { Booking } from '../src/bookings/booking.entity.js';
import { at, createPartner, createStudio, nextWeekday } from './support/booking-factory.js';
import { bootConcurrentApps, type ConcurrentApps, type Http } from './support/concurrency.js';
import { API, type SignedIn, type TestApp } from './support/test-app.js';

const REQUESTS = 32;

/**
 * The no-overlap invariant under a race: many staff requests for one slot, each for another partner,
 * at once. On MariaDB they go through two app instances (two connection pools, like two server
 * processes); on SQLite, which serves one process, through one.
 */
describe('Bookings under concurrency (e2e)', () => {
  let apps: ConcurrentApps, t: TestApp, servers: Http[], staff: SignedIn;
  let partnerIds: string[];

  beforeAll(async () => {
    ({ t, https: servers, staff } = apps = await bootConcurrentApps());
    const admin = await t.signIn('admin');
    partnerIds = [];
    for (let i = 0; i < REQUESTS; i++)
      partnerIds.push((await createPartner(t, admin, `Komunitas Podcast Desa ${i + 1}`)).id);
  }, 120_000);
  afterAll(() => apps?.close());

  it(`${REQUESTS} overlapping requests for one slot: exactly one 201, the rest 409, no 5xx`, async () => {
    const admin = await t.signIn('admin');
    const studio = await createStudio(t, admin);
    const day = nextWeekday(3);
    const started = Date.now();
    const answers = await Promise.all(
      partnerIds.map((partnerId, i) =>
        servers[i % servers.length]
          .post(`${API}/bookings`)
          .set(staff.auth)
          .send({
            studioId: studio.id,
            partnerId,
            topic: `Rekaman bersama mitra ${i + 1}`,
            // Different lengths and starts, all overlapping 10:00–10:30.
            startsAt: at(day, i % 2 ? '09:30' : '10:00'),
            endsAt: at(day, i % 3 ? '10:30' : '11:00'),
          }),
      ),
    );
    const ms = Date.now() - started;
    const byStatus = answers.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    );
    console.log(
      `bookings race on ${t.db.kind}: ${REQUESTS} requests via ${servers.length} app instance(s) ` +
        `in ${ms} ms → ${JSON.stringify(byStatus)}`,
    );
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus[201]).toBe(1);
    expect(byStatus[409]).toBe(REQUESTS - 1);
    const held = await t.dataSource.getRepository(Booking).findBy({ studioId: studio.id });
    expect(held).toHaveLength(1);
    expect(held[0].id).toBe(answers.find((r) => r.status === 201)!.body.id);
  });

  it('partners racing for the same slot through both instances: exactly one pending booking', async () => {
    const admin = await t.signIn('admin');
    const studio = await createStudio(t, admin);
    const day = nextWeekday(4);
    const users = await Promise.all(partnerIds.slice(0, 12).map((partnerId) => t.signIn('partner', { partnerId })));
    const answers = await Promise.all(
      users.map((u, i) =>
        servers[i % servers.length]
          .post(`${API}/bookings`)
          .set(u.auth)
          .send({ studioId: studio.id, topic: 'Podcast', startsAt: at(day, '13:00'), endsAt: at(day, '14:00') }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
    expect(await t.dataSource.getRepository(Booking).countBy({ studioId: studio.id })).toBe(1);
  });
});

import { ConfigService } from '@nestjs/config';
import { readAppConfig } from '../src/config/app-config.js';
import { inParallel } from './support/in-parallel.js';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createParticipant, nikFor, participantBody } from './support/training-factory.js';

/**
 * PUT /me/participant used to say at once, without limit, that a NIK "already belongs to another
 * participant": knowing a neighbour's birth date and gender, 90 tries found the full NIK. Now NIK settings
 * and changes are limited per account (5 per 24 h) and per client address (20 per hour), and a taken NIK
 * is answered without saying whose, and recorded for staff review.
 */
const LIMITS = { NIK_CHANGE_ACCOUNT_LIMIT: '5', NIK_CHANGE_IP_LIMIT: '20' };
const BIRTH = { birthDate: '1993-09-21', gender: 'male' as const };

it('defaults to 5 NIK changes per account per 24 hours and 20 per client address per hour', () => {
  const config = readAppConfig(new ConfigService({}));
  expect(config.nikChangeAccountLimit).toBe(5);
  expect(config.nikChangeAddressLimit).toBe(20);
});

const put = (t: { http: TestApp['http'] }, me: SignedIn, body: Record<string, unknown>) =>
  t.http.put(`${API}/me/participant`).set(me.auth).send(body);

describe('NIK changes per account (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
  });
  afterAll(async () => {
    await t.close();
  });

  it(
    'allows 5 NIK settings or changes per 24 hours, ' +
      'then 429 with Retry-After; re-saving the same NIK costs nothing',
    async () => {
      const me = await t.signIn('participant');
      const body = participantBody({ ...BIRTH, nik: null });
      // A profile without a NIK, and saving it again, is not a NIK change.
      expect((await put(t, me, body)).status).toBe(200);
      expect((await put(t, me, { ...body, village: 'Kandanggampang' })).status).toBe(200);
      const niks = Array.from({ length: 6 }, () => nikFor(BIRTH.birthDate, BIRTH.gender));
      expect((await put(t, me, { ...body, nik: niks[0] })).status).toBe(200);
      // The same NIK again (also typed with spaces), with other fields changed: free, however often.
      for (let i = 0; i < 6; i++) {
        const same = i % 2 ? niks[0] : niks[0].replace(/(\d{4})/g, '$1 ').trim();
        expect((await put(t, me, { ...body, fullName: `Agus Salim ${i}`, nik: same })).status).toBe(200);
      }
      for (const nik of niks.slice(1, 5)) expect((await put(t, me, { ...body, nik })).status).toBe(200);

      const refused = await put(t, me, { ...body, nik: niks[5] });
      expectProblem(refused, 429);
      expect(refused.body.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(24 * 3600 - 120);
      expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
      // The refusal changed nothing: the fifth NIK is still the stored one.
      expect((await t.http.get(`${API}/me/participant/export`).set(me.auth)).body.profile.nik).toBe(niks[4]);
      // Re-saving the stored NIK is still free once the budget is spent.
      expect((await put(t, me, { ...body, fullName: 'Agus Salim', nik: niks[4] })).status).toBe(200);
      // Another account from the same address has its own budget.
      const other = await t.signIn('participant');
      expect((await put(t, other, participantBody({ ...BIRTH, nik: niks[5] }))).status).toBe(200);
    },
  );

  it('stores no client address or account id in plain text', async () => {
    const rows: { limit_key: string; attempts: string }[] = await t.dataSource.query(
      'SELECT limit_key, attempts FROM nik_change_limits',
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.limit_key).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(row.attempts).length).toBeLessThanOrEqual(20);
    }
  });
});

describe('NIK changes per client address, shared by two app instances (e2e)', () => {
  let t: TestApp;
  let second: SecondApp | undefined;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    // On MySQL a second instance with its own pool on the same database; in-memory SQLite has one process only.
    if (t.db.kind === 'mysql') second = await createAppOnDatabase(t.db.url, LIMITS);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('24 parallel NIK changes from one address by 8 accounts: exactly 20 × 200, 4 × 429', async () => {
    const accounts: SignedIn[] = [];
    for (let i = 0; i < 8; i++) {
      const me = await t.signIn('participant');
      expect((await put(t, me, participantBody({ ...BIRTH, nik: null }))).status).toBe(200);
      accounts.push(me);
    }
    const attempts = accounts.flatMap((me) =>
      [0, 1, 2].map(() => ({ me, nik: nikFor(BIRTH.birthDate, BIRTH.gender) })),
    );
    const results = await inParallel(attempts, 12, async ({ me, nik }, i) => {
      const app = second && i % 2 ? second : t;
      return put(app, me, participantBody({ ...BIRTH, nik }));
    });
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(20).fill(200), ...Array(4).fill(429)]);
    for (const r of results.filter((x) => x.status === 429)) {
      expectProblem(r, 429);
      expect(r.body.code).toBe('rate_limited');
      const retryAfter = Number(r.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3600 - 120);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    }
    // A fresh account from the same address is refused too; staff entering NIKs are not limited.
    const late = await t.signIn('participant');
    expectProblem(await put(t, late, participantBody(BIRTH)), 429);
    const staff = await t.signIn('staff');
    expect((await t.http.post(`${API}/participants`).set(staff.auth).send(participantBody(BIRTH))).status).toBe(201);
  }, 60_000);
});

describe('a NIK that is taken (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    staff = await t.signIn('staff');
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is answered 409 nik_taken without saying whose it is, recorded for staff review, and counted', async () => {
    const nik = nikFor(BIRTH.birthDate, BIRTH.gender);
    const holder = await createParticipant(t, staff, { ...BIRTH, nik });
    const me = await t.signIn('participant');
    const mine = await put(t, me, participantBody({ ...BIRTH, nik: null }));
    expect(mine.status).toBe(200);

    const res = await put(t, me, participantBody({ ...BIRTH, nik }));
    expectProblem(res, 409);
    expect(res.body.code).toBe('nik_taken');
    expect(res.body.detail).toMatch(/cannot be used/i);
    expect(res.body.detail).toMatch(/staff/i);
    expect(res.body.detail).not.toMatch(/belong|another|participant|registered|exists/i);
    // Nothing of the profile changed.
    expect((await t.http.get(`${API}/me/participant/export`).set(me.auth)).body.profile.nik).toBeNull();

    const audit = await t.http.get(`${API}/audit-logs`).query({ entityType: 'nik_claim' }).set(admin.auth);
    expect(audit.status).toBe(200);
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        actorId: me.id,
        actorRole: 'participant',
        action: 'create',
        entityType: 'nik_claim',
        entityId: holder.id,
        before: null,
        after: { outcome: 'refused', code: 'nik_taken', claimantParticipantId: mine.body.id },
      }),
    ]);
    const [{ nik_hash: hash }] = await t.dataSource.query('SELECT nik_hash FROM participants WHERE id = ?', [
      holder.id,
    ]);
    const stored = JSON.stringify(await t.dataSource.query("SELECT * FROM audit_logs WHERE entity_type = 'nik_claim'"));
    expect(stored).not.toContain(nik);
    expect(stored).not.toContain(hash);

    // Each refused guess spends the budget like a change: 4 more, then 429 even for a free NIK.
    for (let i = 0; i < 4; i++) expectProblem(await put(t, me, participantBody({ ...BIRTH, nik })), 409);
    const limited = await put(t, me, participantBody({ ...BIRTH, nik: nikFor(BIRTH.birthDate, BIRTH.gender) }));
    expectProblem(limited, 429);
    expect(limited.body.code).toBe('rate_limited');
    expect(
      Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_logs WHERE entity_type = 'nik_claim'"))[0].n),
    ).toBe(5);
  });

  it('answers staff with the same code and words, without limit', async () => {
    const nik = nikFor(BIRTH.birthDate, BIRTH.gender);
    await createParticipant(t, staff, { ...BIRTH, nik });
    for (let i = 0; i < 7; i++) {
      const res = await t.http
        .post(`${API}/participants`)
        .set(staff.auth)
        .send(participantBody({ ...BIRTH, nik }));
      expectProblem(res, 409);
      expect(res.body).toMatchObject({ code: 'nik_taken', detail: expect.stringMatching(/cannot be used/) });
    }
  });
});

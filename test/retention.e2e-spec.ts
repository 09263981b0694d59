import { Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import { RefreshToken } from '../src/users/refresh-token.entity.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { IdempotencyKey } from '../src/idempotency/idempotency-key.entity.js';
import { RETENTION_RULES } from '../src/retention/retention-rules.js';
import { purgeBatch, RETENTION_BATCH_SIZE, RetentionService } from '../src/retention/retention.service.js';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { testingMysql } from './support/test-database.js';
import { API, createTestApp, type SignedIn, type TestApp } from './support/test-app.js';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const ago = (ms: number) => new Date(Date.now() - ms);
/** A UTC timestamp literal both databases store as given (direct SQL, as an old row would have been written). */
const sqlTime = (d: Date) => DateUtils.mixedDateToUtcDatetimeString(d);

describe('retention job (e2e)', () => {
  let t: TestApp;
  let user: SignedIn;
  let service: RetentionService;
  let second: SecondApp | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    // Another process on the same database, where the database can be shared (MySQL).
    if (testingMysql()) second = await createAppOnDatabase(t.db.url);
    user = await t.signIn('participant');
    service = t.app.get(RetentionService);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  beforeEach(async () => {
    await t.dataSource.getRepository(IdempotencyKey).clear();
  });

  /** Another instance of the job, as another process would have: its own lease holder name. */
  const anotherInstance = () => new RetentionService(t.app.get(UnitOfWork), { retentionIntervalMinutes: 0 });
  const freeLease = () => t.dataSource.query('DELETE FROM leases');

  async function idempotencyKeys(count: number, createdAt: Date): Promise<string[]> {
    const rows = Array.from({ length: count }, () => ({
      id: randomBytes(32).toString('hex'),
      userId: user.id,
      requestHash: randomBytes(32).toString('hex'),
      statusCode: 201,
      responseBody: JSON.stringify({ fullName: 'Siti Rahayu', phone: '081234567890' }),
      createdAt,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await t.dataSource.getRepository(IdempotencyKey).insert(rows.slice(i, i + 200));
    return rows.map((r) => r.id);
  }

  async function refreshToken(times: { expiresAt: Date; revokedAt?: Date; usedAt?: Date }): Promise<string> {
    const id = randomUUID();
    await t.dataSource.getRepository(RefreshToken).insert({
      id,
      userId: user.id,
      familyId: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: times.expiresAt,
      usedAt: times.usedAt ?? null,
      revokedAt: times.revokedAt ?? null,
      createdAt: ago(60 * DAY_MS),
    });
    return id;
  }

  /** Failed logins through the API; their rows are then dated with direct SQL. */
  async function failLogins(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const res = await t.http
        .post(`${API}/auth/login`)
        .send({ email: `salah.${randomUUID()}@uji.banggamacapat.id`, password: 'bukan-sandinya-123' });
      expect(res.status).toBe(401);
    }
  }
  const setFailureTimes = (from: Date, to: Date) =>
    t.dataSource.query('UPDATE login_failures SET created_at = ? WHERE created_at >= ?', [sqlTime(to), sqlTime(from)]);
  const failureTimes = async () =>
    ((await t.dataSource.query('SELECT created_at AS at FROM login_failures')) as { at: Date | string }[]).map((r) =>
      new Date(typeof r.at === 'string' ? `${r.at.replace(' ', 'T')}Z` : r.at).getTime(),
    );

  it('deletes exactly the rows past their retention and keeps the rest, logging counts only', async () => {
    const oldKeys = await idempotencyKeys(3, ago(25 * HOUR_MS));
    const freshKeys = await idempotencyKeys(2, ago(23 * HOUR_MS));

    // 3 failures 16 minutes old (past the 15-minute window), 2 of 14 minutes, 1 now.
    const start = ago(MINUTE_MS);
    await failLogins(3);
    await setFailureTimes(start, ago(16 * MINUTE_MS));
    await failLogins(2);
    await setFailureTimes(start, ago(14 * MINUTE_MS));
    await failLogins(1);
    expect(await failureTimes()).toHaveLength(6);

    const tokensBefore = await t.dataSource.getRepository(RefreshToken).count();
    const expiredLongAgo = await refreshToken({ expiresAt: ago(31 * DAY_MS) });
    const revokedLongAgo = await refreshToken({ expiresAt: ago(DAY_MS), revokedAt: ago(31 * DAY_MS) });
    const kept = [
      await refreshToken({ expiresAt: ago(29 * DAY_MS) }),
      await refreshToken({ expiresAt: ago(DAY_MS), revokedAt: ago(29 * DAY_MS) }),
      await refreshToken({ expiresAt: new Date(Date.now() + DAY_MS), usedAt: ago(40 * DAY_MS) }),
      await refreshToken({ expiresAt: new Date(Date.now() + DAY_MS) }),
    ];

    const logged = jest.spyOn(Logger.prototype, 'log');
    const report = await service.run();
    expect(report?.purged).toEqual({
      idempotencyKeys: 3,
      loginFailures: 3,
      expiredRefreshTokens: 1,
      revokedRefreshTokens: 1,
    });

    const keys = await t.dataSource.getRepository(IdempotencyKey).find({ select: { id: true } });
    expect(keys.map((k) => k.id).sort()).toEqual([...freshKeys].sort());
    expect(oldKeys.some((id) => keys.some((k) => k.id === id))).toBe(false);

    const times = await failureTimes();
    expect(times).toHaveLength(3);
    for (const at of times) expect(at).toBeGreaterThan(Date.now() - 15 * MINUTE_MS);

    const tokens = await t.dataSource.getRepository(RefreshToken).find({ select: { id: true } });
    expect(tokens).toHaveLength(tokensBefore + kept.length);
    expect(tokens.map((r) => r.id)).toEqual(expect.arrayContaining(kept));
    expect(tokens.map((r) => r.id)).not.toEqual(expect.arrayContaining([expiredLongAgo]));
    expect(tokens.map((r) => r.id)).not.toEqual(expect.arrayContaining([revokedLongAgo]));

    // The log line has the counts and nothing of the rows themselves.
    const line = logged.mock.calls.find((call) => call[1] === 'retention run');
    logged.mockRestore();
    expect(line?.[0]).toMatchObject({ purged: report!.purged });
    expect(JSON.stringify(line)).not.toMatch(/Siti|0812|@|[0-9a-f]{64}/);

    // Nothing more is due: a second run deletes nothing.
    expect((await service.run())?.purged).toEqual({
      idempotencyKeys: 0,
      loginFailures: 0,
      expiredRefreshTokens: 0,
      revokedRefreshTokens: 0,
    });
  });

  it('deletes in bounded batches: one batch takes at most its limit, the run takes them all', async () => {
    const rule = RETENTION_RULES.find((r) => r.label === 'idempotencyKeys')!;
    await idempotencyKeys(RETENTION_BATCH_SIZE + 200, ago(2 * DAY_MS));
    const fresh = await idempotencyKeys(5, ago(HOUR_MS));
    const first = await t.app
      .get(UnitOfWork)
      .run(null, (em) => purgeBatch(em, rule, rule.cutoff(new Date()), RETENTION_BATCH_SIZE));
    expect(first).toBe(RETENTION_BATCH_SIZE);
    expect(await t.dataSource.getRepository(IdempotencyKey).count()).toBe(200 + fresh.length);
    await idempotencyKeys(RETENTION_BATCH_SIZE, ago(2 * DAY_MS));
    expect((await service.run())?.purged.idempotencyKeys).toBe(RETENTION_BATCH_SIZE + 200);
    expect(await t.dataSource.getRepository(IdempotencyKey).count()).toBe(fresh.length);
  });

  it('instances racing for the lease: exactly one runs; another takes over once the lease expires', async () => {
    await freeLease();
    await idempotencyKeys(7, ago(2 * DAY_MS));
    const racers = [
      service,
      anotherInstance(),
      anotherInstance(),
      anotherInstance(),
      ...(second ? [second.app.get(RetentionService)] : []),
    ];
    for (let round = 0; round < 3; round++) {
      await freeLease();
      const reports = await Promise.all(racers.map((r) => r.run()));
      const ran = reports.filter((r) => r !== null);
      expect(ran).toHaveLength(1);
      expect(ran[0]!.purged.idempotencyKeys).toBe(round === 0 ? 7 : 0);
    }
    // The winner keeps the lease: the others are refused until it expires, the winner itself is not.
    const leases = (await t.dataSource.query('SELECT holder FROM leases')) as { holder: string }[];
    expect(leases).toHaveLength(1);
    const winner = racers.find((r) => r.holder === leases[0].holder)!;
    const loser = racers.find((r) => r !== winner)!;
    expect(await loser.run()).toBeNull();
    expect(await winner.run()).not.toBeNull();
    await t.dataSource.query('UPDATE leases SET expires_at = ?', [sqlTime(ago(MINUTE_MS))]);
    expect(await loser.run()).not.toBeNull();
    expect(await winner.run()).toBeNull();
  });

  it('runs on its interval when enabled, and not at all by default in tests', async () => {
    // The app's own instance is off under NODE_ENV=test: the old rows below stay until the enabled one runs.
    await freeLease();
    await idempotencyKeys(4, ago(2 * DAY_MS));
    const scheduled = new RetentionService(t.app.get(UnitOfWork), { retentionIntervalMinutes: 0.001 });
    scheduled.onApplicationBootstrap();
    try {
      const deadline = Date.now() + 10_000;
      while ((await t.dataSource.getRepository(IdempotencyKey).count()) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await t.dataSource.getRepository(IdempotencyKey).count()).toBe(0);
      expect((await t.dataSource.query('SELECT holder FROM leases'))[0].holder).toBe(scheduled.holder);
    } finally {
      await scheduled.onModuleDestroy();
    }
    // Stopped: later old rows stay.
    await idempotencyKeys(2, ago(2 * DAY_MS));
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.dataSource.getRepository(IdempotencyKey).count()).toBe(2);
  });
});

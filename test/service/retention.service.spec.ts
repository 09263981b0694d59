import { Logger } from '@nestjs/common';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { RETENTION_RULES } from '../../src/retention/retention-rules.js';
import { RetentionModule } from '../../src/retention/retention.module.js';
import { purgeBatch, RETENTION_BATCH_SIZE, RetentionService } from '../../src/retention/retention.service.js';
import { testingMysql } from '../support/test-database.js';
import { factories, type Factories } from './factories.js';
import { createServiceTest, createServiceTestOn, type ServiceTest } from './service-test.js';

/** The retention job (RetentionService) on rows inserted directly; moved from test/retention.e2e-spec.ts. */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const ago = (ms: number) => new Date(Date.now() - ms);
/** A UTC timestamp literal both databases store as given (direct SQL, as an old row would have been written). */
const sqlTime = (d: Date) => DateUtils.mixedDateToUtcDatetimeString(d);

describe('retention job (service)', () => {
  let st: ServiceTest;
  let f: Factories;
  let userId: string;
  let service: RetentionService;
  let second: ServiceTest | undefined;

  beforeAll(async () => {
    st = await createServiceTest([RetentionModule]);
    // Another process on the same database, where the database can be shared (MySQL).
    if (testingMysql()) second = await createServiceTestOn(st.db, [RetentionModule]);
    f = factories(st);
    userId = (await f.user({ role: 'participant' })).id;
    service = st.get(RetentionService);
  });
  afterAll(async () => {
    await second?.close();
    await st?.close();
  });

  beforeEach(async () => {
    await st.dataSource.query('DELETE FROM idempotency_keys');
  });

  const count = async (table: string) => Number((await st.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const ids = async (table: string) =>
    ((await st.dataSource.query(`SELECT id FROM ${table}`)) as { id: string }[]).map((r) => r.id);
  /** Another instance of the job, as another process would have: its own lease holder name. */
  const anotherInstance = () => new RetentionService(st.get(UnitOfWork), { retentionIntervalMinutes: 0 });
  const freeLease = () => st.dataSource.query('DELETE FROM leases');
  const idempotencyKeys = (n: number, createdAt: Date) => f.idempotencyKeys(userId, n, createdAt);
  const refreshToken = (times: { expiresAt: Date; revokedAt?: Date; usedAt?: Date }) =>
    f.refreshToken(userId, { ...times, createdAt: ago(60 * DAY_MS) });
  const failureTimes = async () =>
    ((await st.dataSource.query('SELECT created_at AS at FROM login_failures')) as { at: Date | string }[]).map((r) =>
      new Date(typeof r.at === 'string' ? `${r.at.replace(' ', 'T')}Z` : r.at).getTime(),
    );

  it('deletes exactly the rows past their retention and keeps the rest, logging counts only', async () => {
    const oldKeys = await idempotencyKeys(3, ago(25 * HOUR_MS));
    const freshKeys = await idempotencyKeys(2, ago(23 * HOUR_MS));

    // 3 failures 16 minutes old (past the 15-minute window), 2 of 14 minutes, 1 now.
    for (let i = 0; i < 3; i++) await f.loginFailure(ago(16 * MINUTE_MS));
    for (let i = 0; i < 2; i++) await f.loginFailure(ago(14 * MINUTE_MS));
    await f.loginFailure(new Date());
    expect(await failureTimes()).toHaveLength(6);

    const tokensBefore = await count('refresh_tokens');
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

    const keys = await ids('idempotency_keys');
    expect([...keys].sort()).toEqual([...freshKeys].sort());
    expect(oldKeys.some((id) => keys.includes(id))).toBe(false);

    const times = await failureTimes();
    expect(times).toHaveLength(3);
    for (const at of times) expect(at).toBeGreaterThan(Date.now() - 15 * MINUTE_MS);

    const tokens = await ids('refresh_tokens');
    expect(tokens).toHaveLength(tokensBefore + kept.length);
    expect(tokens).toEqual(expect.arrayContaining(kept));
    expect(tokens).not.toEqual(expect.arrayContaining([expiredLongAgo]));
    expect(tokens).not.toEqual(expect.arrayContaining([revokedLongAgo]));

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
    const first = await st
      .get(UnitOfWork)
      .run(null, (em) => purgeBatch(em, rule, rule.cutoff(new Date()), RETENTION_BATCH_SIZE));
    expect(first).toBe(RETENTION_BATCH_SIZE);
    expect(await count('idempotency_keys')).toBe(200 + fresh.length);
    await idempotencyKeys(RETENTION_BATCH_SIZE, ago(2 * DAY_MS));
    expect((await service.run())?.purged.idempotencyKeys).toBe(RETENTION_BATCH_SIZE + 200);
    expect(await count('idempotency_keys')).toBe(fresh.length);
  });

  it('instances racing for the lease: exactly one runs; another takes over once the lease expires', async () => {
    await freeLease();
    await idempotencyKeys(7, ago(2 * DAY_MS));
    const racers = [
      service,
      anotherInstance(),
      anotherInstance(),
      anotherInstance(),
      ...(second ? [second.get(RetentionService)] : []),
    ];
    for (let round = 0; round < 3; round++) {
      await freeLease();
      const reports = await Promise.all(racers.map((r) => r.run()));
      const ran = reports.filter((r) => r !== null);
      expect(ran).toHaveLength(1);
      expect(ran[0]!.purged.idempotencyKeys).toBe(round === 0 ? 7 : 0);
    }
    // The winner keeps the lease: the others are refused until it expires, the winner itself is not.
    const leases = (await st.dataSource.query('SELECT holder FROM leases')) as { holder: string }[];
    expect(leases).toHaveLength(1);
    const winner = racers.find((r) => r.holder === leases[0].holder)!;
    const loser = racers.find((r) => r !== winner)!;
    expect(await loser.run()).toBeNull();
    expect(await winner.run()).not.toBeNull();
    await st.dataSource.query('UPDATE leases SET expires_at = ?', [sqlTime(ago(MINUTE_MS))]);
    expect(await loser.run()).not.toBeNull();
    expect(await winner.run()).toBeNull();
  });

  it('runs on its interval when enabled, and not at all by default in tests', async () => {
    // The module's own instance is off under NODE_ENV=test: the old rows below stay until the enabled one runs.
    await freeLease();
    await idempotencyKeys(4, ago(2 * DAY_MS));
    const scheduled = new RetentionService(st.get(UnitOfWork), { retentionIntervalMinutes: 0.001 });
    scheduled.onApplicationBootstrap();
    try {
      const deadline = Date.now() + 10_000;
      while ((await count('idempotency_keys')) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await count('idempotency_keys')).toBe(0);
      expect((await st.dataSource.query('SELECT holder FROM leases'))[0].holder).toBe(scheduled.holder);
    } finally {
      await scheduled.onModuleDestroy();
    }
    // Stopped: later old rows stay.
    await idempotencyKeys(2, ago(2 * DAY_MS));
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('idempotency_keys')).toBe(2);
  });
});

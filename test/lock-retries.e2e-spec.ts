import { ServiceUnavailableException } from '@nestjs/common';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProblemDetailsFilter } from '../src/common/problem-details.filter.js';
import { parseDatabaseUrl } from '../src/database/database-url.js';
import { isDatabaseUnavailable, isTransientLockError, isUniqueViolation } from '../src/common/db-errors.js';
import { MAX_ATTEMPTS, UnitOfWork } from '../src/database/unit-of-work.js';
import { Event } from '../src/events/event.entity.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, createParticipant } from './support/training-factory.js';

/**
 * Deadlocks and lock timeouts, provoked for real (no mocks): retried MAX_ATTEMPTS times, then 503
 * problem+json with Retry-After, never 500; and service resumes as soon as the lock goes.
 * MariaDB: row locks held from a raw mysql2 connection (SELECT … FOR UPDATE) and real deadlocks.
 * SQLite: the database file's write lock held by another connection (BEGIN IMMEDIATE), which is
 * what another process writing to the file looks like; SQLite has no deadlocks, but its
 * counterpart, a stale snapshot that cannot become a writer (SQLITE_BUSY_SNAPSHOT), is provoked.
 */
const onMysql = testingMysql();
const LOCK_WAIT_SECONDS = 1;

interface Holder {
  /** Takes the write lock on the event row (MariaDB) or on the whole file (SQLite) and keeps it. */
  lockEvent(eventId: string): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
}

const errorOf = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    (err) => err,
  );
const codeOf = (err: unknown) =>
  (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
const errnoOf = (err: unknown) =>
  (err as { errno?: number; driverError?: { errno?: number } }).driverError?.errno ?? (err as { errno?: number }).errno;

describe(`lock timeouts and deadlocks (${onMysql ? 'MariaDB' : 'SQLite file'})`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let uow: UnitOfWork;
  let sqliteFile: string | undefined;
  let holder: Holder;

  async function mysqlConnection(): Promise<mysql.Connection> {
    const db = parseDatabaseUrl(t.db.url);
    return mysql.createConnection({
      host: db.host,
      port: db.port,
      user: db.username,
      password: db.password,
      database: db.database,
    });
  }

  beforeAll(async () => {
    sqliteFile = onMysql
      ? undefined
      : join(tmpdir(), `bm-locks-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    t = await createTestApp({
      DB_LOCK_WAIT_SECONDS: String(LOCK_WAIT_SECONDS),
      ...(sqliteFile ? { DATABASE_URL: `sqlite:${sqliteFile}` } : {}),
    });
    staff = await t.signIn('staff');
    uow = t.app.get(UnitOfWork);
    if (onMysql) {
      const conn = await mysqlConnection();
      holder = {
        async lockEvent(eventId) {
          await conn.query('START TRANSACTION');
          await conn.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [eventId]);
        },
        release: async () => void (await conn.query('ROLLBACK')),
        close: () => conn.end(),
      };
    } else {
      const conn = new Database(sqliteFile!);
      holder = {
        lockEvent: async () => void conn.exec('BEGIN IMMEDIATE'),
        release: async () => void conn.exec('ROLLBACK'),
        close: async () => void conn.close(),
      };
    }
  }, 60_000);

  afterAll(async () => {
    await holder?.close();
    await t.close();
    if (sqliteFile) for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
  });

  /**
   * Waits until InnoDB shows `n` transactions of this suite's database
   * waiting for a lock, so the next step surely closes a cycle.
   */
  async function waitForLockWaits(n: number): Promise<void> {
    const probe = await mysqlConnection();
    try {
      for (let i = 0; i < 100; i++) {
        // InnoDB refreshes its innodb_trx snapshot only when nobody read it for 100 ms: polling faster would keep
        // reading the previous test's transactions forever.
        await new Promise((r) => setTimeout(r, 110));
        const [rows] = await probe.query(
          `SELECT COUNT(*) AS n FROM information_schema.innodb_trx t
             JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
            WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()`,
        );
        if (Number((rows as { n: number }[])[0].n) >= n) return;
      }
      throw new Error(`no ${n} lock wait(s) appeared`);
    } finally {
      await probe.end();
    }
  }

  async function counters(eventId: string) {
    const [e] = await t.dataSource.query('SELECT confirmed_count, waitlisted_count FROM events WHERE id = ?', [
      eventId,
    ]);
    const [r] = await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND status <> 'cancelled'",
      [eventId],
    );
    return { counted: Number(e.confirmed_count) + Number(e.waitlisted_count), rows: Number(r.n) };
  }

  /** MariaDB retries a lock wait timeout; SQLite's busy handler has already retried for the whole wait, so one. */
  const WAITS = onMysql ? MAX_ATTEMPTS : 1;

  it(
    `a registration behind a held lock: ${WAITS} wait(s) ` +
      `of ~${LOCK_WAIT_SECONDS} s, then 503 with Retry-After; 201 once the lock is gone`,
    async () => {
      const event = await createEvent(t, staff, { capacity: 5 });
      const [first, second] = [await createParticipant(t, staff), await createParticipant(t, staff)];

      await holder.lockEvent(event.id);
      let started = Date.now();
      const refused = await t.http
        .post(`${API}/events/${event.id}/registrations`)
        .set(staff.auth)
        .send({ participantId: first.id });
      const refusedMs = Date.now() - started;
      await holder.release();

      expectProblem(refused, 503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Bounded: each wait lasted the lock wait, and there were no more of them.
      expect(refusedMs).toBeGreaterThanOrEqual(WAITS * LOCK_WAIT_SECONDS * 1000 - 200);
      expect(refusedMs).toBeLessThan(WAITS * LOCK_WAIT_SECONDS * 1000 + 900);
      expect(await counters(event.id)).toEqual({ counted: 0, rows: 0 });

      started = Date.now();
      const ok = await t.http
        .post(`${API}/events/${event.id}/registrations`)
        .set(staff.auth)
        .send({ participantId: first.id });
      const okMs = Date.now() - started;
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ participantId: first.id, status: 'confirmed', waitlistPosition: null });
      expect(okMs).toBeLessThan(1000);
      expect(
        (
          await t.http
            .post(`${API}/events/${event.id}/registrations`)
            .set(staff.auth)
            .send({ participantId: second.id })
        ).status,
      ).toBe(201);
      expect(await counters(event.id)).toEqual({ counted: 2, rows: 2 });
      console.log(
        `[lock-retries] ${t.db.kind}: held lock → 503 after ${refusedMs} ms ` +
          `(${WAITS} × ${LOCK_WAIT_SECONDS} s); released → 201 in ${okMs} ms`,
      );
    },
    30_000,
  );

  if (onMysql) {
    it(
      `UnitOfWork runs a lock-timed-out transaction exactly MAX_ATTEMPTS (${MAX_ATTEMPTS}) ` +
        `times, each failing with ER_LOCK_WAIT_TIMEOUT (1205)`,
      async () => {
        const event = await createEvent(t, staff);
        const seen: unknown[] = [];
        await holder.lockEvent(event.id);
        const started = Date.now();
        const err = await errorOf(
          uow.run(null, async (em) => {
            try {
              await uow.lock(em, Event, event.id);
            } catch (e) {
              seen.push(e);
              throw e;
            }
          }),
        );
        const ms = Date.now() - started;
        await holder.release();

        expect(err).toBeInstanceOf(ServiceUnavailableException);
        expect((err as Error).cause).toBe(seen[seen.length - 1]);
        expect(seen).toHaveLength(MAX_ATTEMPTS);
        for (const e of seen) {
          expect(codeOf(e)).toBe('ER_LOCK_WAIT_TIMEOUT');
          expect(errnoOf(e)).toBe(1205);
          expect(isTransientLockError(e)).toBe(true);
          expect(isDatabaseUnavailable(e)).toBe(false);
        }
        // Each attempt waited the whole lock wait.
        expect(ms).toBeGreaterThanOrEqual(MAX_ATTEMPTS * LOCK_WAIT_SECONDS * 1000 - 100);
        expect(ms).toBeLessThan((MAX_ATTEMPTS + 1) * LOCK_WAIT_SECONDS * 1000 - 200);
        console.log(
          `[lock-retries] mysql: UnitOfWork gave up after ${ms} ms = ` +
            `${seen.length} attempts × ${LOCK_WAIT_SECONDS} s lock wait`,
        );
      },
      30_000,
    );
  } else {
    it(
      'UnitOfWork waits out one busy timeout, ' +
        'then refuses without waiting while the lock is known held, and resumes at once when it is free',
      async () => {
        const event = await createEvent(t, staff);
        let reached = 0;
        const write = () =>
          uow.run(null, async (em) => {
            reached++;
            await em.query('UPDATE events SET confirmed_count = confirmed_count WHERE id = ?', [event.id]);
            return 'written';
          });
        const timed = async <T>(p: Promise<T>) => {
          const started = Date.now();
          const outcome = await p.then(
            (v) => v,
            (e: unknown) => e,
          );
          return { outcome, ms: Date.now() - started };
        };

        await holder.lockEvent(event.id);
        const first = await timed(write());
        const second = await timed(write());
        await holder.release();
        const third = await timed(write());
        await holder.lockEvent(event.id);
        const fourth = await timed(write());
        await holder.release();

        for (const refused of [first, second, fourth]) {
          expect(refused.outcome).toBeInstanceOf(ServiceUnavailableException);
          const cause = (refused.outcome as Error).cause;
          expect(codeOf(cause)).toBe('SQLITE_BUSY');
          expect(isTransientLockError(cause)).toBe(true);
          expect(isDatabaseUnavailable(cause)).toBe(false);
        }
        // The file's write lock is taken before the work starts: refused transactions never ran it.
        expect(reached).toBe(1);
        expect(third.outcome).toBe('written');
        // One busy timeout (SQLite retries inside it), not MAX_ATTEMPTS of them: the wait blocks the whole process.
        expect(first.ms).toBeGreaterThanOrEqual(LOCK_WAIT_SECONDS * 1000 - 100);
        expect(first.ms).toBeLessThan(LOCK_WAIT_SECONDS * 1000 + 500);
        // Known held: no second wait. Free again: through at once, and the next lock is waited for again.
        expect(second.ms).toBeLessThan(200);
        expect(third.ms).toBeLessThan(200);
        expect(fourth.ms).toBeGreaterThanOrEqual(LOCK_WAIT_SECONDS * 1000 - 100);
        console.log(
          `[lock-retries] sqlite: held → 503 after ${first.ms} ms, again → 503 after ${second.ms} ms, ` +
            `free → written in ${third.ms} ms, held again → 503 after ${fourth.ms} ms`,
        );
      },
      30_000,
    );
  }

  it('a lock error that escapes UnitOfWork is answered 503 problem+json with Retry-After, not 500', async () => {
    const event = await createEvent(t, staff);
    await holder.lockEvent(event.id);
    let real: unknown;
    try {
      if (onMysql) {
        const conn = await mysqlConnection();
        try {
          await conn.query('SET SESSION innodb_lock_wait_timeout = 1');
          await conn.query('START TRANSACTION');
          real = await conn.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [event.id]).then(
            () => undefined,
            (e: unknown) => e,
          );
        } finally {
          await conn.end();
        }
      } else {
        const conn = new Database(sqliteFile!, { timeout: 100 });
        try {
          conn.exec('BEGIN IMMEDIATE');
        } catch (e) {
          real = e;
        } finally {
          conn.close();
        }
      }
    } finally {
      await holder.release();
    }
    expect(codeOf(real)).toBe(onMysql ? 'ER_LOCK_WAIT_TIMEOUT' : 'SQLITE_BUSY');
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const res = {
      headersSent: false,
      setHeader: (k: string, v: string) => void (sent.headers[k.toLowerCase()] = v),
      getHeader: (k: string) => sent.headers[k.toLowerCase()],
      getHeaderNames: () => Object.keys(sent.headers),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(t: string) {
        sent.headers['content-type'] = t;
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
    };
    const host = {
      switchToHttp: () => ({
        getResponse: () => res,
        getRequest: () => ({ originalUrl: '/api/v1/x', method: 'POST' }),
      }),
    };
    new ProblemDetailsFilter().catch(real, host as never);
    expect(sent.status).toBe(503);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(Number(sent.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(sent.body!)).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });

  it('UnitOfWork does not retry errors that are not lock errors', async () => {
    const event = await createEvent(t, staff);
    let attempts = 0;
    const err = await errorOf(
      uow.run(null, async (em) => {
        attempts++;
        // A real unique violation: a copy of an event row, primary key included.
        await em.query('INSERT INTO events SELECT * FROM events WHERE id = ?', [event.id]);
      }),
    );
    expect(attempts).toBe(1);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isTransientLockError(err)).toBe(false);
  });

  if (onMysql) {
    it('a deadlock between two raw connections is ER_LOCK_DEADLOCK (1213) and classed as transient', async () => {
      const [a, b] = [await createEvent(t, staff), await createEvent(t, staff)];
      const one = await mysqlConnection();
      const two = await mysqlConnection();
      try {
        await one.query('START TRANSACTION');
        await two.query('START TRANSACTION');
        await one.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [a.id]);
        await two.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [b.id]);
        // Opposite order: one waits for two, then two waits for one → InnoDB kills one of them at once.
        const oneWaits = one.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [b.id]).then(
          () => null,
          (e: unknown) => e,
        );
        await waitForLockWaits(1);
        const twoWaits = await two.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [a.id]).then(
          () => null,
          (e: unknown) => e,
        );
        if (twoWaits === null) await two.query('ROLLBACK');
        const victim = twoWaits ?? (await oneWaits);
        expect(codeOf(victim)).toBe('ER_LOCK_DEADLOCK');
        expect(errnoOf(victim)).toBe(1213);
        expect(isTransientLockError(victim)).toBe(true);
        expect(isDatabaseUnavailable(victim)).toBe(false);
        await oneWaits;
      } finally {
        await one.query('ROLLBACK').catch(() => undefined);
        await two.query('ROLLBACK').catch(() => undefined);
        await one.end();
        await two.end();
      }
    });

    it('a transaction chosen as deadlock victim is retried and then succeeds', async () => {
      const [a, b, c] = [await createEvent(t, staff), await createEvent(t, staff), await createEvent(t, staff)];
      const raw = await mysqlConnection();
      const seen: unknown[] = [];
      let heldA!: () => void;
      const aHeld = new Promise<void>((resolve) => (heldA = resolve));
      try {
        // The raw side holds B and has changed rows, so InnoDB rolls back the lighter app transaction.
        await raw.query('START TRANSACTION');
        await raw.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [b.id]);
        await raw.query("UPDATE events SET description = CONCAT(description, '.') WHERE id IN (?, ?)", [b.id, c.id]);
        const work = uow.run(null, async (em) => {
          try {
            await uow.lock(em, Event, a.id);
            heldA();
            await uow.lock(em, Event, b.id);
            return 'done';
          } catch (e) {
            seen.push(e);
            throw e;
          }
        });
        await aHeld;
        await waitForLockWaits(1);
        // Closes the cycle: raw waits for A while the app waits for B.
        await raw.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [a.id]);
        await raw.query('COMMIT');
        expect(await work).toBe('done');
        expect(seen).toHaveLength(1);
        expect(codeOf(seen[0])).toBe('ER_LOCK_DEADLOCK');
      } finally {
        await raw.query('ROLLBACK').catch(() => undefined);
        await raw.end();
      }
    });
  } else {
    it('a stale snapshot that cannot become a writer is SQLITE_BUSY_SNAPSHOT and classed as transient', async () => {
      const event = await createEvent(t, staff);
      const one = new Database(sqliteFile!);
      const two = new Database(sqliteFile!);
      try {
        one.exec('BEGIN');
        one.prepare('SELECT COUNT(*) FROM events').get();
        two.exec('BEGIN');
        two.prepare("UPDATE events SET description = description || '.' WHERE id = ?").run(event.id);
        two.exec('COMMIT');
        let caught: unknown;
        try {
          one.prepare('UPDATE events SET confirmed_count = confirmed_count').run();
        } catch (e) {
          caught = e;
        }
        expect(codeOf(caught)).toBe('SQLITE_BUSY_SNAPSHOT');
        expect(isTransientLockError(caught)).toBe(true);
        expect(isDatabaseUnavailable(caught)).toBe(false);
      } finally {
        if (one.inTransaction) one.exec('ROLLBACK');
        one.close();
        two.close();
      }
    });
  }
});

import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../src/database/database-url.js';
import { createAppOnDatabase, type SecondApp } from './support/second-app.js';
import { call, ensureBuilt, SERVER_ADMIN, serverProcess, type ServerProcess } from './support/server-process.js';
import { expectSeatInvariant } from './support/seat-invariant.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { API, createTestApp, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, createParticipant, eventBody, participantBody } from './support/training-factory.js';

/**
 * The database going away under load, and coming back, without a restart of the API.
 *
 * MariaDB: the shared server keeps running (other suites use it); a TCP proxy between one app and the
 * database is cut for OUTAGE_MS (listener closed, every connection dropped) and then listens again.
 *
 * SQLite has no network to cut. The closest real fault is another process holding the database file's
 * write lock (a `sqlite3` shell left in a transaction, a second server by mistake): writes cannot be
 * had, reads still can. A real server process on a file is loaded while this test process holds the
 * lock for OUTAGE_MS.
 *
 * Either way: no request hangs, none is answered 500, writes fail with 503 problem+json and
 * Retry-After within a bound, and the service recovers on its own once the database is back.
 */
const onMysql = testingMysql();
const OUTAGE_MS = 4000;
/** Every request during the outage is answered within this. */
const ANSWER_BOUND_MS = onMysql ? 3000 : 2500;
const LOCK_WAIT_SECONDS = 1;
/** The silent partition: long enough for stalled queries to time out and new connections to give up. */
const PARTITION_MS = 8000;
const QUERY_TIMEOUT_SECONDS = 2;
const WORKERS = 6;

interface Outcome {
  kind: 'register' | 'read' | 'health';
  eventId: string;
  participantId: string;
  start: number;
  end: number;
  status: number;
  body: any;
  contentType: string;
  retryAfter: string | undefined;
}

/** Sends what one client would (its own pace), returns what it saw. */
type Send = (
  kind: 'register' | 'read' | 'health',
  eventId: string,
  participantId: string,
) => Promise<Pick<Outcome, 'status' | 'body' | 'contentType' | 'retryAfter'>>;

/**
 * Load during an outage: WORKERS clients registering (and reading the event now and then) plus a
 * health poller. A registration refused with 503 is retried later by its client, as the contract's
 * Retry-After asks. Runs until recovery has been seen (a 201 and a healthy health after `up`).
 */
async function loadThrough(
  send: Send,
  pairs: { eventId: string; participantId: string }[],
  fault: { down(): Promise<void>; up(): Promise<void> },
  outageMs = OUTAGE_MS,
) {
  const outcomes: Outcome[] = [];
  const queue = [...pairs];
  const t0 = Date.now();
  let cutAt = Infinity;
  let restoredAt = Infinity;
  let stop = false;
  const record = async (kind: Outcome['kind'], eventId: string, participantId: string) => {
    const start = Date.now();
    const r = await send(kind, eventId, participantId);
    const o = { kind, eventId, participantId, start, end: Date.now(), ...r };
    outcomes.push(o);
    return o;
  };
  const recovered = () =>
    outcomes.some((o) => o.kind === 'register' && o.status === 201 && o.start > restoredAt) &&
    outcomes.some((o) => o.kind === 'health' && o.status === 200 && o.start > restoredAt);

  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    let n = 0;
    while (!stop && queue.length > 0) {
      const pair = queue.shift()!;
      const o = await record(n++ % 4 === 3 ? 'read' : 'register', pair.eventId, pair.participantId);
      if (o.kind === 'read' || o.status === 503) queue.push(pair);
      await new Promise((r) => setTimeout(r, 60 + w * 7));
    }
  });
  const poller = (async () => {
    while (!stop) {
      await record('health', '', '');
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const driver = (async () => {
    await new Promise((r) => setTimeout(r, 1500));
    cutAt = Date.now();
    await fault.down();
    await new Promise((r) => setTimeout(r, outageMs));
    await fault.up();
    restoredAt = Date.now();
    const deadline = restoredAt + 20_000;
    while (!recovered() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
  })();
  await driver;
  await Promise.all([...workers, poller]);
  return { outcomes, t0, cutAt, restoredAt };
}

function report(label: string, run: Awaited<ReturnType<typeof loadThrough>>, outageMs = OUTAGE_MS) {
  const { outcomes, cutAt, restoredAt } = run;
  const during = outcomes.filter((o) => o.start >= cutAt && o.start < restoredAt);
  const latencies = during
    .filter((o) => o.kind !== 'health')
    .map((o) => o.end - o.start)
    .sort((x, y) => x - y);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  const firstAfter = (pred: (o: Outcome) => boolean) => {
    const o = outcomes.filter((x) => x.start >= restoredAt && pred(x)).sort((x, y) => x.end - y.end)[0];
    return o ? o.end - restoredAt : -1;
  };
  const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
  const statuses: Record<number, number> = {};
  for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  const line =
    `[db-outage] ${label}: ${outcomes.length} requests (${count((o) => o.kind === 'register')} registrations, ` +
    `${count((o) => o.kind === 'read')} reads, ${count((o) => o.kind === 'health')} health polls); ` +
    `during the ${outageMs} ms outage ${during.filter((o) => o.kind !== 'health').length} requests: ` +
    `${during.filter((o) => o.status === 503 && o.kind !== 'health').length} × 503, ` +
    `${during.filter((o) => o.kind !== 'health' && o.status < 300).length} × 2xx, ` +
    `latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${latencies[latencies.length - 1] ?? 0} ms; ` +
    `health during: ${during
      .filter((o) => o.kind === 'health')
      .map((o) => `${o.status}/${o.end - o.start}ms`)
      .join(' ')}; ` +
    `recovery after the database came back: ` +
    `first healthy health ${firstAfter((o) => o.kind === 'health' && o.status === 200)} ms, ` +
    `first 201 ${firstAfter((o) => o.kind === 'register' && o.status === 201)} ms; ` +
    `statuses overall ${JSON.stringify(statuses)}`;
  console.log(line);
}

/** What must hold in every variant. */
function expectFailFastAndRecovery(
  run: Awaited<ReturnType<typeof loadThrough>>,
  opts: { healthDuring: { status: number; body: unknown }; answerBoundMs?: number },
) {
  const { outcomes, cutAt, restoredAt } = run;
  // Nothing hung (a hang would show as status 0 after the client timeout) and nothing was a 500.
  expect(outcomes.filter((o) => o.status === 0 || (o.status >= 500 && o.status !== 503))).toEqual([]);
  expect(outcomes.filter((o) => o.kind === 'register' && ![201, 409, 503].includes(o.status))).toEqual([]);
  // A 409 only where an earlier attempt of the same registration was answered 503: it had committed, but
  // the connection was cut before the answer (the client retried; an Idempotency-Key would return the 201).
  for (const o of outcomes.filter((x) => x.kind === 'register' && x.status === 409)) {
    expect(o.body.detail).toMatch(/already has an active registration/);
    expect(
      outcomes.some(
        (x) =>
          x.kind === 'register' &&
          x.status === 503 &&
          x.eventId === o.eventId &&
          x.participantId === o.participantId &&
          x.end <= o.start,
      ),
    ).toBe(true);
  }
  expect(outcomes.filter((o) => o.kind === 'read' && ![200, 503].includes(o.status))).toEqual([]);
  for (const o of outcomes.filter((x) => x.status === 503 && x.kind !== 'health')) {
    expect(o.contentType).toMatch(/^application\/problem\+json/);
    expect(o.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.any(String) });
    expect(Number(o.retryAfter)).toBeGreaterThan(0);
  }
  // During the outage: writes are refused with 503, each within the bound.
  const during = outcomes.filter((o) => o.start >= cutAt && o.start < restoredAt && o.kind !== 'health');
  expect(during.filter((o) => o.kind === 'register' && o.status === 503).length).toBeGreaterThanOrEqual(5);
  expect(during.filter((o) => o.end - o.start >= (opts.answerBoundMs ?? ANSWER_BOUND_MS))).toEqual([]);
  // Health while the fault lasts (polls that began and ended inside it), each answered within 2 s.
  const health = outcomes.filter((o) => o.kind === 'health' && o.start >= cutAt + 300 && o.end < restoredAt);
  expect(health.length).toBeGreaterThanOrEqual(3);
  for (const h of health) {
    expect({ status: h.status, body: h.body }).toEqual(opts.healthDuring);
    expect(h.end - h.start).toBeLessThan(2000);
  }
  // Recovery without a restart: healthy again and registering again, soon after the database is back.
  const after = outcomes.filter((o) => o.start >= restoredAt);
  expect(after.some((o) => o.kind === 'health' && o.status === 200)).toBe(true);
  expect(after.some((o) => o.kind === 'register' && o.status === 201)).toBe(true);
}

describe(
  `database outage under load ` +
    `(${onMysql ? 'MariaDB behind a TCP proxy that is cut' : 'SQLite file write-locked by another process'})`,
  () => {
    if (onMysql) {
      let t: TestApp;
      let proxy: TcpProxy;
      let behind: SecondApp;
      let staff: SignedIn;
      /** Registrations to make through the app behind the proxy: 4 events × 100 participants. */
      const registrationPairs = async () => {
        const events = [];
        for (let i = 0; i < 4; i++) events.push(await createEvent(t, staff, { capacity: 40 }));
        const people: string[] = [];
        for (let i = 0; i < 10; i++)
          people.push(
            ...(await Promise.all(Array.from({ length: 10 }, () => createParticipant(t, staff).then((p) => p.id)))),
          );
        return {
          events,
          pairs: events.flatMap((e) => people.map((participantId) => ({ eventId: e.id, participantId }))),
        };
      };
      const sendThrough =
        (app: SecondApp): Send =>
        async (kind, eventId, participantId) => {
          const req =
            kind === 'health'
              ? app.http.get(`${API}/health`)
              : kind === 'read'
                ? app.http.get(`${API}/events/${eventId}`)
                : app.http.post(`${API}/events/${eventId}/registrations`).set(staff.auth).send({ participantId });
          try {
            const res = await req.timeout({ response: 20_000 });
            return {
              status: res.status,
              body: res.body,
              contentType: String(res.headers['content-type']),
              retryAfter: res.headers['retry-after'],
            };
          } catch {
            return { status: 0, body: null, contentType: '', retryAfter: undefined };
          }
        };

      beforeAll(async () => {
        t = await createTestApp();
        staff = await t.signIn('staff');
        const db = parseDatabaseUrl(t.db.url);
        proxy = await startTcpProxy(db.host!, db.port!);
        const url = new URL(t.db.url);
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        behind = await createAppOnDatabase(url.toString());
      }, 60_000);
      afterAll(async () => {
        await proxy?.restore().catch(() => undefined);
        await behind?.close();
        await proxy?.close();
        await t?.close();
      });

      it(`the proxy is cut for ${OUTAGE_MS} ms: fast 503s, health db down, recovery without a restart`, async () => {
        const { events, pairs } = await registrationPairs();
        const run = await loadThrough(sendThrough(behind), pairs, {
          down: () => proxy.cut(),
          up: () => proxy.restore(),
        });
        report('MariaDB, app behind a TCP proxy', run);
        expectFailFastAndRecovery(run, { healthDuring: { status: 503, body: { status: 'error', db: 'down' } } });

        // Whatever was acknowledged is there, and nothing is half-written.
        for (const e of events) await expectConsistent(t, e.id, run.outcomes);
        const ok = await t.http.get(`${API}/health`);
        expect(ok.body).toEqual({ status: 'ok', db: 'up' });
      }, 90_000);

      it(
        `a silent partition (nothing refused, nothing answered) for ${PARTITION_MS} ms: ` +
          `503 within the query timeout, not a hang; recovery without a restart`,
        async () => {
          // Its own app, with a short DB_QUERY_TIMEOUT_SECONDS; without one, these requests waited for TCP to give up.
          const url = new URL(t.db.url);
          url.hostname = '127.0.0.1';
          url.port = String(proxy.port);
          const partitioned = await createAppOnDatabase(url.toString(), {
            DB_QUERY_TIMEOUT_SECONDS: String(QUERY_TIMEOUT_SECONDS),
            DB_LOCK_WAIT_SECONDS: String(LOCK_WAIT_SECONDS),
          });
          try {
            const { events, pairs } = await registrationPairs();
            const run = await loadThrough(
              sendThrough(partitioned),
              pairs,
              {
                down: async () => proxy.hold(),
                up: async () => proxy.heal(),
              },
              PARTITION_MS,
            );
            report(`MariaDB, silent partition, DB_QUERY_TIMEOUT_SECONDS=${QUERY_TIMEOUT_SECONDS}`, run, PARTITION_MS);
            // A query waits out the timeout; a new connection its connect
            // timeout (5 s): each request is answered within them.
            expectFailFastAndRecovery(run, {
              healthDuring: { status: 503, body: { status: 'error', db: 'down' } },
              answerBoundMs: 6500,
            });
            for (const e of events) await expectConsistent(t, e.id, run.outcomes);
          } finally {
            await partitioned.close();
          }
        },
        120_000,
      );
    } else {
      let sqliteFile: string;
      let server: ServerProcess;
      let token: string;

      beforeAll(async () => {
        await ensureBuilt();
        sqliteFile = join(tmpdir(), `bm-outage-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
        server = await serverProcess(`sqlite:${sqliteFile}`, { DB_LOCK_WAIT_SECONDS: String(LOCK_WAIT_SECONDS) });
        await server.start();
        const login = await call(`${server.api}/auth/login`, {
          body: { email: SERVER_ADMIN.email, password: SERVER_ADMIN.password },
        });
        token = login.body.accessToken;
      }, 300_000);
      afterAll(async () => {
        await server?.kill();
        for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
      });

      it(
        `another process holds the write lock for ${OUTAGE_MS} ms: ` +
          `writes 503 fast, reads and health go on, recovery without a restart`,
        async () => {
          const events: string[] = [];
          for (let i = 0; i < 4; i++) {
            const e = await call(`${server.api}/events`, { token, body: eventBody({ capacity: 40 }) });
            await call(`${server.api}/events/${e.body.id}/publish`, { token, body: {} });
            events.push(e.body.id);
          }
          const people: string[] = [];
          for (let i = 0; i < 10; i++) {
            const batch = await Promise.all(
              Array.from({ length: 10 }, () => call(`${server.api}/participants`, { token, body: participantBody() })),
            );
            people.push(...batch.map((r) => r.body.id as string));
          }
          const pairs = events.flatMap((eventId) => people.map((participantId) => ({ eventId, participantId })));

          const send: Send = async (kind, eventId, participantId) => {
            const url =
              kind === 'health'
                ? `${server.api}/health`
                : kind === 'read'
                  ? `${server.api}/events/${eventId}`
                  : `${server.api}/events/${eventId}/registrations`;
            const r = await call(url, {
              token,
              body: kind === 'register' ? { participantId } : undefined,
              timeoutMs: 20_000,
            });
            return {
              status: r.status,
              body: r.body,
              contentType: r.headers?.get('content-type') ?? '',
              retryAfter: r.headers?.get('retry-after') ?? undefined,
            };
          };
          const holder = new Database(sqliteFile);
          let run: Awaited<ReturnType<typeof loadThrough>>;
          try {
            run = await loadThrough(send, pairs, {
              down: async () => void holder.exec('BEGIN IMMEDIATE'),
              up: async () => void holder.exec('ROLLBACK'),
            });
          } finally {
            holder.close();
          }
          report(`SQLite, server process, write lock held elsewhere, DB_LOCK_WAIT_SECONDS=${LOCK_WAIT_SECONDS}`, run);
          // The database is up (reads are served); only writes cannot get the lock.
          expectFailFastAndRecovery(run, { healthDuring: { status: 200, body: { status: 'ok', db: 'up' } } });
          const reads = run.outcomes.filter(
            (o) => o.kind === 'read' && o.start >= run.cutAt && o.start < run.restoredAt,
          );
          expect(reads.length).toBeGreaterThan(0);
          expect(reads.filter((o) => o.status !== 200)).toEqual([]);

          const reader = new Database(sqliteFile, { readonly: true });
          try {
            for (const eventId of events) {
              const query = async (sql: string, params: unknown[]) =>
                reader.prepare(sql).all(...params) as Record<string, any>[];
              await expectConsistent({ query }, eventId, run.outcomes);
            }
          } finally {
            reader.close();
          }
        },
        120_000,
      );
    }
  },
);

/** Every acknowledged registration exists as acknowledged; counters equal rows; positions 1..n. */
async function expectConsistent(
  db: { query(sql: string, params: unknown[]): Promise<Record<string, any>[]> } | TestApp,
  eventId: string,
  outcomes: Outcome[],
): Promise<void> {
  const query: (sql: string, params: unknown[]) => Promise<Record<string, any>[]> =
    'dataSource' in db ? (sql, params) => db.dataSource.query(sql, params) : db.query;
  const rows = await query(
    'SELECT id, participant_id, status, waitlist_position FROM registrations WHERE event_id = ?',
    [eventId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const o of outcomes.filter((x) => x.kind === 'register' && x.status === 201 && x.eventId === eventId)) {
    expect(byId.get(o.body.id)?.status).toBe(o.body.status);
  }
  const registered = new Set(rows.map((r) => r.participant_id));
  for (const o of outcomes.filter((x) => x.kind === 'register' && x.status === 409 && x.eventId === eventId)) {
    expect(registered.has(o.participantId)).toBe(true);
  }
  await expectSeatInvariant(query, eventId);
}

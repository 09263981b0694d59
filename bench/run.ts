import autocannon, { type RawRequest, type RequestSpec, type Result } from 'autocannon';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PARTICIPANTS, RESERVED_PARTICIPANTS, seed, seedBookings, type SeededData } from './seed.js';
import { analyzeSelects, planLine, type StatementPlan } from './plans.js';
import type { SqlSnapshot } from './sql-trace.js';
import { mysqlOptions } from './mysql-url.js';

/**
 * `npm run bench`: starts the built server on a fresh MySQL/MariaDB database (DATABASE_URL, default
 * mysql://root@127.0.0.1:3306/bm_bench; created here, dropped at the end unless BENCH_KEEP=1), seeds a
 * realistic volume, and measures with autocannon at BENCH_CONNECTIONS (50) for BENCH_DURATION (10) seconds
 * each, after a short warm-up: the public event list, event detail, staff registration on behalf, check-in
 * by ticket and studio availability. Two servers without a framework answer the same requests in the same run:
 * the same-SQL baseline (bench/baseline-server.ts: the platform's own SQL, so platform ÷ baseline is the
 * framework's cost; list and registration) and the minimal-SQL floor (bench/floor-server.ts: the least SQL that
 * keeps the platform's rules, so platform ÷ floor is the whole cost, SQL included; all five). Both ratios are
 * reported; the targets are against the floor. Before measuring, the floor's answers are compared with the
 * platform's for every route (the bench fails on a difference). Every server runs with bench/sql-trace.ts
 * preloaded, so each run also records the SQL statements per request (by kind and by statement text).
 * BENCH_PROCESSES=2 also runs the registration against two platform processes on one MariaDB (autocannon
 * spreading its connections over both ports) and reports the throughput of 2 vs 1 process. BENCH_SQL_TRACE=0
 * runs the servers without the SQL count.
 * Writes bench/results/latest.json and latest.md and prints the table.
 *
 * Besides req/s, p50/p99 and errors (non-2xx apart from socket errors and timeouts), each run records
 * the server process's CPU time per request (from /proc/<pid>/stat) — less swayed than req/s by whatever
 * else the machine is doing — and the peak RSS so far (VmHWM). Counters are checked against the rows
 * at the end.
 *
 * BENCH_SCENARIOS=list,detail,registration,checkin,availability limits the runs; the server gets the node
 * flags of `npm run start:prod` (and so does the baseline) plus BENCH_NODE_ARGS, BENCH_BASELINE_NODE_ARGS the baseline
 * (e.g. "--import ./dist-bench/bench/cpu-profile.js" for a CPU profile); BENCH_LOG_LEVEL (warn) is the server's
 * LOG_LEVEL; BENCH_SERVER (dist/src/main.js) the built server to start; BENCH_PORT (3900, the baseline one above).
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const BASELINE_PORT = PORT + 1;
const FLOOR_PORT = PORT + 2;
/** The second platform process of BENCH_PROCESSES=2. */
const SECOND_PORT = PORT + 3;
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
/** The floor's registrations start this many participants into the list (see registrationSpec). */
const FLOOR_OFFSET = 9_000;
/** Requests sent one at a time after each run to count its statements exactly. */
const SQL_SAMPLE = 20;
const DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bm_bench';
const KEEP = process.env.BENCH_KEEP === '1';
const ONLY = process.env.BENCH_SCENARIOS ? new Set(process.env.BENCH_SCENARIOS.split(',').map((s) => s.trim())) : null;
const RESULTS = resolve('bench/results');
/** The built server; BENCH_SERVER points elsewhere to measure a build kept apart from dist/. */
const SERVER_ENTRY = process.env.BENCH_SERVER ?? 'dist/src/main.js';
const API = '/api/v1';

/** One check-in scan in this many is a ticket's first scan; the others are repeats. */
const FIRST_SCAN_EVERY = 4;
/** Against the minimal-SQL floor, same run (issue 17). */
const TARGETS = { listRps: 0.5, registrationRps: 0.45, checkinRps: 0.45, p99: 2.5, rssMb: 300 };
/** BENCH_SQL_TRACE=0 leaves the SQL count out (it costs every server alike, about 1.5 % of its CPU). */
const TRACE = process.env.BENCH_SQL_TRACE === '0' ? [] : ['--import', './dist-bench/bench/sql-trace.js'];

type ServerName = 'platform' | 'baseline' | 'floor' | 'platform ×2';

/** A server under measurement: its URL(s), its process(es) and where each writes its SQL counts. */
interface Target {
  name: ServerName;
  ports: number[];
  children: ChildProcess[];
  sqlFiles: string[];
}

/** SQL sent per answered request during one measured run (from bench/sql-trace.ts). */
interface SqlPerRequest {
  statements: number;
  byKind: Record<string, number>;
  /** The statement texts (values as ?), most frequent first: how many per request, mean ms send → answer. */
  texts: { sql: string; perRequest: number; meanMs: number }[];
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((n) => Number(n.toFixed(2)));

interface Measured {
  scenario: string;
  server: ServerName;
  rps: number;
  p50: number;
  p99: number;
  meanLatency: number;
  requests: number;
  ok: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  seconds: number;
  load1: number;
  /** CPU time the server process used per answered request: far steadier than req/s on a busy machine. */
  serverCpuMsPerRequest: number;
  rssPeakMbSoFar: number;
  /** From SQL_SAMPLE requests sent one at a time after the run: exact counts, round trips of an idle server. */
  sql: SqlPerRequest | null;
  /** From the measured run: counts include requests in flight at its start and end; round trips under load. */
  sqlUnderLoad: SqlPerRequest | null;
  /** Each SELECT of the one-at-a-time requests, run again under ANALYZE FORMAT=JSON (bench/plans.ts). */
  plans: StatementPlan[];
}

// ---- database and processes ------------------------------------------------------------------------

/** The node flags `npm run start:prod` starts the server with: the bench measures the server as it is deployed. */
function productionNodeFlags(): string[] {
  const script = String(JSON.parse(readFileSync('package.json', 'utf8')).scripts?.['start:prod'] ?? '');
  const flags = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(script.trim());
  if (!flags) throw new Error(`package.json start:prod is not "node [flags] dist/src/main.js": ${script}`);
  return flags[1].split(/\s+/).filter(Boolean);
}

async function recreateDatabase(drop = false): Promise<void> {
  const { database, ...server } = mysqlOptions(DATABASE_URL);
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Refusing odd database name ${database}`);
  const conn = await mysql.createConnection(server);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    if (!drop) await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

function start(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const log = openSync(resolve(RESULTS, `${name}.log`), 'w');
  // Only what the server needs: nothing from this shell (REDIS_URL, replicas...) leaks into the measurement.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return spawn(process.execPath, [...nodeArgs, script], { env: { ...base, ...env }, stdio: ['ignore', log, log] });
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
}

async function waitFor(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited with ${child.exitCode} (see bench/results/*.log)`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Peak resident set size of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// ---- HTTP helpers ----------------------------------------------------------------------------------

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://127.0.0.1:${PORT}${API}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function expectCall(method: string, path: string, status: number, body?: unknown, token?: string): Promise<any> {
  const res = await call(method, path, body, token);
  if (res.status !== status)
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

const login = async (email: string, password: string): Promise<string> =>
  (await expectCall('POST', '/auth/login', 200, { email, password })).accessToken;

// ---- measuring -------------------------------------------------------------------------------------

async function fire(ports: number[], requests: RequestSpec[], seconds: number, amount?: number): Promise<Result> {
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  return autocannon({
    url: urls.length === 1 ? urls[0] : urls,
    ...(amount ? { connections: ports.length, amount } : { connections: CONNECTIONS, duration: seconds }),
    timeout: 10,
    requests,
  });
}

/** Asks a traced server for its SQL counts so far (SIGWINCH) and waits for the new snapshot. */
async function sqlSnapshot(child: ChildProcess, file: string): Promise<SqlSnapshot | null> {
  const read = (): SqlSnapshot | null => {
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SqlSnapshot) : null;
    } catch {
      return null;
    }
  };
  const before = read()?.seq ?? 0;
  if (TRACE.length === 0 || !child.pid || child.exitCode !== null) return null;
  child.kill('SIGWINCH');
  for (let i = 0; i < 40; i++) {
    const now = read();
    if (now && now.seq > before) return now;
    await sleep(50);
  }
  return null;
}

async function sqlSnapshots(target: Target): Promise<(SqlSnapshot | null)[]> {
  return Promise.all(target.children.map((child, i) => sqlSnapshot(child, target.sqlFiles[i])));
}

/** The statements sent between two snapshots of each process, per answered request. */
function sqlPerRequest(before: (SqlSnapshot | null)[], after: (SqlSnapshot | null)[], requests: number) {
  if (requests === 0 || before.some((s) => !s) || after.some((s) => !s)) return null;
  const n = Math.max(1, requests);
  const kinds: Record<string, number> = {};
  const texts = new Map<string, { count: number; ms: number }>();
  let total = 0;
  after.forEach((a, i) => {
    const b = before[i] as SqlSnapshot;
    total += (a as SqlSnapshot).total - b.total;
    for (const [kind, count] of Object.entries((a as SqlSnapshot).byKind))
      kinds[kind] = (kinds[kind] ?? 0) + count - (b.byKind[kind] ?? 0);
    const old = new Map(b.statements.map((st) => [st.sql, st]));
    for (const st of (a as SqlSnapshot).statements) {
      const count = st.count - (old.get(st.sql)?.count ?? 0);
      if (count <= 0) continue;
      const t = texts.get(st.sql) ?? { count: 0, ms: 0 };
      t.count += count;
      t.ms += st.totalMs - (old.get(st.sql)?.totalMs ?? 0);
      texts.set(st.sql, t);
    }
  });
  const round = (x: number) => Number(x.toFixed(2));
  return {
    statements: round(total / n),
    byKind: Object.fromEntries(
      Object.entries(kinds)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => [k, round(v / n)]),
    ),
    texts: [...texts]
      .map(([sql, t]) => ({ sql, perRequest: round(t.count / n), meanMs: round(t.ms / t.count) }))
      .filter((t) => t.perRequest >= 0.01)
      .sort((a, b) => b.perRequest - a.perRequest),
  };
}

/** The plans of the SELECTs sent between two snapshots, with the values each was last sent with. */
async function samplePlans(before: (SqlSnapshot | null)[], after: (SqlSnapshot | null)[]): Promise<StatementPlan[]> {
  const sent = new Map<string, { sql: string; example?: string }>();
  after.forEach((a, i) => {
    const old = new Map((before[i]?.statements ?? []).map((st) => [st.sql, st.count]));
    for (const st of a?.statements ?? []) if (st.count > (old.get(st.sql) ?? 0)) sent.set(st.sql, st);
  });
  const db = await mysql.createConnection(mysqlOptions(DATABASE_URL));
  try {
    return await analyzeSelects(db, [...sent.values()]);
  } finally {
    await db.end();
  }
}

async function measure(scenario: string, target: Target, spec: () => RequestSpec[]): Promise<Measured> {
  const pids = target.children.map((c) => c.pid);
  const cpu = () => pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);
  if (WARMUP > 0) await fire(target.ports, spec(), WARMUP);
  const load1 = load()[0];
  const sqlBefore = await sqlSnapshots(target);
  const cpuBefore = cpu();
  const r = await fire(target.ports, spec(), DURATION);
  const cpuUsed = cpu() - cpuBefore;
  const sqlAfter = await sqlSnapshots(target);
  // Requests aborted at the end of the run may still be running on the server: let them finish first.
  await sleep(2000);
  const sampleBefore = await sqlSnapshots(target);
  const sample = await fire(target.ports, spec(), 0, SQL_SAMPLE);
  const sampleAfter = await sqlSnapshots(target);
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
  );
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const m: Measured = {
    scenario,
    server: target.name,
    rps: Math.round(requests / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    meanLatency: Number(r.latency.average.toFixed(1)),
    requests,
    ok: r['2xx'],
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    seconds: Number(r.duration.toFixed(1)),
    load1,
    serverCpuMsPerRequest: Number((cpuUsed / Math.max(1, requests)).toFixed(2)),
    rssPeakMbSoFar: Math.max(...pids.map((pid) => peakRssMb(pid))),
    sql: sqlPerRequest(sampleBefore, sampleAfter, sample.requests.total),
    sqlUnderLoad: sqlPerRequest(sqlBefore, sqlAfter, requests),
    plans: await samplePlans(sampleBefore, sampleAfter),
  };
  out(
    `  ${scenario.padEnd(22)} ${target.name.padEnd(11)} ` +
      `${String(m.rps).padStart(6)} req/s  p50 ${String(m.p50).padStart(4)} ms  ` +
      `p99 ${String(m.p99).padStart(4)} ms  cpu ${m.serverCpuMsPerRequest.toFixed(2)} ms/req  ` +
      `sql ${m.sql?.statements ?? '?'}/req  ` +
      `non-2xx ${m.non2xx}  errors ${m.socketErrors}  ${JSON.stringify(statusCodes)}  load ${load1}`,
  );
  return m;
}

const get = (path: string, headers: Record<string, string> = {}): RawRequest => ({
  method: 'GET',
  path: `${API}${path}`,
  headers,
});
const post = (path: string, body: unknown, token: string): RawRequest => ({
  method: 'POST',
  path: `${API}${path}`,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

/** One request spec whose every call builds the next distinct request. */
const each = (next: () => RawRequest): RequestSpec[] => [
  { method: 'GET', setupRequest: (req) => ({ ...req, ...next() }) },
];

// ---- the run ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const startedAt = new Date();
  const loadAtStart = load();
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const admin = { email: 'bench-admin@bangga-macapat.test', password: randomBytes(12).toString('base64url') };
  const staff = { email: 'bench-staff@bangga-macapat.test', password: randomBytes(12).toString('base64url') };
  const partnerUser = { email: 'bench-partner@bangga-macapat.test', password: randomBytes(12).toString('base64url') };

  out(
    `Benchmark: ${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up; ` +
      `database ${mysqlOptions(DATABASE_URL).database}`,
  );
  out(`Load average at start: ${loadAtStart.join(' ')} (${cpus().length} CPUs)`);
  await recreateDatabase();

  let platform: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  const sqlFile = (name: string) => resolve(RESULTS, `sql-${name}.json`);
  // A file left by an earlier run would look like an answer from the new process.
  for (const name of ['platform', 'platform-2', 'baseline', 'floor']) rmSync(sqlFile(name), { force: true });
  const startPlatform = (name: string, port: number) =>
    start(
      name,
      SERVER_ENTRY,
      {
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL,
        ...secrets,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        SEED_DEMO_ON_FIRST_START: 'false',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        BENCH_SQL_FILE: sqlFile(name),
        BENCH_SQL_RAW: '1',
        BENCH_PROFILE_FILE: resolve(RESULTS, `${name}.cpuprofile`),
      },
      [...productionNodeFlags(), ...TRACE, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
  try {
    const t0 = Date.now();
    platform = startPlatform('platform', PORT);
    await waitFor(`http://127.0.0.1:${PORT}${API}/health`, platform, 180);
    out(`Platform up, migrations applied, in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${platform.pid})`);

    // Accounts and the studio through the API, as an administrator would set them up.
    const adminToken = await login(admin.email, admin.password);
    const staffUser = await expectCall(
      'POST',
      '/users',
      201,
      { ...staff, fullName: 'Petugas Bench', role: 'staff' },
      adminToken,
    );
    const partner = await expectCall(
      'POST',
      '/partners',
      201,
      { name: 'Mitra Studio Bench', type: 'media' },
      adminToken,
    );
    await expectCall(
      'POST',
      '/users',
      201,
      { ...partnerUser, fullName: 'Mitra Bench', role: 'partner', partnerId: partner.id },
      adminToken,
    );
    const studio = await expectCall(
      'POST',
      '/studios',
      201,
      {
        name: 'Studio Podcast Media Center',
        location: 'Gedung Dinkominfo Purbalingga',
        openingHours: [1, 2, 3, 4, 5]
          .flatMap((weekday) => [
            { weekday, opens: '08:00', closes: '12:00' },
            { weekday, opens: '13:00', closes: '16:00' },
          ])
          .concat([{ weekday: 6, opens: '08:00', closes: '12:00' }]),
      },
      adminToken,
    );

    const pool = mysql.createPool({
      ...mysqlOptions(DATABASE_URL),
      connectionLimit: 4,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
    });
    let data: SeededData;
    let bookings: number;
    try {
      const t1 = Date.now();
      data = await seed(pool, {
        dataEncryptionKey: Buffer.from(secrets.DATA_ENCRYPTION_KEY, 'base64'),
        staffUserId: staffUser.id,
      });
      bookings = await seedBookings(pool, studio.id, data.partnerIds, staffUser.id);
      await pool.query(
        'ANALYZE TABLE events, event_partners, partners, participants, registrations, check_ins, bookings',
      );
      out(`Seeded in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${JSON.stringify({ ...data.counts, bookings })}`);
    } finally {
      await pool.end();
    }

    const staffToken = await login(staff.email, staff.password);
    const partnerToken = await login(partnerUser.email, partnerUser.password);

    baseline = start(
      'baseline',
      'dist-bench/bench/baseline-server.js',
      {
        BASELINE_PORT: String(BASELINE_PORT),
        DATABASE_URL,
        JWT_SECRET: secrets.JWT_SECRET,
        BENCH_PROFILE_FILE: 'bench/results/baseline.cpuprofile',
        BENCH_SQL_FILE: sqlFile('baseline'),
        BENCH_SQL_RAW: '1',
        // The same runtime flags as the platform: the floor is the same Node, tuned the same way.
      },
      [...productionNodeFlags(), ...TRACE, ...(process.env.BENCH_BASELINE_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
    floor = start(
      'floor',
      'dist-bench/bench/floor-server.js',
      {
        FLOOR_PORT: String(FLOOR_PORT),
        DATABASE_URL,
        JWT_SECRET: secrets.JWT_SECRET,
        BENCH_PROFILE_FILE: 'bench/results/floor.cpuprofile',
        BENCH_SQL_FILE: sqlFile('floor'),
        BENCH_SQL_RAW: '1',
      },
      [...productionNodeFlags(), ...TRACE, ...(process.env.BENCH_BASELINE_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
    await waitFor(`http://127.0.0.1:${BASELINE_PORT}${API}/health`, baseline, 30);
    await waitFor(`http://127.0.0.1:${FLOOR_PORT}${API}/health`, floor, 30);
    if (PROCESSES >= 2) {
      second = startPlatform('platform-2', SECOND_PORT);
      await waitFor(`http://127.0.0.1:${SECOND_PORT}${API}/health`, second, 180);
    }

    // Both servers must answer the list with the same body, or the comparison means nothing.
    const [mine, theirs] = await Promise.all(
      [PORT, BASELINE_PORT].map(async (port) => (await fetch(`http://127.0.0.1:${port}${API}/events?page=3`)).text()),
    );
    if (mine !== theirs)
      throw new Error(
        `The baseline's event list differs from the platform's:\n${mine.slice(0, 400)}\n${theirs.slice(0, 400)}`,
      );
    await sameAnswers(data, studio.id, staffToken, partnerToken);

    const pages = Math.ceil(data.visibleEventIds.length / 20);
    let pageCounter = 0;
    const listSpec = () => each(() => get(`/events?page=${(pageCounter++ % pages) + 1}`));
    let detailCounter = 0;
    const detailSpec = () =>
      each(() => get(`/events/${data.visibleEventIds[(detailCounter++ * 7919) % data.visibleEventIds.length]}`));
    // Request i registers participant RESERVED + ⌊i / events⌋ on event i mod events: every pair new, seats to spare.
    // The floor registers on the baseline's events, from participant RESERVED + FLOOR_OFFSET on: no pair is
    // sent twice. The platform with two processes goes on with the platform's counter.
    const sent = { platform: 0, baseline: 0, floor: data.registrationEvents.baseline.length * FLOOR_OFFSET };
    const registrationSpec = (side: 'platform' | 'baseline' | 'floor') => {
      const events = data.registrationEvents[side === 'floor' ? 'baseline' : side];
      return each(() => {
        const n = sent[side]++;
        const participant =
          data.participantIds[
            RESERVED_PARTICIPANTS + (Math.floor(n / events.length) % (PARTICIPANTS - RESERVED_PARTICIPANTS))
          ];
        return post(`/events/${events[n % events.length]}/registrations`, { participantId: participant }, staffToken);
      });
    };
    // The platform scans the first half of the tickets, the floor the second, in the same mix whatever their
    // speed: every FIRST_SCAN_EVERY-th scan is a ticket's first (the writing path: 201, check-in, audit and
    // outbox rows), the others repeat a ticket this side scanned at least a full round of connections earlier
    // (200, nothing written). Until 30 November 2026 each side first went through its half and then repeated,
    // so the faster floor spent most of its run on cheap repeats (19 % first scans) and the platform on
    // first scans (57 %): the ratio compared two different loads. A side that runs out of fresh tickets repeats;
    // the results give each side's share of first scans, to be checked equal.
    const half = Math.floor((data.tickets.length - 2) / 2);
    const scanned = { platform: 0, floor: 0 };
    const firstScans = { platform: 0, floor: 0 };
    const checkInSpec = (side: 'platform' | 'floor') =>
      each(() => {
        const n = scanned[side]++;
        const done = firstScans[side];
        const fresh = done < half && (n % FIRST_SCAN_EVERY === 0 || done <= CONNECTIONS);
        const index = fresh ? firstScans[side]++ : n % Math.max(1, done - CONNECTIONS);
        const t = data.tickets[(side === 'floor' ? half : 0) + index];
        return post(`/events/${t.eventId}/check-ins`, { ticketCode: t.ticketCode }, staffToken);
      });
    let dayCounter = 0;
    const dates = Array.from({ length: 14 }, (_, d) =>
      new Date(Date.now() + (d + 2) * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10),
    );
    const availabilitySpec = () =>
      each(() =>
        get(`/studios/${studio.id}/availability?date=${dates[dayCounter++ % dates.length]}&duration=60`, {
          authorization: `Bearer ${partnerToken}`,
        }),
      );

    const target = (name: ServerName, ports: number[], children: ChildProcess[], files: string[]): Target => ({
      name,
      ports,
      children,
      sqlFiles: files.map(sqlFile),
    });
    const P = target('platform', [PORT], [platform], ['platform']);
    const B = target('baseline', [BASELINE_PORT], [baseline], ['baseline']);
    const F = target('floor', [FLOOR_PORT], [floor], ['floor']);
    const plan: [string, Target, () => RequestSpec[]][] = [
      ['event list', F, listSpec],
      ['event list', B, listSpec],
      ['event list', P, listSpec],
      ['registration (staff)', F, () => registrationSpec('floor')],
      ['registration (staff)', B, () => registrationSpec('baseline')],
      ['registration (staff)', P, () => registrationSpec('platform')],
      ['event detail', F, detailSpec],
      ['event detail', P, detailSpec],
      ['check-in by ticket', F, () => checkInSpec('floor')],
      ['check-in by ticket', P, () => checkInSpec('platform')],
      ['studio availability', F, availabilitySpec],
      ['studio availability', P, availabilitySpec],
    ];
    if (second)
      plan.push([
        'registration (staff)',
        target('platform ×2', [PORT, SECOND_PORT], [platform, second], ['platform', 'platform-2']),
        () => registrationSpec('platform'),
      ]);
    out(`\nMeasuring (${CONNECTIONS} connections, ${DURATION} s each):`);
    const results: Measured[] = [];
    for (const [scenario, t, spec] of plan) {
      if (ONLY && !ONLY.has(KEYS[scenario])) continue;
      results.push(await measure(scenario, t, spec));
    }
    const ticketsScanned = { ...scanned, firstScans: { ...firstScans } };

    // Counters must still equal the rows after the storm.
    const check = await mysql.createConnection(mysqlOptions(DATABASE_URL));
    const [[drift]] = await check.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM events e WHERE e.confirmed_count <> (SELECT COUNT(*) ' +
        "FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') " +
        'OR e.waitlisted_count <> (SELECT COUNT(*) FROM registrations r ' +
        "WHERE r.event_id = e.id AND r.status = 'waitlisted')",
    );
    await check.end();

    const platformRssMb = Math.max(peakRssMb(platform.pid), peakRssMb(second?.pid));
    const baselineRssMb = peakRssMb(baseline.pid);
    const floorRssMb = peakRssMb(floor.pid);
    const loadAtEnd = load();
    const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const ratios = ratiosOf(results);
    const errors = results.reduce((n, r) => n + r.non2xx + r.socketErrors + r.timeouts, 0);
    const floorOf = (key: string) => ratios[key]?.floor;
    const meets = (key: string, min: number) => (floorOf(key) ? (floorOf(key) as Ratio).rps >= min : null);
    const p99Within = (key: string) => (floorOf(key) ? (floorOf(key) as Ratio).p99 <= TARGETS.p99 : null);
    const one = results.find((r) => r.scenario === 'registration (staff)' && r.server === 'platform');
    const two = results.find((r) => r.scenario === 'registration (staff)' && r.server === 'platform ×2');
    const scaling =
      one && two ? { oneProcess: one.rps, twoProcesses: two.rps, ratio: round2(two.rps / one.rps) } : null;
    const targets = {
      listRps: meets('list', TARGETS.listRps),
      registrationRps: meets('registration', TARGETS.registrationRps),
      checkinRps: meets('checkin', TARGETS.checkinRps),
      listP99: p99Within('list'),
      registrationP99: p99Within('registration'),
      checkinP99: p99Within('checkin'),
      zeroErrors: errors === 0,
      rss: platformRssMb < TARGETS.rssMb,
      countersEqualRows: Number(drift.n) === 0,
    };

    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, uptimeAtEnd: uptime },
      load: { start: loadAtStart, end: loadAtEnd },
      settings: {
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        database: mysqlOptions(DATABASE_URL).database,
      },
      seeded: { ...data.counts, bookings },
      results,
      ratios,
      peakRssMb: { platform: platformRssMb, baseline: baselineRssMb, floor: floorRssMb },
      processes: scaling,
      ticketsScanned,
      registrationsSent: sent,
      targets,
    };
    writeFileSync(resolve(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const md = markdown(report);
    writeFileSync(resolve(RESULTS, 'latest.md'), md);
    out(`\n${md}`);
  } finally {
    await stop(floor);
    await stop(baseline);
    await stop(second, (process.env.BENCH_STOP_SIGNAL as NodeJS.Signals | undefined) ?? 'SIGTERM');
    await stop(platform, (process.env.BENCH_STOP_SIGNAL as NodeJS.Signals | undefined) ?? 'SIGTERM');
    if (!KEEP) await recreateDatabase(true);
    else out(`Kept database ${mysqlOptions(DATABASE_URL).database} (BENCH_KEEP=1)`);
  }
}

const round2 = (x: number) => Number(x.toFixed(2));
const KEYS: Record<string, string> = {
  'event list': 'list',
  'registration (staff)': 'registration',
  'event detail': 'detail',
  'check-in by ticket': 'checkin',
  'studio availability': 'availability',
};

interface Ratio {
  rps: number;
  p99: number;
}

/** Per scenario: platform ÷ same-SQL baseline and platform ÷ minimal-SQL floor (req/s and p99). */
function ratiosOf(results: Measured[]): Record<string, { baseline?: Ratio; floor?: Ratio }> {
  const ratios: Record<string, { baseline?: Ratio; floor?: Ratio }> = {};
  for (const p of results.filter((r) => r.server === 'platform')) {
    const of = (server: ServerName) => {
      const o = results.find((r) => r.scenario === p.scenario && r.server === server);
      return o ? { rps: round2(p.rps / Math.max(1, o.rps)), p99: round2(p.p99 / Math.max(1, o.p99)) } : undefined;
    };
    ratios[KEYS[p.scenario]] = { baseline: of('baseline'), floor: of('floor') };
  }
  return ratios;
}

// ---- the floor answers as the platform does ---------------------------------------------------------

/** One request to a server; the body as text. */
async function ask(port: number, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** The body with the values each call makes anew (ids, codes, times) replaced by their names. */
function masked(text: string, fields: string[]): string {
  const body = JSON.parse(text) as Record<string, unknown>;
  for (const f of fields) if (f in body) body[f] = `<${f}>`;
  return JSON.stringify(body);
}

/**
 * Every measured route of the floor answers as the platform's does, or the ratios mean nothing: the same
 * status and byte-equal bodies for reads; for writes (which make new ids, codes and times) the same status and
 * body apart from those values, and a repeat of the platform's own write answered alike by both.
 */
async function sameAnswers(data: SeededData, studioId: string, staffToken: string, partnerToken: string) {
  const differ = (what: string, mine: { status: number; text: string }, floor: { status: number; text: string }) =>
    new Error(
      `The floor's ${what} differs from the platform's:\n${mine.status} ${mine.text.slice(0, 600)}\n` +
        `${floor.status} ${floor.text.slice(0, 600)}`,
    );
  const both = async (what: string, method: string, path: string, token?: string) => {
    const [mine, floor] = [await ask(PORT, method, path, token), await ask(FLOOR_PORT, method, path, token)];
    if (mine.status !== floor.status || mine.text !== floor.text) throw differ(what, mine, floor);
  };
  await both('event list', 'GET', '/events?page=3');
  await both('last event list page', 'GET', `/events?page=${Math.ceil(data.visibleEventIds.length / 20)}`);
  await both('event detail', 'GET', `/events/${data.visibleEventIds[5]}`);
  await both('event detail of an unknown event', 'GET', '/events/00000000-0000-4000-8000-000000000000');
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await both('studio availability', 'GET', `/studios/${studioId}/availability?date=${day}&duration=60`, partnerToken);

  const writes = async (what: string, path: [string, string], body: [unknown, unknown], fields: string[]) => {
    const mine = await ask(PORT, 'POST', path[0], staffToken, body[0]);
    const floor = await ask(FLOOR_PORT, 'POST', path[1], staffToken, body[1]);
    if (mine.status !== floor.status || masked(mine.text, fields) !== masked(floor.text, fields))
      throw differ(what, mine, floor);
    // The platform's write repeated on both: the same refusal or the same replay.
    const again = await ask(PORT, 'POST', path[0], staffToken, body[0]);
    const floorAgain = await ask(FLOOR_PORT, 'POST', path[0], staffToken, body[0]);
    const same = path[0].endsWith('registrations')
      ? again.status === floorAgain.status
      : again.status === floorAgain.status && again.text === floorAgain.text;
    if (!same) throw differ(`${what}, repeated`, again, floorAgain);
  };
  const events = data.registrationEvents;
  await writes(
    'registration',
    [`/events/${events.platform[0]}/registrations`, `/events/${events.baseline[0]}/registrations`],
    [
      { participantId: data.participantIds[PARTICIPANTS - 1] },
      { participantId: data.participantIds[PARTICIPANTS - 2] },
    ],
    ['id', 'eventId', 'participantId', 'ticketCode', 'createdAt'],
  );
  const [a, b] = data.tickets.slice(-2);
  await writes(
    'check-in by ticket',
    [`/events/${a.eventId}/check-ins`, `/events/${b.eventId}/check-ins`],
    [{ ticketCode: a.ticketCode }, { ticketCode: b.ticketCode }],
    ['registrationId', 'participantId', 'checkedInAt'],
  );
  out('The floor answers every measured route as the platform does.');
}

// ---- the report -------------------------------------------------------------------------------------

function markdown(r: {
  startedAt: string;
  machine: { cpus: number; node: string; uptimeAtEnd: string };
  load: { start: number[]; end: number[] };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number };
  seeded: Record<string, number>;
  results: Measured[];
  ratios: Record<string, { baseline?: Ratio; floor?: Ratio }>;
  peakRssMb: { platform: number; baseline: number; floor: number };
  processes: { oneProcess: number; twoProcesses: number; ratio: number } | null;
  ticketsScanned: { platform: number; floor: number; firstScans: { platform: number; floor: number } };
  targets: Record<string, boolean | null>;
}): string {
  const x = (ratio: Ratio | undefined, field: keyof Ratio) => (ratio ? `${ratio[field].toFixed(2)}×` : '');
  const mark = (v: boolean | null) => (v === null ? 'not run' : v ? 'met' : 'MISSED');
  const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)} %` : '-');
  const sqlOf = (m: Measured) =>
    m.sql
      ? `${m.sql.statements} (${Object.entries(m.sql.byKind)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`
      : '?';
  const lines = [
    `# Benchmark ${r.startedAt}`,
    '',
    `${r.settings.connections} connections, ` +
      `${r.settings.durationSeconds} s per run after a ${r.settings.warmupSeconds} s warm-up; ` +
      `${r.machine.cpus} CPUs, Node ${r.machine.node}; server, MariaDB and load generator on one machine.`,
    `Seeded: ${Object.entries(r.seeded)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    'Same-SQL baseline (bench/baseline-server.ts): `node:http` and a `mysql2` pool issuing the same SQL as the ' +
      'platform in the same transaction; platform ÷ baseline is the framework. Minimal-SQL floor ' +
      "(bench/floor-server.ts): the same requests and answers with the least SQL that keeps the platform's rules; " +
      'platform ÷ floor is the whole cost, SQL included, and the targets are against it. ' +
      'Server CPU ms/req is the CPU time of the server process per request; SQL/req the statements it sent per ' +
      'request (bench/sql-trace.ts), transaction control included.',
    '',
    '| scenario | server | req/s | p50 ms | p99 ms | 2xx | non-2xx | socket errors ' +
      '| server CPU ms/req | SQL/req | load (1 min) | req/s ÷ same-SQL | p99 ÷ same-SQL ' +
      '| req/s ÷ floor | p99 ÷ floor |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
    ...r.results.map((m) => {
      const ratio = m.server === 'platform' ? r.ratios[KEYS[m.scenario]] : undefined;
      return (
        `| ${m.scenario} | ${m.server} | ${m.rps} | ${m.p50} | ${m.p99} | ${m.ok} | ${m.non2xx} ` +
        `| ${m.socketErrors} | ${m.serverCpuMsPerRequest} | ${sqlOf(m)} | ${m.load1} ` +
        `| ${x(ratio?.baseline, 'rps')} | ${x(ratio?.baseline, 'p99')} ` +
        `| ${x(ratio?.floor, 'rps')} | ${x(ratio?.floor, 'p99')} |`
      );
    }),
    '',
    `Peak RSS (VmHWM): platform ${r.peakRssMb.platform} MB, baseline ${r.peakRssMb.baseline} MB, ` +
      `floor ${r.peakRssMb.floor} MB.`,
    `Check-in scans (warm-up included): platform ${r.ticketsScanned.platform}, of them first scans ` +
      `${pct(r.ticketsScanned.firstScans.platform, r.ticketsScanned.platform)}; floor ${r.ticketsScanned.floor}, ` +
      `first scans ${pct(r.ticketsScanned.firstScans.floor, r.ticketsScanned.floor)}.`,
    `Load average: ${r.load.start.join(' ')} at start, ${r.load.end.join(' ')} at end (\`${r.machine.uptimeAtEnd}\`).`,
    ...(r.processes
      ? [
          `Registration with two platform processes on one MariaDB: ${r.processes.twoProcesses} req/s vs ` +
            `${r.processes.oneProcess} with one (${r.processes.ratio}×).`,
        ]
      : []),
    '',
    `Targets against the floor: event list ≥ ${TARGETS.listRps}× req/s: ${mark(r.targets.listRps)}; ` +
      `registration ≥ ${TARGETS.registrationRps}×: ${mark(r.targets.registrationRps)}; ` +
      `check-in ≥ ${TARGETS.checkinRps}×: ${mark(r.targets.checkinRps)}; p99 ≤ ${TARGETS.p99}× the floor's: ` +
      `list ${mark(r.targets.listP99)}, registration ${mark(r.targets.registrationP99)}, ` +
      `check-in ${mark(r.targets.checkinP99)}; zero errors: ${mark(r.targets.zeroErrors)}; ` +
      `RSS < ${TARGETS.rssMb} MB: ${mark(r.targets.rss)}; ` +
      `counters equal rows after the run: ${mark(r.targets.countersEqualRows)}.`,
    '',
    '## SQL per request (statement texts, values as ?)',
    '',
    ...r.results
      .filter((m) => m.sql && m.server !== 'platform ×2')
      .flatMap((m) => [
        `### ${m.scenario}, ${m.server}: ${m.sql?.statements} statements per request`,
        '',
        '| per request | mean ms idle | mean ms under load | statement | plan (ANALYZE: access(key) rows est./read) |',
        '|---:|---:|---:|---|---|',
        ...(m.sql?.texts ?? []).slice(0, 15).map((t) => {
          const loaded = m.sqlUnderLoad?.texts.find((u) => u.sql === t.sql)?.meanMs ?? '';
          const plan = m.plans.find((p) => p.sql === t.sql);
          return (
            `| ${t.perRequest} | ${t.meanMs} | ${loaded} | \`${t.sql.slice(0, 300).replace(/\|/g, '\\|')}\` ` +
            `| ${plan ? planLine(plan).replace(/\|/g, '\\|') : ''} |`
          );
        }),
        '',
      ]),
  ];
  return lines.join('\n');
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});

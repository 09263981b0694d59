import autocannon, { type RawRequest, type RequestSpec, type Result } from 'autocannon';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PARTICIPANTS, RESERVED_PARTICIPANTS, seed, seedBookings, type SeededData } from './seed.js';

/**
 * `npm run bench`: starts the built server on a fresh MySQL/MariaDB database (DATABASE_URL, default
 * mysql://root@127.0.0.1:3306/bm_bench; created here, dropped at the end unless BENCH_KEEP=1), seeds a
 * realistic volume, and measures with autocannon at BENCH_CONNECTIONS (50) for BENCH_DURATION (10) seconds
 * each, after a short warm-up: the public event list, event detail, staff registration on behalf, check-in
 * by ticket and studio availability. The list and the registration are also run against the raw baseline
 * (bench/baseline-server.ts) in the same run, and the ratios platform ÷ baseline are reported.
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
const DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bm_bench';
const KEEP = process.env.BENCH_KEEP === '1';
const ONLY = process.env.BENCH_SCENARIOS ? new Set(process.env.BENCH_SCENARIOS.split(',').map((s) => s.trim())) : null;
const RESULTS = resolve('bench/results');
/** The built server; BENCH_SERVER points elsewhere to measure a build kept apart from dist/. */
const SERVER_ENTRY = process.env.BENCH_SERVER ?? 'dist/src/main.js';
const API = '/api/v1';

const TARGETS = { listRps: 0.5, registrationRps: 0.4, p99: 2.5, rssMb: 300 };

const out = (line = '') => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((n) => Number(n.toFixed(2)));

interface Measured {
  scenario: string;
  server: 'platform' | 'baseline';
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
}

// ---- database and processes ------------------------------------------------------------------------

function serverConfig(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'mysql:') throw new Error('DATABASE_URL must be mysql://user:pass@host:3306/db');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** The node flags `npm run start:prod` starts the server with: the bench measures the server as it is deployed. */
function productionNodeFlags(): string[] {
  const script = String(JSON.parse(readFileSync('package.json', 'utf8')).scripts?.['start:prod'] ?? '');
  const flags = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(script.trim());
  if (!flags) throw new Error(`package.json start:prod is not "node [flags] dist/src/main.js": ${script}`);
  return flags[1].split(/\s+/).filter(Boolean);
}

async function recreateDatabase(drop = false): Promise<void> {
  const { database, ...server } = serverConfig(DATABASE_URL);
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

async function fire(port: number, requests: RequestSpec[], seconds: number): Promise<Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests,
  });
}

async function measure(
  scenario: string,
  server: 'platform' | 'baseline',
  port: number,
  spec: () => RequestSpec[],
  pid: number | undefined,
): Promise<Measured> {
  if (WARMUP > 0) await fire(port, spec(), WARMUP);
  const load1 = load()[0];
  const cpuBefore = cpuMs(pid);
  const r = await fire(port, spec(), DURATION);
  const cpuUsed = cpuMs(pid) - cpuBefore;
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
  );
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const m: Measured = {
    scenario,
    server,
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
    rssPeakMbSoFar: peakRssMb(pid),
  };
  out(
    `  ${scenario.padEnd(22)} ${server.padEnd(8)} ` +
      `${String(m.rps).padStart(6)} req/s  p50 ${String(m.p50).padStart(4)} ms  ` +
      `p99 ${String(m.p99).padStart(4)} ms  cpu ${m.serverCpuMsPerRequest.toFixed(2)} ms/req  ` +
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
      `database ${serverConfig(DATABASE_URL).database}`,
  );
  out(`Load average at start: ${loadAtStart.join(' ')} (${cpus().length} CPUs)`);
  await recreateDatabase();

  let platform: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    const t0 = Date.now();
    platform = start(
      'platform',
      SERVER_ENTRY,
      {
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATABASE_URL,
        ...secrets,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        SEED_DEMO_ON_FIRST_START: 'false',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      },
      [...productionNodeFlags(), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
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
      ...serverConfig(DATABASE_URL),
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
        // The same runtime flags as the platform: the floor is the same Node, tuned the same way.
      },
      [...productionNodeFlags(), ...(process.env.BENCH_BASELINE_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    );
    await waitFor(`http://127.0.0.1:${BASELINE_PORT}${API}/health`, baseline, 30);

    // Both servers must answer the list with the same body, or the comparison means nothing.
    const [mine, theirs] = await Promise.all(
      [PORT, BASELINE_PORT].map(async (port) => (await fetch(`http://127.0.0.1:${port}${API}/events?page=3`)).text()),
    );
    if (mine !== theirs)
      throw new Error(
        `The baseline's event list differs from the platform's:\n${mine.slice(0, 400)}\n${theirs.slice(0, 400)}`,
      );

    const pages = Math.ceil(data.visibleEventIds.length / 20);
    let pageCounter = 0;
    const listSpec = () => each(() => get(`/events?page=${(pageCounter++ % pages) + 1}`));
    let detailCounter = 0;
    const detailSpec = () =>
      each(() => get(`/events/${data.visibleEventIds[(detailCounter++ * 7919) % data.visibleEventIds.length]}`));
    // Request i registers participant RESERVED + ⌊i / events⌋ on event i mod events: every pair new, seats to spare.
    const sent = { platform: 0, baseline: 0 };
    const registrationSpec = (side: 'platform' | 'baseline') => {
      const events = data.registrationEvents[side];
      return each(() => {
        const n = sent[side]++;
        const participant =
          data.participantIds[
            RESERVED_PARTICIPANTS + (Math.floor(n / events.length) % (PARTICIPANTS - RESERVED_PARTICIPANTS))
          ];
        return post(`/events/${events[n % events.length]}/registrations`, { participantId: participant }, staffToken);
      });
    };
    let ticketCounter = 0;
    const checkInSpec = () =>
      each(() => {
        const t = data.tickets[ticketCounter++ % data.tickets.length];
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

    const plan: [string, 'platform' | 'baseline', number, () => RequestSpec[]][] = [
      ['event list', 'baseline', BASELINE_PORT, listSpec],
      ['event list', 'platform', PORT, listSpec],
      ['registration (staff)', 'baseline', BASELINE_PORT, () => registrationSpec('baseline')],
      ['registration (staff)', 'platform', PORT, () => registrationSpec('platform')],
      ['event detail', 'platform', PORT, detailSpec],
      ['check-in by ticket', 'platform', PORT, checkInSpec],
      ['studio availability', 'platform', PORT, availabilitySpec],
    ];
    const keys: Record<string, string> = {
      'event list': 'list',
      'registration (staff)': 'registration',
      'event detail': 'detail',
      'check-in by ticket': 'checkin',
      'studio availability': 'availability',
    };
    out(`\nMeasuring (${CONNECTIONS} connections, ${DURATION} s each):`);
    const results: Measured[] = [];
    for (const [scenario, server, port, spec] of plan) {
      if (ONLY && !ONLY.has(keys[scenario])) continue;
      results.push(await measure(scenario, server, port, spec, server === 'platform' ? platform.pid : baseline.pid));
    }
    const ticketsScanned = ticketCounter;

    // Counters must still equal the rows after the storm.
    const check = await mysql.createConnection(serverConfig(DATABASE_URL));
    const [[drift]] = await check.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM events e WHERE e.confirmed_count <> (SELECT COUNT(*) ' +
        "FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') " +
        'OR e.waitlisted_count <> (SELECT COUNT(*) FROM registrations r ' +
        "WHERE r.event_id = e.id AND r.status = 'waitlisted')",
    );
    await check.end();

    const platformRssMb = peakRssMb(platform.pid);
    const baselineRssMb = peakRssMb(baseline.pid);
    const loadAtEnd = load();
    const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const pair = (scenario: string) => {
      const p = results.find((r) => r.scenario === scenario && r.server === 'platform');
      const b = results.find((r) => r.scenario === scenario && r.server === 'baseline');
      return p && b
        ? { rps: Number((p.rps / b.rps).toFixed(2)), p99: Number((p.p99 / Math.max(1, b.p99)).toFixed(2)) }
        : undefined;
    };
    const ratios = { list: pair('event list'), registration: pair('registration (staff)') };
    const errors = results.reduce((n, r) => n + r.non2xx + r.socketErrors, 0);
    const targets = {
      listRps: ratios.list ? ratios.list.rps >= TARGETS.listRps : null,
      registrationRps: ratios.registration ? ratios.registration.rps >= TARGETS.registrationRps : null,
      listP99: ratios.list ? ratios.list.p99 <= TARGETS.p99 : null,
      registrationP99: ratios.registration ? ratios.registration.p99 <= TARGETS.p99 : null,
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
        database: serverConfig(DATABASE_URL).database,
      },
      seeded: { ...data.counts, bookings },
      results,
      ratios,
      peakRssMb: { platform: platformRssMb, baseline: baselineRssMb },
      ticketsScanned,
      registrationsSent: sent,
      targets,
    };
    writeFileSync(resolve(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const md = markdown(report);
    writeFileSync(resolve(RESULTS, 'latest.md'), md);
    out(`\n${md}`);
  } finally {
    await stop(baseline);
    await stop(platform, (process.env.BENCH_STOP_SIGNAL as NodeJS.Signals | undefined) ?? 'SIGTERM');
    if (!KEEP) await recreateDatabase(true);
    else out(`Kept database ${serverConfig(DATABASE_URL).database} (BENCH_KEEP=1)`);
  }
}

function markdown(r: {
  startedAt: string;
  machine: { cpus: number; node: string; uptimeAtEnd: string };
  load: { start: number[]; end: number[] };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number };
  seeded: Record<string, number>;
  results: Measured[];
  ratios: Record<string, { rps: number; p99: number } | undefined>;
  peakRssMb: { platform: number; baseline: number };
  targets: Record<string, boolean | null>;
}): string {
  const ratioOf = (m: Measured) => {
    const key = m.scenario === 'event list' ? 'list' : m.scenario === 'registration (staff)' ? 'registration' : '';
    const ratio = key && m.server === 'platform' ? r.ratios[key] : undefined;
    return ratio ? [`${ratio.rps.toFixed(2)}×`, `${ratio.p99.toFixed(2)}×`] : ['', ''];
  };
  const mark = (v: boolean | null) => (v === null ? 'not run' : v ? 'met' : 'MISSED');
  const lines = [
    `# Benchmark ${r.startedAt}`,
    '',
    `${r.settings.connections} connections, ` +
      `${r.settings.durationSeconds} s per run after a ${r.settings.warmupSeconds} s warm-up; ` +
      `${r.machine.cpus} CPUs, Node ${r.machine.node}; server, MariaDB and load generator on one machine.`,
    `Seeded: ${Object.entries(r.seeded)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    'Baseline: `node:http` and a `mysql2` pool of the same size and settings, issuing the same SQL in the same ' +
      'transaction (the access token checked and its user re-read, ' +
      'the audit row written); ratios are platform ÷ baseline. ' +
      'Server CPU ms/req is the CPU time of the server process per request.',
    '',
    '| scenario | server | req/s | p50 ms | p99 ms | 2xx | non-2xx | socket errors ' +
      '| server CPU ms/req | load (1 min) | req/s ÷ baseline | p99 ÷ baseline |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.results.map((m) => {
      const [rps, p99] = ratioOf(m);
      return (
        `| ${m.scenario} | ${m.server} | ${m.rps} | ${m.p50} | ${m.p99} | ${m.ok} | ${m.non2xx} ` +
        `| ${m.socketErrors} | ${m.serverCpuMsPerRequest} | ${m.load1} | ${rps} | ${p99} |`
      );
    }),
    '',
    `Peak RSS (VmHWM): platform ${r.peakRssMb.platform} MB, baseline ${r.peakRssMb.baseline} MB.`,
    `Load average: ${r.load.start.join(' ')} at start, ${r.load.end.join(' ')} at end (\`${r.machine.uptimeAtEnd}\`).`,
    '',
    `Targets: event list ≥ ${TARGETS.listRps}× baseline req/s: ` +
      `${mark(r.targets.listRps)}; registration ≥ ${TARGETS.registrationRps}×: ` +
      `${mark(r.targets.registrationRps)}; p99 ≤ ${TARGETS.p99}× baseline: ` +
      `list ${mark(r.targets.listP99)}, registration ` +
      `${mark(r.targets.registrationP99)}; zero errors: ${mark(r.targets.zeroErrors)}; ` +
      `RSS < ${TARGETS.rssMb} MB: ${mark(r.targets.rss)}; ` +
      `counters equal rows after the run: ${mark(r.targets.countersEqualRows)}.`,
    '',
  ];
  return lines.join('\n');
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});

import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/database-url.js';
import { SeededRandom, seedParticipation } from './timing-bench.js';
import { seed } from './seed.js';
import { analyzeSelects, planLine, type StatementPlan } from './plans.js';
import type { SqlSnapshot } from './sql-trace.js';
import { mysqlOptions } from './mysql-url.js';

/**
 * `npm run bench:curve`: how the time per request grows with the data. Starts the built platform on a scratch
 * MariaDB database (CURVE_DATABASE_URL, default mysql://root@127.0.0.1:3306/h_floor_curve; recreated per phase,
 * dropped at the end), with bench/sql-trace.ts preloaded keeping each statement's values, and:
 *
 * - the public event list at 1,000 / 10,000 / 100,000 events (bench/seed.ts's 1,000, then copies of them made
 *   by INSERT … SELECT): first page, a deep page, and the filters the public UI uses (pillar, kecamatan, search,
 *   upcoming from now);
 * - the participation report at 10,000 / 100,000 / 1,000,000 registrations (bench/timing-bench.ts's
 *   100,000, a tenth of them for the first step, then copies of the events with their registrations and
 *   check-ins made by INSERT … SELECT), grouped by pillar, kecamatan and partner.
 *
 * Each request: the median of CURVE_RUNS (7) after two warm-ups, timed over HTTP; then every SELECT it sent
 * (seen by sql-trace) is run once more under ANALYZE FORMAT=JSON, and the plan's tables are printed (access
 * type, key, rows estimated and read, filesort/temporary). Writes bench/results/cost-curve.{json,md}.
 */

const URL_ = process.env.CURVE_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/h_floor_curve';
const PORT = Number(process.env.CURVE_PORT ?? 3970);
const RUNS = Number(process.env.CURVE_RUNS ?? 7);
const RESULTS = resolve('bench/results');
const SQL_FILE = resolve(RESULTS, 'sql-curve.json');
const API = `http://127.0.0.1:${PORT}/api/v1`;
const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function recreate(drop = false): Promise<void> {
  const { database, ...server } = mysqlOptions(URL_);
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Refusing odd database name ${database}`);
  const conn = await mysql.createConnection(server);
  await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  if (!drop) await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

interface Platform {
  child: ChildProcess;
  token: string;
  staffId: string;
  secrets: { JWT_SECRET: string; DATA_ENCRYPTION_KEY: string };
}

async function startPlatform(): Promise<Platform> {
  const admin = { email: 'curve-admin@bangga-macapat.test', password: randomBytes(12).toString('base64url') };
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  rmSync(SQL_FILE, { force: true });
  const log = openSync(resolve(RESULTS, 'curve-platform.log'), 'w');
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=32', '--import', './dist-bench/bench/sql-trace.js', 'dist/src/main.js'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATABASE_URL: URL_,
        ...secrets,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        SEED_DEMO_ON_FIRST_START: 'false',
        LOG_LEVEL: 'warn',
        BENCH_SQL_FILE: SQL_FILE,
        BENCH_SQL_RAW: '1',
      },
      stdio: ['ignore', log, log],
    },
  );
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('The platform exited (bench/results/curve-platform.log)');
    if (i > 720) throw new Error('The platform did not start in 180 s');
    try {
      if ((await fetch(`${API}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const token = (await post('/auth/login', admin)).accessToken as string;
  const staff = await post(
    '/users',
    { email: 'curve-staff@bangga-macapat.test', password: admin.password, fullName: 'Petugas Kurva', role: 'staff' },
    token,
  );
  return { child, token, staffId: staff.id as string, secrets };
}

async function stopPlatform(p: Platform | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((done) => p.child.once('exit', done));
  p.child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000).then(() => p.child.kill('SIGKILL'))]);
}

async function snapshot(p: Platform): Promise<SqlSnapshot> {
  const read = () => (existsSync(SQL_FILE) ? (JSON.parse(readFileSync(SQL_FILE, 'utf8')) as SqlSnapshot) : null);
  const before = read()?.seq ?? 0;
  p.child.kill('SIGWINCH');
  for (let i = 0; i < 100; i++) {
    const s = read();
    if (s && s.seq > before) return s;
    await sleep(20);
  }
  throw new Error('The platform wrote no SQL snapshot (is dist-bench/bench/sql-trace.js built?)');
}

// ---- copies of the data, in SQL ---------------------------------------------------------------------

async function columnsOf(pool: Pool, table: string): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ' +
      'ORDER BY ORDINAL_POSITION',
    [table],
  );
  return rows.map((r) => String(r.c));
}

/** INSERT INTO table SELECT its own rows (FROM `from`, aliased t), some columns replaced by expressions. */
async function copyRows(pool: Pool, table: string, replace: Record<string, string>, from: string): Promise<void> {
  const columns = await columnsOf(pool, table);
  const list = columns.map((c) => `\`${c}\``).join(', ');
  const exprs = columns.map((c) => replace[c] ?? `t.\`${c}\``).join(', ');
  await pool.query(`INSERT INTO ${table} (${list}) SELECT ${exprs} FROM ${from}`);
}

/**
 * One copy of the original events (curve_originals) under new ids, with their partner links and, if asked,
 * their registrations (new ids, unique ticket codes) and check-ins.
 */
async function copyEvents(pool: Pool, withRegistrations: boolean): Promise<void> {
  await pool.query('TRUNCATE curve_map');
  await pool.query('INSERT INTO curve_map (old_id, new_id) SELECT id, UUID() FROM curve_originals');
  await copyRows(pool, 'events', { id: 'm.new_id' }, 'events t JOIN curve_map m ON m.old_id = t.id');
  await copyRows(
    pool,
    'event_partners',
    { event_id: 'm.new_id' },
    'event_partners t JOIN curve_map m ON m.old_id = t.event_id',
  );
  if (!withRegistrations) return;
  await pool.query('TRUNCATE curve_rmap');
  await pool.query(
    'INSERT INTO curve_rmap (old_id, new_id, event_id) SELECT r.id, UUID(), m.new_id ' +
      'FROM registrations r JOIN curve_map m ON m.old_id = r.event_id',
  );
  await pool.query('UPDATE curve_seq SET n = n + (SELECT COUNT(*) FROM curve_rmap)');
  await copyRows(
    pool,
    'registrations',
    {
      id: 'x.new_id',
      event_id: 'x.event_id',
      // Unique: a running number, base 36, after a Z (the seeded codes start with 0).
      ticket_code: "CONCAT('Z', LPAD(CONV((SELECT n FROM curve_seq) - x.seq, 10, 36), 9, '0'))",
    },
    'registrations t JOIN curve_rmap x ON x.old_id = t.id',
  );
  await copyRows(
    pool,
    'check_ins',
    { registration_id: 'x.new_id', event_id: 'x.event_id' },
    'check_ins t JOIN curve_rmap x ON x.old_id = t.registration_id',
  );
}

async function prepareCopies(pool: Pool): Promise<void> {
  await pool.query('CREATE TABLE curve_originals (id VARCHAR(36) PRIMARY KEY) SELECT id FROM events');
  await pool.query('CREATE TABLE curve_map (old_id VARCHAR(36) PRIMARY KEY, new_id VARCHAR(36) NOT NULL)');
  await pool.query(
    'CREATE TABLE curve_rmap (seq BIGINT AUTO_INCREMENT PRIMARY KEY, old_id VARCHAR(36) NOT NULL, ' +
      'new_id VARCHAR(36) NOT NULL, event_id VARCHAR(36) NOT NULL, KEY (old_id))',
  );
  await pool.query('CREATE TABLE curve_seq (n BIGINT NOT NULL) SELECT 0 AS n');
}

async function count(pool: Pool, table: string): Promise<number> {
  const [[row]] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

// ---- timing and plans -------------------------------------------------------------------------------

interface Timed {
  phase: string;
  size: number;
  request: string;
  medianMs: number;
  statements: StatementPlan[];
}

/** The plans of the SELECTs the platform sent between two snapshots (the token check's user read left out). */
function plans(pool: Pool, before: SqlSnapshot, after: SqlSnapshot): Promise<StatementPlan[]> {
  const old = new Map(before.statements.map((s) => [s.sql, s.count]));
  const sent = after.statements.filter((s) => s.count > (old.get(s.sql) ?? 0) && !/\bFROM\s+`?users`?\b/i.test(s.sql));
  return analyzeSelects(pool, sent);
}

async function time(p: Platform, pool: Pool, phase: string, size: number, request: string): Promise<Timed> {
  const get = async () => {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${API}${request}`, { headers: { authorization: `Bearer ${p.token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${request}: ${res.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  await get();
  const before = await snapshot(p);
  await get();
  const after = await snapshot(p);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await get());
  const t: Timed = { phase, size, request, medianMs: Number(median(ms).toFixed(1)), statements: [] };
  t.statements = await plans(pool, before, after);
  out(`  ${String(size).padStart(9)}  ${t.medianMs.toFixed(1).padStart(8)} ms  GET ${request}`);
  for (const s of t.statements)
    out(`             ${String(s.totalMs?.toFixed(1) ?? '?').padStart(8)} ms  ${planLine(s)}  ${s.sql.slice(0, 90)}`);
  return t;
}

function listRequests(pages: number): string[] {
  const from = new Date().toISOString();
  return [
    '/events?page=1',
    `/events?page=${Math.max(1, Math.floor(pages / 2))}`,
    '/events?page=1&pillar=digital_skills',
    '/events?page=1&kecamatanCode=33.03.11',
    '/events?page=1&q=hoaks',
    `/events?page=1&from=${encodeURIComponent(from)}`,
  ];
}

const REPORTS = ['pillar', 'kecamatan', 'partner'].map(
  (g) => `/reports/participation?from=2025-01-01&to=2026-12-31&groupBy=${g}`,
);

// ---- the phases -------------------------------------------------------------------------------------

/** The phases' own small pool for seeding, growing the data and reading plans. */
function curvePool(): Pool {
  return mysql.createPool({ ...mysqlOptions(URL_), connectionLimit: 4, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
}

async function listPhase(results: Timed[]): Promise<void> {
  out('\nPublic event list (public filters; deep page = the middle page)');
  await recreate();
  const p = await startPlatform();
  const pool = curvePool();
  try {
    await seed(pool, {
      dataEncryptionKey: Buffer.from(p.secrets.DATA_ENCRYPTION_KEY, 'base64'),
      staffUserId: p.staffId,
    });
    await prepareCopies(pool);
    const originals = await count(pool, 'curve_originals');
    for (const target of [1_000, 10_000, 100_000]) {
      while ((await count(pool, 'events')) + originals <= target) await copyEvents(pool, false);
      await pool.query('ANALYZE TABLE events, event_partners');
      const [[v]] = await pool.query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM events WHERE status IN ('published', 'completed')",
      );
      const size = await count(pool, 'events');
      for (const request of listRequests(Math.ceil(Number(v.n) / 20)))
        results.push(await time(p, pool, 'list', size, request));
    }
  } finally {
    await pool.end();
    await stopPlatform(p);
  }
}

async function reportPhase(results: Timed[]): Promise<void> {
  out('\nParticipation report, 2025-01-01 … 2026-12-31');
  await recreate();
  const p = await startPlatform();
  const pool = curvePool();
  const ds = new DataSource(buildDataSourceOptions(URL_));
  try {
    await ds.initialize();
    await seedParticipation(ds, new SeededRandom(20260401), {
      erasedShare: 0.02,
      registrationSource: 'staff',
      checkInAfterMs: 600_000,
      checkInSource: () => 'staff',
    });
    // The first step keeps a tenth of the registrations (and their check-ins); the rest comes back for the second.
    await pool.query('CREATE TABLE curve_registrations SELECT * FROM registrations');
    await pool.query('CREATE TABLE curve_check_ins SELECT * FROM check_ins');
    await pool.query('DELETE FROM check_ins');
    await pool.query('DELETE FROM registrations');
    await pool.query('INSERT INTO registrations SELECT * FROM curve_registrations ORDER BY id LIMIT 10000');
    await pool.query(
      'INSERT INTO check_ins SELECT c.* FROM curve_check_ins c JOIN registrations r ON r.id = c.registration_id',
    );
    const measure = async () => {
      await pool.query('ANALYZE TABLE events, registrations, check_ins, participants, event_partners');
      const size = await count(pool, 'registrations');
      for (const request of REPORTS) results.push(await time(p, pool, 'report', size, request));
    };
    await measure();
    await pool.query('INSERT IGNORE INTO registrations SELECT * FROM curve_registrations');
    await pool.query('INSERT IGNORE INTO check_ins SELECT * FROM curve_check_ins');
    await measure();
    await prepareCopies(pool);
    for (let i = 0; i < 9; i++) await copyEvents(pool, true);
    await measure();
  } finally {
    await ds.destroy().catch(() => undefined);
    await pool.end();
    await stopPlatform(p);
  }
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const results: Timed[] = [];
  const loadAtStart = loadavg();
  out(`Cost curve on ${mysqlOptions(URL_).database}; load average ${loadAtStart.map((n) => n.toFixed(2)).join(' ')}`);
  try {
    if (process.env.CURVE_PHASES?.includes('list') ?? true) await listPhase(results);
    if (process.env.CURVE_PHASES?.includes('report') ?? true) await reportPhase(results);
  } finally {
    if (process.env.CURVE_KEEP !== '1') await recreate(true);
  }
  const report = { startedAt: new Date().toISOString(), load: { start: loadAtStart, end: loadavg() }, results };
  writeFileSync(resolve(RESULTS, 'cost-curve.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    '# Cost curve',
    '',
    `Load average ${report.load.start.map((n) => n.toFixed(2)).join(' ')} at start, ` +
      `${report.load.end.map((n) => n.toFixed(2)).join(' ')} at end. Median of ${RUNS} requests (ms).`,
    '',
    '| request | size | median ms | statements: ANALYZE ms, tables (access, key, rows est./read) |',
    '|---|---:|---:|---|',
    ...results.map(
      (t) =>
        `| \`${t.request}\` | ${t.size} | ${t.medianMs} | ` +
        t.statements
          .map(
            (s) =>
              `${s.totalMs?.toFixed(1) ?? '?'} ms: ` +
              s.tables
                .map((x) => `${x.table} ${x.access}${x.key ? ` (${x.key})` : ''} ${x.rows}/${x.rRows}`)
                .join(', ') +
              (s.filesort ? ', filesort' : '') +
              (s.temporary ? ', temporary' : ''),
          )
          .join('<br>') +
        ' |',
    ),
    '',
  ].join('\n');
  writeFileSync(resolve(RESULTS, 'cost-curve.md'), md);
  out(`\nWrote bench/results/cost-curve.json and cost-curve.md`);
}

main().catch((err: Error) => {
  process.stderr.write(`cost curve failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from '../database/database-url.js';
import { PURBALINGGA_KECAMATAN } from '../../migrations/1764300000000-Foundation.js';
import { PILLARS } from '../events/event.entity.js';
import { OCCUPATIONS } from '../participants/participant-rules.js';
import { type Dialect, rangeBounds, REPORT_GROUPS, type ReportGroup } from '../reports/report-groups.js';
import { outcomeRowsSql, outcomeTotalsSql } from './outcomes-report.js';
import { OutcomesReportService } from './outcomes-report.service.js';

/**
 * `npm run bench:outcomes`: fills an EMPTY scratch database (DATABASE_URL, mysql://; migrations are applied)
 * with the same shape of data as `npm run bench:reports` — two years, 500 events, 20,000 participants,
 * 100,000 registrations, about 60 % checked in — plus learning outcomes: a question set per pillar, a
 * pre-test for about 70 % of the active registrations, a post-test for about 80 % of the attended and an
 * evaluation for about 70 % of them. Then times every groupBy of the outcomes report through
 * OutcomesReportService (median of 5 runs after a warm-up) and prints the EXPLAIN of the slowest grouping.
 * `--existing` seeds nothing and times the data already there. Drop the database afterwards.
 */

const EVENTS = 500;
const PARTICIPANTS = 20_000;
const REGISTRATIONS = 100_000;
const PARTNERS = 20;
/** `--runs=N` to measure fewer or more runs per grouping. */
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const BATCH = 1000;
const RANGE = { from: '2025-01-01', to: '2026-12-31' };

let seed = 20261130;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);
const out = (line = '') => process.stdout.write(`${line}\n`);
/** A score on ten questions (multiples of 10), clamped to 0–100. */
const score = (mean: number) => Math.max(0, Math.min(100, Math.round((mean + (random() - 0.5) * 50) / 10) * 10));

async function insert(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`, batch.flat());
  }
}

async function seedData(ds: DataSource): Promise<void> {
  const staffId = randomUUID();
  const now = sqlTime(new Date());
  const partners = Array.from({ length: PARTNERS }, (_, i) => {
    const name = `Mitra Uji ${String(i + 1).padStart(2, '0')}`;
    return [randomUUID(), name.toLowerCase(), name, 'community', true];
  });
  await insert(ds, 'partners', ['id', 'name_key', 'name', 'type', 'is_active'], partners);

  const participants: unknown[][] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const year = between(1950, 2012);
    const date = `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    participants.push([
      randomUUID(), `Peserta ${i}`, `peserta ${i}`, pick(['male', 'female']), date, year,
      pick(PURBALINGGA_KECAMATAN)[0], pick(OCCUPATIONS), false, now, '2026-11', false,
    ]);
  }
  await insert(ds, 'participants', [
    'id', 'full_name', 'name_search', 'gender', 'birth_date', 'birth_year', 'kecamatan_code', 'occupation', 'has_disability',
    'consent_at', 'consent_policy_version', 'guardian_consent',
  ], participants);

  const questions = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ text: `Soal ${i + 1}`, options: ['A', 'B', 'C', 'D'], correctIndex: i % 4 })));
  const versions = PILLARS.map((pillar) => [randomUUID(), pillar, 1, 10, questions, staffId]);
  await insert(ds, 'quiz_versions', ['id', 'pillar', 'version', 'question_count', 'questions', 'created_by'], versions);
  const versionOf = Object.fromEntries(versions.map((v) => [v[1] as string, v[0] as string]));

  const rangeStart = Date.UTC(2025, 0, 1) - 7 * 3600_000;
  const rangeMs = Date.UTC(2026, 11, 31) - Date.UTC(2025, 0, 1);
  const events: unknown[][] = [];
  const links: unknown[][] = [];
  for (let i = 0; i < EVENTS; i++) {
    const startsAt = new Date(rangeStart + Math.floor((random() * rangeMs) / 86_400_000) * 86_400_000 + between(8, 19) * 3600_000);
    const format = pick(['offline', 'offline', 'online', 'hybrid'] as const);
    const roll = random();
    const status = roll < 0.05 ? 'draft' : roll < 0.1 ? 'cancelled' : roll < 0.5 ? 'completed' : 'published';
    const id = randomUUID();
    const title = `Pelatihan Literasi Digital ${i + 1}`;
    events.push([
      id, title, title.toLowerCase(), 'Data uji laporan', pick(PILLARS), format, format === 'online' ? null : 'Aula',
      format === 'online' ? null : pick(PURBALINGGA_KECAMATAN)[0], format === 'offline' ? null : 'https://meet.example.id/x',
      sqlTime(startsAt), sqlTime(new Date(startsAt.getTime() + 3 * 3600_000)), 400, true, sqlTime(startsAt), 'general', status,
    ]);
    const chosen = new Set<string>();
    const partnerCount = pick([0, 1, 1, 2]);
    while (chosen.size < partnerCount) chosen.add(pick(partners)[0] as string);
    for (const partnerId of chosen) links.push([id, partnerId]);
  }
  await insert(ds, 'events', [
    'id', 'title', 'title_search', 'description', 'pillar', 'format', 'venue', 'kecamatan_code', 'online_url', 'starts_at',
    'ends_at', 'capacity', 'waitlist_enabled', 'registration_closes_at', 'target_groups', 'status',
  ], events);
  await insert(ds, 'event_partners', ['event_id', 'partner_id'], links);

  const registrations: unknown[][] = [];
  const checkIns: unknown[][] = [];
  const attempts: unknown[][] = [];
  const evaluations: unknown[][] = [];
  let ticket = 0;
  for (const event of events) {
    const [eventId, , , , pillar] = event as [string, string, string, string, string];
    const taken = new Set<number>();
    while (taken.size < REGISTRATIONS / EVENTS) taken.add(Math.floor(random() * PARTICIPANTS));
    for (const p of taken) {
      const participantId = participants[p][0] as string;
      const roll = random();
      const status = roll < 0.05 ? 'cancelled' : roll < 0.1 ? 'waitlisted' : 'confirmed';
      const id = randomUUID();
      registrations.push([
        id, eventId, participantId, status === 'cancelled' ? null : participantId, status, status === 'waitlisted' ? 1 : null,
        (ticket++).toString(36).toUpperCase().padStart(10, '0'), 'self', status === 'cancelled' ? now : null,
      ]);
      const pre = random() < 0.7 ? score(55) : null;
      if (pre !== null) attempts.push([id, 'pre', versionOf[pillar], pre / 10, 10, pre, '[]']);
      if (status === 'confirmed' && random() < 0.667) {
        checkIns.push([id, eventId, participantId, event[9], staffId, pick(['staff', 'staff', 'code'])]);
        if (random() < 0.8) {
          const post = score((pre ?? 55) + 15);
          attempts.push([id, 'post', versionOf[pillar], post / 10, 10, post, '[]']);
        }
        if (random() < 0.7) evaluations.push([id, between(2, 5), null]);
      }
    }
  }
  await insert(ds, 'registrations', [
    'id', 'event_id', 'participant_id', 'active_key', 'status', 'waitlist_position', 'ticket_code', 'source', 'cancelled_at',
  ], registrations);
  await insert(ds, 'check_ins', ['registration_id', 'event_id', 'participant_id', 'checked_in_at', 'checked_in_by', 'source'], checkIns);
  await insert(ds, 'quiz_attempts', ['registration_id', 'phase', 'quiz_version_id', 'correct_count', 'question_count', 'score', 'answers'], attempts);
  await insert(ds, 'evaluations', ['registration_id', 'rating', 'comment'], evaluations);
  out(`Inserted ${PARTICIPANTS} participants, ${EVENTS} events, ${registrations.length} registrations, ${checkIns.length} check-ins, ` +
    `${attempts.length} quiz attempts, ${evaluations.length} evaluations`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (parseDatabaseUrl(url).kind !== 'mysql') throw new Error('Set DATABASE_URL=mysql://user:pass@host:3306/<scratch database>');
  const ds = new DataSource(buildDataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    if (!process.argv.includes('--existing')) {
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM events');
      if (Number(n) > 0) throw new Error('The database already has events; use an empty scratch database, or --existing');
      const started = Date.now();
      await seedData(ds);
      await ds.query('ANALYZE TABLE events, registrations, check_ins, participants, event_partners, quiz_attempts, evaluations');
      out(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const service = new OutcomesReportService(ds);
    const dialect: Dialect = 'mysql';
    const { start, end } = rangeBounds(RANGE);
    const time = async (sql: string) => {
      const t0 = process.hrtime.bigint();
      await ds.query(sql, [start, end]);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    out(`\nOutcomes report, range ${RANGE.from} … ${RANGE.to}, median of ${RUNS} runs (ms)`);
    out('| groupBy | rows | report (service) | rows query | totals query |');
    out('|---|---:|---:|---:|---:|');
    let slowest: { group: ReportGroup; ms: number } = { group: 'pillar', ms: -1 };
    for (const group of REPORT_GROUPS) {
      const request = { ...RANGE, groupBy: group };
      const warm = await service.outcomes(request);
      const whole: number[] = [];
      const rowsOnly: number[] = [];
      const totalsOnly: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        await service.outcomes(request);
        whole.push(Number(process.hrtime.bigint() - t0) / 1e6);
        rowsOnly.push(await time(outcomeRowsSql(group, dialect)));
        totalsOnly.push(await time(outcomeTotalsSql()));
      }
      if (median(rowsOnly) > slowest.ms) slowest = { group, ms: median(rowsOnly) };
      out(`| ${group} | ${warm.rows.length} | ${median(whole).toFixed(1)} | ${median(rowsOnly).toFixed(1)} | ${median(totalsOnly).toFixed(1)} |`);
      if (group === 'pillar') out(`  (totals: ${JSON.stringify(warm.totals)})`);
    }
    const sql = outcomeRowsSql(slowest.group, dialect);
    out(`\nEXPLAIN (rows, groupBy=${slowest.group}):\n${sql}`);
    const plan = (await ds.query(`EXPLAIN ${sql}`, [start, end])) as Record<string, unknown>[];
    const cols = ['id', 'select_type', 'table', 'type', 'key', 'ref', 'rows', 'Extra'];
    out(`| ${cols.join(' | ')} |`);
    out(`|${cols.map(() => '---').join('|')}|`);
    for (const row of plan) out(`| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Outcomes report timing failed: ${err.message}\n`);
  process.exit(1);
});

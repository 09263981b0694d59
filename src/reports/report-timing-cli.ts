import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from '../database/database-url.js';
import { PURBALINGGA_KECAMATAN } from '../../migrations/1764300000000-Foundation.js';
import { PILLARS } from '../events/event.entity.js';
import { OCCUPATIONS } from '../participants/participant-rules.js';
import { type Dialect, rangeBounds, REPORT_GROUPS, type ReportGroup, rowsSql, totalsSql } from './report-groups.js';
import { ReportsService } from './reports.service.js';

/**
 * `npm run bench:reports`: fills an EMPTY database (DATABASE_URL; migrations are applied) with a
 * synthetic two years of trainings — 500 events, 20,000 participants, 100,000 registrations,
 * about 60 % checked in — using multi-row INSERTs, then times every groupBy of the participation
 * report through ReportsService (median of 5 runs after one warm-up) and prints the EXPLAIN of the
 * slowest grouping's query. Meant for a scratch database: it refuses one that already has events,
 * and leaves the data in place (drop the database afterwards). With `--existing` it seeds nothing and
 * times the reports on the data already there (a second run, or a copy of production).
 */

const EVENTS = 500;
const PARTICIPANTS = 20_000;
const REGISTRATIONS = 100_000;
const PARTNERS = 20;
const RUNS = 5;
const BATCH = 1000;
/** Covers every generated event: the worst case. */
const RANGE = { from: '2025-01-01', to: '2026-12-31' };

// Deterministic data, so two runs measure the same thing.
let seed = 20260401;
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
  const birth: { year: number; date: string | null; md: string }[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const year = between(1950, 2012);
    const md = `${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    // About 2 % erased: no birth date, the age kept on each registration instead.
    const erased = random() < 0.02;
    const date = erased ? null : `${year}-${md}`;
    birth.push({ year, date, md });
    participants.push([
      randomUUID(), erased ? 'Dihapus' : `Peserta ${i}`, erased ? 'dihapus' : `peserta ${i}`, pick(['male', 'female']), date, year,
      pick(PURBALINGGA_KECAMATAN)[0], pick(OCCUPATIONS), false, now, '2026-11', false, erased ? now : null,
    ]);
  }
  await insert(ds, 'participants', [
    'id', 'full_name', 'name_search', 'gender', 'birth_date', 'birth_year', 'kecamatan_code', 'occupation', 'has_disability',
    'consent_at', 'consent_policy_version', 'guardian_consent', 'erased_at',
  ], participants);

  const rangeStart = Date.UTC(2025, 0, 1) - 7 * 3600_000;
  const rangeMs = Date.UTC(2026, 11, 31) - Date.UTC(2025, 0, 1);
  const events: unknown[][] = [];
  const eventStarts: Date[] = [];
  const links: unknown[][] = [];
  for (let i = 0; i < EVENTS; i++) {
    const day = Math.floor((random() * rangeMs) / 86_400_000);
    const startsAt = new Date(rangeStart + day * 86_400_000 + between(8, 19) * 3600_000);
    eventStarts.push(startsAt);
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
    const partnerCount = pick([0, 1, 1, 2]);
    const chosen = new Set<string>();
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
  const perEvent = REGISTRATIONS / EVENTS;
  let ticket = 0;
  for (let e = 0; e < EVENTS; e++) {
    const eventId = events[e][0] as string;
    const taken = new Set<number>();
    while (taken.size < perEvent) taken.add(Math.floor(random() * PARTICIPANTS));
    for (const p of taken) {
      const participantId = participants[p][0] as string;
      const roll = random();
      const status = roll < 0.05 ? 'cancelled' : roll < 0.1 ? 'waitlisted' : 'confirmed';
      const id = randomUUID();
      const local = new Date(eventStarts[e].getTime() + 7 * 3600_000).toISOString();
      const b = birth[p];
      const ageAtEvent = b.date ? null : Number(local.slice(0, 4)) - b.year - (local.slice(5, 10) < b.md ? 1 : 0);
      registrations.push([
        id, eventId, participantId, status === 'cancelled' ? null : participantId, status, status === 'waitlisted' ? 1 : null,
        (ticket++).toString(36).toUpperCase().padStart(10, '0'), 'staff', ageAtEvent, status === 'cancelled' ? now : null,
      ]);
      // ~60 % of all registrations: two in three confirmed ones.
      if (status === 'confirmed' && random() < 0.667) {
        checkIns.push([id, eventId, participantId, sqlTime(new Date(eventStarts[e].getTime() + 600_000)), staffId]);
      }
    }
  }
  await insert(ds, 'registrations', [
    'id', 'event_id', 'participant_id', 'active_key', 'status', 'waitlist_position', 'ticket_code', 'source', 'age_at_event', 'cancelled_at',
  ], registrations);
  await insert(ds, 'check_ins', ['registration_id', 'event_id', 'participant_id', 'checked_in_at', 'checked_in_by'], checkIns);
  out(`Inserted ${PARTNERS} partners, ${PARTICIPANTS} participants, ${EVENTS} events, ${registrations.length} registrations, ${checkIns.length} check-ins`);
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
      await ds.query('ANALYZE TABLE events, registrations, check_ins, participants, event_partners');
      out(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const service = new ReportsService(ds);
    const dialect: Dialect = 'mysql';
    const { start, end } = rangeBounds(RANGE);
    const time = async (sql: string) => {
      const t0 = process.hrtime.bigint();
      await ds.query(sql, [start, end]);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };

    out(`\nRange ${RANGE.from} … ${RANGE.to}, median of ${RUNS} runs (ms)`);
    out('| groupBy | rows | report (service) | rows query | totals query |');
    out('|---|---:|---:|---:|---:|');
    let slowest: { group: ReportGroup; ms: number } = { group: 'pillar', ms: -1 };
    for (const group of REPORT_GROUPS) {
      const request = { ...RANGE, groupBy: group };
      const warm = await service.participation(request);
      const whole: number[] = [];
      const rowsOnly: number[] = [];
      const totalsOnly: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        await service.participation(request);
        whole.push(Number(process.hrtime.bigint() - t0) / 1e6);
        rowsOnly.push(await time(rowsSql(group, dialect)));
        totalsOnly.push(await time(totalsSql()));
      }
      const ms = median(rowsOnly);
      if (ms > slowest.ms) slowest = { group, ms };
      out(`| ${group} | ${warm.rows.length} | ${median(whole).toFixed(1)} | ${ms.toFixed(1)} | ${median(totalsOnly).toFixed(1)} |`);
      if (group === 'pillar') out(`  (totals: ${JSON.stringify(warm.totals)})`);
    }

    for (const [name, sql] of [[`rows, groupBy=${slowest.group}`, rowsSql(slowest.group, dialect)], ['totals', totalsSql()]] as const) {
      out(`\nEXPLAIN (${name}):\n${sql}`);
      const plan = (await ds.query(`EXPLAIN ${sql}`, [start, end])) as Record<string, unknown>[];
      const cols = ['id', 'select_type', 'table', 'type', 'possible_keys', 'key', 'key_len', 'ref', 'rows', 'Extra'];
      out(`| ${cols.join(' | ')} |`);
      out(`|${cols.map(() => '---').join('|')}|`);
      for (const row of plan) out(`| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Report timing failed: ${err.message}\n`);
  process.exit(1);
});

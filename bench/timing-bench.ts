import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PURBALINGGA_KECAMATAN } from '../migrations/1764300000000-Foundation.js';
import { buildDataSourceOptions, parseDatabaseUrl } from '../src/database/database-url.js';
import { PILLARS } from '../src/events/event-rules.js';
import { OCCUPATIONS } from '../src/participants/participant-rules.js';
import { type Dialect, rangeBounds, REPORT_GROUPS, type ReportGroup } from '../src/reports/report-groups.js';

/**
 * What `npm run bench:reports` and `npm run bench:outcomes` share: deterministic synthetic data of two years of
 * trainings (500 events, 20,000 participants, 100,000 registrations, about 60 % checked in) written with
 * multi-row INSERTs, and the timing of every groupBy (median of the runs after one warm-up) with the EXPLAIN of
 * the slowest grouping. Each CLI adds its own rows through the hooks and names its own service and SQL.
 * Benchmark tooling, so it lives in bench/ beside the load benchmark, not inside either module (issue 11).
 */

export const EVENTS = 500;
export const PARTICIPANTS = 20_000;
export const REGISTRATIONS = 100_000;
const PARTNERS = 20;
const BATCH = 1000;
/** Covers every generated event: the worst case. */
export const RANGE = { from: '2025-01-01', to: '2026-12-31' };

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Deterministic data, so two runs measure the same thing. */
export class SeededRandom {
  constructor(private seed: number) {}

  next(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let x = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

export async function insertRows(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await ds.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`,
      batch.flat(),
    );
  }
}

export interface SeededRegistration {
  id: string;
  eventId: string;
  pillar: string;
}

export interface SeedOptions {
  /** Share of participants erased (no birth date; the age kept on each registration instead). */
  erasedShare: number;
  registrationSource: 'self' | 'staff';
  /** Check-in time after the event's start. */
  checkInAfterMs: number;
  /** Called for every registration, before the roll that decides its check-in. */
  beforeCheckIn?: (registration: SeededRegistration) => void;
  /** How the check-in was recorded (check_ins.source). */
  checkInSource: () => string;
  /** Called after a confirmed registration was checked in. */
  afterCheckIn?: (registration: SeededRegistration) => void;
}

/** The participation data both reports read; returns what was inserted, for the summary line. */
export async function seedParticipation(ds: DataSource, rnd: SeededRandom, options: SeedOptions) {
  const staffId = randomUUID();
  const now = sqlTime(new Date());

  const partners = Array.from({ length: PARTNERS }, (_, i) => {
    const name = `Mitra Uji ${String(i + 1).padStart(2, '0')}`;
    return [randomUUID(), name.toLowerCase(), name, 'community', true];
  });
  await insertRows(ds, 'partners', ['id', 'name_key', 'name', 'type', 'is_active'], partners);

  const participants: unknown[][] = [];
  const birth: { year: number; date: string | null; md: string }[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const year = rnd.between(1950, 2012);
    const md = `${String(rnd.between(1, 12)).padStart(2, '0')}-${String(rnd.between(1, 28)).padStart(2, '0')}`;
    const erased = options.erasedShare > 0 && rnd.next() < options.erasedShare;
    const date = erased ? null : `${year}-${md}`;
    birth.push({ year, date, md });
    participants.push([
      randomUUID(),
      erased ? 'Dihapus' : `Peserta ${i}`,
      erased ? 'dihapus' : `peserta ${i}`,
      rnd.pick(['male', 'female']),
      date,
      year,
      rnd.pick(PURBALINGGA_KECAMATAN)[0],
      rnd.pick(OCCUPATIONS),
      false,
      now,
      '2026-11',
      false,
      erased ? now : null,
    ]);
  }
  await insertRows(
    ds,
    'participants',
    [
      'id',
      'full_name',
      'name_search',
      'gender',
      'birth_date',
      'birth_year',
      'kecamatan_code',
      'occupation',
      'has_disability',
      'consent_at',
      'consent_policy_version',
      'guardian_consent',
      'erased_at',
    ],
    participants,
  );

  const rangeStart = Date.UTC(2025, 0, 1) - 7 * 3600_000;
  const rangeMs = Date.UTC(2026, 11, 31) - Date.UTC(2025, 0, 1);
  const events: unknown[][] = [];
  const eventStarts: Date[] = [];
  const links: unknown[][] = [];
  for (let i = 0; i < EVENTS; i++) {
    const day = Math.floor((rnd.next() * rangeMs) / 86_400_000);
    const startsAt = new Date(rangeStart + day * 86_400_000 + rnd.between(8, 19) * 3600_000);
    eventStarts.push(startsAt);
    const format = rnd.pick(['offline', 'offline', 'online', 'hybrid'] as const);
    const roll = rnd.next();
    const status = roll < 0.05 ? 'draft' : roll < 0.1 ? 'cancelled' : roll < 0.5 ? 'completed' : 'published';
    const id = randomUUID();
    const title = `Pelatihan Literasi Digital ${i + 1}`;
    events.push([
      id,
      title,
      title.toLowerCase(),
      'Data uji laporan',
      rnd.pick(PILLARS),
      format,
      format === 'online' ? null : 'Aula',
      format === 'online' ? null : rnd.pick(PURBALINGGA_KECAMATAN)[0],
      format === 'offline' ? null : 'https://meet.example.id/x',
      sqlTime(startsAt),
      sqlTime(new Date(startsAt.getTime() + 3 * 3600_000)),
      400,
      true,
      sqlTime(startsAt),
      'general',
      status,
    ]);
    const partnerCount = rnd.pick([0, 1, 1, 2]);
    const chosen = new Set<string>();
    while (chosen.size < partnerCount) chosen.add(rnd.pick(partners)[0] as string);
    for (const partnerId of chosen) links.push([id, partnerId]);
  }
  await insertRows(
    ds,
    'events',
    [
      'id',
      'title',
      'title_search',
      'description',
      'pillar',
      'format',
      'venue',
      'kecamatan_code',
      'online_url',
      'starts_at',
      'ends_at',
      'capacity',
      'waitlist_enabled',
      'registration_closes_at',
      'target_groups',
      'status',
    ],
    events,
  );
  await insertRows(ds, 'event_partners', ['event_id', 'partner_id'], links);

  const registrations: unknown[][] = [];
  const checkIns: unknown[][] = [];
  let ticket = 0;
  for (let e = 0; e < EVENTS; e++) {
    const [eventId, , , , pillar] = events[e] as [string, string, string, string, string];
    const taken = new Set<number>();
    while (taken.size < REGISTRATIONS / EVENTS) taken.add(Math.floor(rnd.next() * PARTICIPANTS));
    for (const p of taken) {
      const participantId = participants[p][0] as string;
      const roll = rnd.next();
      const status = roll < 0.05 ? 'cancelled' : roll < 0.1 ? 'waitlisted' : 'confirmed';
      const id = randomUUID();
      const local = new Date(eventStarts[e].getTime() + 7 * 3600_000).toISOString();
      const b = birth[p];
      const ageAtEvent = b.date ? null : Number(local.slice(0, 4)) - b.year - (local.slice(5, 10) < b.md ? 1 : 0);
      registrations.push([
        id,
        eventId,
        participantId,
        status === 'cancelled' ? null : participantId,
        status,
        status === 'waitlisted' ? 1 : null,
        (ticket++).toString(36).toUpperCase().padStart(10, '0'),
        options.registrationSource,
        ageAtEvent,
        status === 'cancelled' ? now : null,
      ]);
      const registration = { id, eventId, pillar };
      options.beforeCheckIn?.(registration);
      // ~60 % of all registrations: two in three confirmed ones.
      if (status === 'confirmed' && rnd.next() < 0.667) {
        const at = sqlTime(new Date(eventStarts[e].getTime() + options.checkInAfterMs));
        checkIns.push([id, eventId, participantId, at, staffId, options.checkInSource()]);
        options.afterCheckIn?.(registration);
      }
    }
  }
  await insertRows(
    ds,
    'registrations',
    [
      'id',
      'event_id',
      'participant_id',
      'active_key',
      'status',
      'waitlist_position',
      'ticket_code',
      'source',
      'age_at_event',
      'cancelled_at',
    ],
    registrations,
  );
  await insertRows(
    ds,
    'check_ins',
    ['registration_id', 'event_id', 'participant_id', 'checked_in_at', 'checked_in_by', 'source'],
    checkIns,
  );
  return { staffId, partners: partners.length, registrations: registrations.length, checkIns: checkIns.length };
}

export interface TimingCli {
  /** Names the failure on stderr. */
  name: string;
  /** The heading line of the table. */
  title: string;
  runs: number;
  /** Tables to ANALYZE after seeding. */
  analyze: string[];
  seed(ds: DataSource): Promise<void>;
  /** The report through its service, as the API answers it. */
  report(ds: DataSource, group: ReportGroup): Promise<{ rows: unknown[]; totals: unknown }>;
  rowsSql(group: ReportGroup, dialect: Dialect): string;
  totalsSql(): string;
  /** Also print the plan of the totals query. */
  explainTotals: boolean;
}

/** Migrates the scratch database at DATABASE_URL, seeds it unless --existing, then times and explains. */
export function runTimingCli(cli: TimingCli): void {
  run(cli).catch((err: Error) => {
    process.stderr.write(`${cli.name} failed: ${err.message}\n`);
    process.exit(1);
  });
}

async function run(cli: TimingCli): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (parseDatabaseUrl(url).kind !== 'mysql')
    throw new Error('Set DATABASE_URL=mysql://user:pass@host:3306/<scratch database>');
  const ds = new DataSource(buildDataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    if (!process.argv.includes('--existing')) {
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM events');
      if (Number(n) > 0)
        throw new Error('The database already has events; use an empty scratch database, or --existing');
      const started = Date.now();
      await cli.seed(ds);
      await ds.query(`ANALYZE TABLE ${cli.analyze.join(', ')}`);
      out(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const dialect: Dialect = 'mysql';
    const { start, end } = rangeBounds(RANGE);
    const time = async (sql: string) => {
      const t0 = process.hrtime.bigint();
      await ds.query(sql, [start, end]);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };

    out(`\n${cli.title}, range ${RANGE.from} … ${RANGE.to}, median of ${cli.runs} runs (ms)`);
    out('| groupBy | rows | report (service) | rows query | totals query |');
    out('|---|---:|---:|---:|---:|');
    let slowest: { group: ReportGroup; ms: number } = { group: 'pillar', ms: -1 };
    for (const group of REPORT_GROUPS) {
      const warm = await cli.report(ds, group);
      const whole: number[] = [];
      const rowsOnly: number[] = [];
      const totalsOnly: number[] = [];
      for (let i = 0; i < cli.runs; i++) {
        const t0 = process.hrtime.bigint();
        await cli.report(ds, group);
        whole.push(Number(process.hrtime.bigint() - t0) / 1e6);
        rowsOnly.push(await time(cli.rowsSql(group, dialect)));
        totalsOnly.push(await time(cli.totalsSql()));
      }
      const ms = median(rowsOnly);
      if (ms > slowest.ms) slowest = { group, ms };
      out(
        `| ${group} | ${warm.rows.length} | ${median(whole).toFixed(1)} ` +
          `| ${ms.toFixed(1)} | ${median(totalsOnly).toFixed(1)} |`,
      );
      if (group === 'pillar') out(`  (totals: ${JSON.stringify(warm.totals)})`);
    }

    const plans: [string, string][] = [[`rows, groupBy=${slowest.group}`, cli.rowsSql(slowest.group, dialect)]];
    if (cli.explainTotals) plans.push(['totals', cli.totalsSql()]);
    for (const [name, sql] of plans) {
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

import { addYears, parseCalendarDate } from '../common/calendar-date.js';
import { formatIndonesianMonth } from '../common/indonesian-date.js';
import { localDayStart } from '../common/jakarta-time.js';
import type { FieldError } from '../common/problem.js';
import { PILLARS } from '../events/event-rules.js';
import { PILLAR_LABELS } from '../events/pillar-labels.js';
import { GENDER_LABELS, OCCUPATION_LABELS } from '../participants/participant-labels.js';
import { OCCUPATIONS } from '../participants/participant-rules.js';

/**
 * The participation report's groupings: what each groups by, its labels and order, and the SQL that
 * computes it on each driver. Pure, so the rules can be tested without a database.
 */

export const REPORT_GROUPS = [
  'kecamatan',
  'event_kecamatan',
  'pillar',
  'gender',
  'age_group',
  'occupation',
  'month',
  'partner',
] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type Dialect = 'mysql' | 'sqlite';

/** Event statuses that count: the stored status, so a published event that has ended counts too. */
export const COUNTED_EVENT_STATUSES = ['published', 'completed'] as const;
/** Registrations that count: active ones (cancelled do not). */
export const COUNTED_REGISTRATION_STATUSES = ['confirmed', 'waitlisted'] as const;
/** Longest range a report may span, in years. */
export const MAX_RANGE_YEARS = 5;

export const AGE_GROUPS = ['<18', '18-24', '25-34', '35-44', '45-59', '60+'] as const;
/** Only when neither the age snapshot nor the birth date is known, which erasure should prevent. */
export const UNKNOWN_AGE = 'unknown';
/** Lower bound of each age group after the first. */
const AGE_GROUP_FLOORS: [number, string][] = [
  [18, '18-24'],
  [25, '25-34'],
  [35, '35-44'],
  [45, '45-59'],
  [60, '60+'],
];

export const NO_KECAMATAN_LABEL = 'Daring / tanpa kecamatan';
export const NO_PARTNER_LABEL = 'Dinkominfo (tanpa mitra)';

export const AGE_GROUP_LABELS: Record<string, string> = {
  '<18': 'Di bawah 18 tahun',
  '18-24': '18–24 tahun',
  '25-34': '25–34 tahun',
  '35-44': '35–44 tahun',
  '45-59': '45–59 tahun',
  '60+': '60 tahun ke atas',
  [UNKNOWN_AGE]: 'Usia tidak diketahui',
};

/** A vocabulary's label for a key read back from the database (its own text if the vocabulary lacks it). */
const labelOf = (labels: Record<string, string>, key: string | null): string => labels[key ?? ''] ?? String(key);

/** The age group of an age in completed years (the same rule as the SQL CASE below). */
export function ageGroupOf(age: number | null): string {
  if (age === null) return UNKNOWN_AGE;
  let group = '<18';
  for (const [floor, name] of AGE_GROUP_FLOORS) if (age >= floor) group = name;
  return group;
}

// ---------------------------------------------------------------------------------------------------
// Dates: `from`/`to` are local days in Asia/Jakarta (UTC+7, no DST).

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportRange {
  from: string;
  to: string;
}

/**
 * Fills the defaults and checks the range. `to` defaults to today; `from` to 1 January of `to`'s year
 * (so with neither given: this year so far). Returns the field errors for a 400 when the range is
 * backwards or longer than MAX_RANGE_YEARS (from + 5 years − 1 day is the last allowed `to`).
 */
export function resolveRange(
  from: string | undefined,
  to: string | undefined,
  today: string,
): ReportRange | FieldError[] {
  const errors: FieldError[] = [];
  if (from !== undefined && parseCalendarDate(from) === null)
    errors.push({ field: 'from', message: 'from must be a date YYYY-MM-DD' });
  if (to !== undefined && parseCalendarDate(to) === null)
    errors.push({ field: 'to', message: 'to must be a date YYYY-MM-DD' });
  if (errors.length) return errors;
  const end = to ?? today;
  const start = from ?? `${end.slice(0, 4)}-01-01`;
  if (start > end) return [{ field: 'from', message: `from (${start}) must not be after to (${end})` }];
  if (end >= addYears(start, MAX_RANGE_YEARS)) {
    return [
      {
        field: 'to',
        message: `The range may span at most ${MAX_RANGE_YEARS} years (to before ${addYears(start, MAX_RANGE_YEARS)})`,
      },
    ];
  }
  return { from: start, to: end };
}

/** The UTC instants [start, end) covering the local days from..to, as the stored datetime text. */
export function rangeBounds(range: ReportRange): { start: string; end: string } {
  const start = localDayStart(range.from).getTime();
  const end = localDayStart(range.to).getTime() + DAY_MS;
  // 'YYYY-MM-DD HH:MM:SS.mmm' is how TypeORM stores datetimes on SQLite and what MySQL reads as DATETIME.
  const text = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
  return { start: text(start), end: text(end) };
}

// ---------------------------------------------------------------------------------------------------
// SQL. Every fragment below is a constant chosen by the (validated) group; user input only ever
// reaches the query as bound parameters.

const eventLocalMonth = (d: Dialect) =>
  d === 'mysql' ? "DATE_FORMAT(e.starts_at + INTERVAL 7 HOUR, '%Y-%m')" : "strftime('%Y-%m', e.starts_at, '+7 hours')";

/** Completed years from p.birth_date to the event's local (WIB) day; NULL without a birth date. */
export function ageOnEventDaySql(d: Dialect): string {
  if (d === 'mysql') return 'TIMESTAMPDIFF(YEAR, p.birth_date, DATE(e.starts_at + INTERVAL 7 HOUR))';
  // Year difference, minus one while the birthday (MM-DD) is still ahead on the event's day.
  return (
    "(CAST(strftime('%Y', e.starts_at, '+7 hours') AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER)" +
    " - (strftime('%m-%d', e.starts_at, '+7 hours') < substr(p.birth_date, 6, 5)))"
  );
}

/** The age group key: the age kept at erasure wins, else the age computed from the birth date. */
export function ageGroupSql(d: Dialect): string {
  const age = `COALESCE(r.age_at_event, ${ageOnEventDaySql(d)})`;
  const whens = [...AGE_GROUP_FLOORS]
    .reverse()
    .map(([floor, name]) => `WHEN ${age} >= ${floor} THEN '${name}'`)
    .join(' ');
  return `CASE WHEN ${age} IS NULL THEN '${UNKNOWN_AGE}' ${whens} ELSE '<18' END`;
}

export interface GroupSql {
  /** event: every counted event is a row source (LEFT JOIN registrations); participant: registrations only. */
  side: 'event' | 'participant';
  /** Joins the key needs, placed right after events, so they cost one lookup per event, not per registration. */
  keyJoins: string;
  key: string;
  /** Joined to the grouped rows (a few dozen) for the label: a table alias `l`, matched on g.groupKey. */
  labelJoin?: string;
}

export function groupSql(group: ReportGroup, d: Dialect): GroupSql {
  const kecamatanName = 'LEFT JOIN kecamatan l ON l.code = g.groupKey';
  switch (group) {
    case 'kecamatan':
      return { side: 'participant', keyJoins: '', key: 'p.kecamatan_code', labelJoin: kecamatanName };
    case 'gender':
      return { side: 'participant', keyJoins: '', key: 'p.gender' };
    case 'occupation':
      return { side: 'participant', keyJoins: '', key: 'p.occupation' };
    case 'age_group':
      return { side: 'participant', keyJoins: '', key: ageGroupSql(d) };
    case 'event_kecamatan':
      return { side: 'event', keyJoins: '', key: 'e.kecamatan_code', labelJoin: kecamatanName };
    case 'pillar':
      return { side: 'event', keyJoins: '', key: 'e.pillar' };
    case 'month':
      return { side: 'event', keyJoins: '', key: eventLocalMonth(d) };
    case 'partner':
      return {
        side: 'event',
        keyJoins: 'LEFT JOIN event_partners ep ON ep.event_id = e.id',
        key: 'ep.partner_id',
        labelJoin: 'LEFT JOIN partners l ON l.id = g.groupKey',
      };
  }
}

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const EVENTS_IN_RANGE = `e.status IN (${quoted(COUNTED_EVENT_STATUSES)}) AND e.starts_at >= ? AND e.starts_at < ?`;
const ACTIVE_REGISTRATION = `r.event_id = e.id AND r.status IN (${quoted(COUNTED_REGISTRATION_STATUSES)})`;

/**
 * The five measures over the row source `x`, all distinct counts. Registrations and attendees need no
 * DISTINCT: within one group a registration is a single row (participants and check-ins join on their
 * primary keys, event_partners on (event, partner) and the partner is the group), and leaving out
 * those two large DISTINCT sets halves the work on MariaDB. Events and participants repeat, so they do.
 */
const MEASURES =
  'COUNT(DISTINCT x.event_id) AS events, COUNT(x.registration_id) AS registrations, ' +
  'COUNT(x.attended_id) AS attendees, COUNT(DISTINCT x.participant_id) AS uniqueParticipants, ' +
  'COUNT(DISTINCT x.attendee_id) AS uniqueAttendees';

/**
 * One row per (event, group value, active registration); on the event side an event without
 * registrations still gives one row. Check-ins are joined last: one primary-key lookup per registration.
 */
function rowSource(g: Pick<GroupSql, 'side' | 'keyJoins' | 'key'>): string {
  const registrations =
    g.side === 'event'
      ? `LEFT JOIN registrations r ON ${ACTIVE_REGISTRATION}`
      : `JOIN registrations r ON ${ACTIVE_REGISTRATION} JOIN participants p ON p.id = r.participant_id`;
  return [
    'SELECT e.id AS event_id, r.id AS registration_id, r.participant_id AS participant_id,',
    'c.registration_id AS attended_id, CASE WHEN c.registration_id IS NULL THEN NULL ' +
      'ELSE r.participant_id END AS attendee_id,',
    `${g.key} AS group_key`,
    'FROM events e',
    g.keyJoins,
    registrations,
    'LEFT JOIN check_ins c ON c.registration_id = r.id',
    `WHERE ${EVENTS_IN_RANGE}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Rows of the report (groupKey, groupLabel, the measures): parameters [start, end] from rangeBounds. */
export function rowsSql(group: ReportGroup, d: Dialect): string {
  const g = groupSql(group, d);
  const grouped = `SELECT x.group_key AS groupKey, ${MEASURES} FROM (${rowSource(g)}) x GROUP BY x.group_key`;
  const label = g.labelJoin ? 'l.name' : 'NULL';
  return [
    `SELECT g.groupKey, ${label} AS groupLabel, g.events, ` +
      `g.registrations, g.attendees, g.uniqueParticipants, g.uniqueAttendees`,
    `FROM (${grouped}) g`,
    g.labelJoin ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Totals over the whole range, distinct across groups: parameters [start, end]. */
export function totalsSql(): string {
  return `SELECT ${MEASURES} FROM (${rowSource({ side: 'event', keyJoins: '', key: 'NULL' })}) x`;
}

// ---------------------------------------------------------------------------------------------------
// Labels and order.

export function monthLabel(key: string): string {
  const [y, m] = key.split('-').map(Number);
  return formatIndonesianMonth(y, m) ?? `${key} ${y}`;
}

/** The row label: from the joined table (kecamatan, partner) or from the key's vocabulary. */
export function labelFor(group: ReportGroup, key: string | null, joined: string | null): string {
  switch (group) {
    case 'kecamatan':
    case 'event_kecamatan':
      return key === null ? NO_KECAMATAN_LABEL : (joined ?? key);
    case 'partner':
      return key === null ? NO_PARTNER_LABEL : (joined ?? key);
    case 'pillar':
      return labelOf(PILLAR_LABELS, key);
    case 'gender':
      return labelOf(GENDER_LABELS, key);
    case 'occupation':
      return labelOf(OCCUPATION_LABELS, key);
    case 'age_group':
      return AGE_GROUP_LABELS[key ?? ''] ?? String(key);
    case 'month':
      return key === null ? '' : monthLabel(key);
  }
}

/** Fixed vocabularies sort in their own order; the rest by key (codes, YYYY-MM, ids); a null key last. */
const VOCABULARY_ORDER: Partial<Record<ReportGroup, readonly string[]>> = {
  pillar: PILLARS,
  gender: ['male', 'female'],
  occupation: OCCUPATIONS,
  age_group: [...AGE_GROUPS, UNKNOWN_AGE],
};

export interface KeyedRow {
  key: string | null;
  label: string;
}

export function compareRows(group: ReportGroup): (a: KeyedRow, b: KeyedRow) => number {
  const order = VOCABULARY_ORDER[group];
  const rank = (key: string) => {
    const i = order ? order.indexOf(key) : -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return (a, b) => {
    if (a.key === b.key) return 0;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    if (group === 'partner') {
      // Partner ids say nothing to a reader: partners sort by name, the id only breaks ties.
      const byName = a.label.localeCompare(b.label, 'id');
      if (byName !== 0) return byName;
    }
    return rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1);
  };
}

/** `laporan-partisipasi-kecamatan-2026-01-01-2026-12-31.csv` */
export function reportFilename(group: ReportGroup, range: ReportRange, format: Exclude<ReportFormat, 'json'>): string {
  return `laporan-partisipasi-${group.replace(/_/g, '-')}-${range.from}-${range.to}.${format}`;
}

export const REPORT_COLUMN_HEADERS = [
  'Kode',
  'Uraian',
  'Kegiatan',
  'Pendaftaran',
  'Hadir',
  'Peserta unik',
  'Hadir unik',
] as const;

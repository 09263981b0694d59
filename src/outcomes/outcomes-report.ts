import {
  COUNTED_EVENT_STATUSES,
  COUNTED_REGISTRATION_STATUSES,
  type Dialect,
  groupSql,
  type ReportGroup,
  type ReportRange,
} from '../reports/report-groups.js';

/**
 * The outcomes report's SQL: the participation report's groupings (report-groups.ts: the same keys, joins
 * and labels) over the active registrations of counted events in the range that have a test or a rating.
 * One grouped query returns, per group, counts, AVG of the scores and ratings, and the SUM and SUM of
 * squares of the gain, from which the interval of the mean gain is computed (outcome-math.ts): only the
 * grouped rows reach the process.
 */

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Per registration: its group key, the two scores (NULL when not taken), the gain (NULL unless both were
 * taken) and the rating. Attempts and evaluations join on their primary keys, whose rows hold the score and
 * the rating: one lookup each per registration.
 */
function rowSource(keyJoins: string, key: string, participantSide: boolean): string {
  return [
    'SELECT',
    `${key} AS group_key, pre.score AS pre_score, post.score AS post_score, ` +
      `post.score - pre.score AS gain, ev.rating AS rating`,
    'FROM events e',
    keyJoins,
    `JOIN registrations r ON r.event_id = e.id AND r.status IN (${quoted(COUNTED_REGISTRATION_STATUSES)})`,
    // Only the participant-side keys (kecamatan, gender, age group, occupation) read the participant.
    participantSide ? 'JOIN participants p ON p.id = r.participant_id' : '',
    "LEFT JOIN quiz_attempts pre ON pre.registration_id = r.id AND pre.phase = 'pre'",
    "LEFT JOIN quiz_attempts post ON post.registration_id = r.id AND post.phase = 'post'",
    'LEFT JOIN evaluations ev ON ev.registration_id = r.id',
    `WHERE e.status IN (${quoted(COUNTED_EVENT_STATUSES)}) AND e.starts_at >= ? AND e.starts_at < ?`,
    'AND (pre.registration_id IS NOT NULL OR post.registration_id IS NOT NULL OR ev.registration_id IS NOT NULL)',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Means of pre and post are over the registrations with both tests (so meanPost − meanPre = meanGain); the
 * pre and post counts say how many took each at all.
 */
const MEASURES = [
  'COUNT(x.gain) AS bothTests',
  'COUNT(x.pre_score) AS preTests',
  'COUNT(x.post_score) AS postTests',
  'AVG(CASE WHEN x.gain IS NULL THEN NULL ELSE x.pre_score END) AS meanPre',
  'AVG(CASE WHEN x.gain IS NULL THEN NULL ELSE x.post_score END) AS meanPost',
  'SUM(x.gain) AS sumGain',
  'SUM(x.gain * x.gain) AS sumGainSq',
  'AVG(x.rating) AS meanRating',
  'COUNT(x.rating) AS ratings',
].join(', ');

export const MEASURE_NAMES = [
  'bothTests',
  'preTests',
  'postTests',
  'meanPre',
  'meanPost',
  'sumGain',
  'sumGainSq',
  'meanRating',
  'ratings',
] as const;

/** Grouped rows (groupKey, groupLabel, the measures): parameters [start, end] from rangeBounds. */
export function outcomeRowsSql(group: ReportGroup, d: Dialect): string {
  const g = groupSql(group, d);
  const grouped =
    `SELECT x.group_key AS groupKey, ${MEASURES} ` +
    `FROM (${rowSource(g.keyJoins, g.key, g.side === 'participant')}) x GROUP BY x.group_key`;
  return [
    `SELECT g.groupKey, ${g.labelJoin ? 'l.name' : 'NULL'} AS groupLabel, ` +
      `${MEASURE_NAMES.map((m) => `g.${m}`).join(', ')}`,
    `FROM (${grouped}) g`,
    g.labelJoin ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The same measures over the whole range, each registration once (an event with two partners too). */
export function outcomeTotalsSql(): string {
  return `SELECT ${MEASURES} FROM (${rowSource('', 'NULL', false)}) x`;
}

/** `laporan-hasil-belajar-pillar-2026-01-01-2026-12-31.xlsx` */
export function outcomesFilename(group: ReportGroup, range: ReportRange, format: 'csv' | 'xlsx'): string {
  return `laporan-hasil-belajar-${group.replace(/_/g, '-')}-${range.from}-${range.to}.${format}`;
}

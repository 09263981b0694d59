import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  Channel,
  EventFacts,
  NotificationKind,
  NotificationPayload,
  OutboundChannel,
  SubjectType,
} from './notification-kinds.js';
import { runStatement } from '../database/statement.js';

/**
 * The write side of the outbox. Every trigger calls these with the `em` of the transaction that makes
 * the change, so the rows commit or roll back with it. Each recipient gets one row per active channel,
 * all in ONE statement (multi-row INSERT, or INSERT … SELECT for audiences), and the unique dedupe key
 * (kind, subject, recipient, channel) makes a repeated trigger insert nothing: a duplicate is ignored by
 * the database (MySQL ON DUPLICATE KEY, SQLite ON CONFLICT DO NOTHING) instead of failing the change.
 */

/**
 * Outbound channels with configuration, set once at start by NotificationsModule (from SMTP_URL and
 * WHATSAPP_*). Module state rather than an injected service so the plain seat functions (seats.ts) can
 * write rows without a new parameter; every app instance of one process reads the same environment.
 */
let outbound: OutboundChannel[] = [];
export function setOutboundChannels(channels: OutboundChannel[]): void {
  outbound = [...channels];
}
export function activeChannels(): Channel[] {
  return ['in_app', ...outbound];
}

export interface Recipient {
  /** Participant-facing messages name the participant (their account, if any, reads them in-app). */
  participantId?: string | null;
  /** Staff- and partner-facing messages name the user account. */
  userId?: string | null;
}

export interface OutboxMessage {
  kind: NotificationKind;
  subjectType: SubjectType;
  subjectId: string;
  payload: NotificationPayload;
}

const COLUMNS =
  'id, kind, subject_type, subject_id, recipient_user_id, recipient_participant_id, ' +
  'channel, payload, status, attempts, next_attempt_at, dedupe_key, created_at, sent_at';
/** Rows per INSERT: 14 placeholders each stays far below SQLite's and MySQL's parameter limits. */
const CHUNK = 500;

const isSqlite = (em: EntityManager) => em.connection.options.type === 'better-sqlite3';

/**
 * An instant as the driver stores it: mysql2 converts Dates (timezone 'Z'); better-sqlite3 takes TypeORM's UTC text.
 */
export function sqlInstant(em: EntityManager, d: Date): Date | string {
  return isSqlite(em) ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
}

const recipientKey = (r: Recipient) => (r.participantId ? `p:${r.participantId}` : `u:${r.userId}`);

export function dedupeKey(
  m: Pick<OutboxMessage, 'kind' | 'subjectType' | 'subjectId'>,
  recipient: string,
  channel: Channel,
): string {
  return `${m.kind}|${m.subjectType}:${m.subjectId}|${recipient}|${channel}`;
}

function ignoreDuplicates(em: EntityManager): string {
  return isSqlite(em)
    ? ' ON CONFLICT(dedupe_key) DO NOTHING'
    : ' ON DUPLICATE KEY UPDATE notifications.id = notifications.id';
}

/** Writes the message for each recipient on every active channel; one statement per 500 rows. */
export async function enqueue(em: EntityManager, message: OutboxMessage, recipients: Recipient[]): Promise<void> {
  const people = recipients.filter((r) => r.participantId || r.userId);
  if (people.length === 0) return;
  const now = sqlInstant(em, new Date());
  const payload = JSON.stringify(message.payload);
  const rows: unknown[][] = [];
  for (const r of people) {
    for (const channel of activeChannels()) {
      const inApp = channel === 'in_app';
      rows.push([
        randomUUID(),
        message.kind,
        message.subjectType,
        message.subjectId,
        r.participantId ? null : r.userId,
        r.participantId ?? null,
        channel,
        payload,
        inApp ? 'sent' : 'pending',
        0,
        inApp ? null : now,
        dedupeKey(message, recipientKey(r), channel),
        now,
        inApp ? now : null,
      ]);
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    await em.query(`INSERT INTO notifications (${COLUMNS}) VALUES ${values}${ignoreDuplicates(em)}`, chunk.flat());
  }
}

/** A random version-4 UUID computed by the database, for rows made by INSERT … SELECT. */
function uuidSql(em: EntityManager): string {
  if (!isSqlite(em)) return 'UUID()';
  return (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
  );
}

function concatSql(em: EntityManager, parts: string[]): string {
  return isSqlite(em) ? `(${parts.join(' || ')})` : `CONCAT(${parts.join(', ')})`;
}

/**
 * Writes the message to every participant a query selects, on every active channel, with one
 * INSERT … SELECT: no round trip per recipient however large the audience. `participantsSql` selects
 * one column, `participant_id`, with `?` parameters `params`. Rows already there (same dedupe key) are
 * skipped without a write.
 */
export async function enqueueForParticipants(
  em: EntityManager,
  message: OutboxMessage,
  participantsSql: string,
  params: unknown[],
  options: { skipExisting?: boolean } = {},
): Promise<void> {
  const now = sqlInstant(em, new Date());
  const channels = activeChannels();
  const channelTable = channels
    .map((c, i) => (i === 0 ? `SELECT '${c}' AS channel` : `SELECT '${c}'`))
    .join(' UNION ALL ');
  const key = concatSql(em, ['?', 'a.participant_id', "'|'", 'c.channel']);
  const prefix = `${message.kind}|${message.subjectType}:${message.subjectId}|p:`;
  // The NOT EXISTS probe makes repeated runs (the reminder scheduler, every minute) read-only; the
  // conflict clause still settles a race between two processes inserting the same row.
  const existing = options.skipExisting
    ? ` AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = ${key})`
    : '';
  const sql =
    `INSERT INTO notifications (${COLUMNS}) ` +
    `SELECT ${uuidSql(em)}, ?, ?, ?, NULL, a.participant_id, c.channel, ?, ` +
    `CASE WHEN c.channel = 'in_app' THEN 'sent' ELSE 'pending' END, 0, ` +
    `CASE WHEN c.channel = 'in_app' THEN NULL ELSE ? END, ${key}, ` +
    `?, CASE WHEN c.channel = 'in_app' THEN ? ELSE NULL END ` +
    `FROM (${participantsSql}) a CROSS JOIN (${channelTable}) c WHERE 1 = 1${existing}${ignoreDuplicates(em)}`;
  const keyParams = options.skipExisting ? [prefix] : [];
  await runStatement(em, sql, [
    message.kind,
    message.subjectType,
    message.subjectId,
    JSON.stringify(message.payload),
    now,
    prefix,
    now,
    now,
    ...params,
    ...keyParams,
  ]);
}

export function factsOf(e: {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
}): EventFacts {
  return {
    eventId: e.id,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    venue: e.venue,
  };
}

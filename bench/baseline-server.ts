import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import { effectiveStatus, eventBody, listPaging } from './event-body.js';
import { rawPool } from './raw-pool.js';

/**
 * The raw floor the platform is compared with: `node:http` and a `mysql2` pool, no framework, no ORM.
 * It serves the two measured routes with the SQL the platform issues for them and the same transaction,
 * and the same answer bodies:
 *
 * - GET /api/v1/events?page=&limit=: the page of published and completed events by start, the count,
 *   and the partners of the page's events (three queries, as the platform's list does).
 * - POST /api/v1/events/:id/registrations {participantId} by staff: the access token is verified and its
 *   user re-read (as the platform's JWT strategy does on every request); then in one READ COMMITTED
 *   transaction: the participant is checked, an active registration looked for, the event row locked
 *   FOR UPDATE, the rules checked (status, window, already registered, seats), the registration inserted,
 *   its audit row inserted (every change by staff is audited), the counters updated, COMMIT.
 *
 * What it leaves out is what a hand-written server would not do: per-transaction session settings
 * (set once per connection instead), reading rows back after writing them, framework layers.
 */

const PORT = Number(process.env.BASELINE_PORT ?? 3901);
const SECRET = process.env.JWT_SECRET ?? '';
const POOL_SIZE = Number(process.env.BASELINE_POOL_SIZE ?? 20);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const STAFF_ROLES = new Set(['staff', 'admin']);
const EVENT_COLUMNS =
  'id, title, description, pillar, format, venue, kecamatan_code, ' +
  'online_url, starts_at, ends_at, capacity, waitlist_enabled, ' +
  'registration_opens_at, registration_closes_at, target_groups, status, ' +
  'cancel_reason, confirmed_count, waitlisted_count, created_at, updated_at';

const pool = rawPool(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bm_bench', POOL_SIZE);

class HttpError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const b64url = (b: Buffer) => b.toString('base64url');

/** HS256 access token → user id (signature and expiry checked). */
function verifyToken(header: string | undefined): string {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new HttpError(401, 'Missing, invalid or expired access token');
  const expected = Buffer.from(b64url(createHmac('sha256', SECRET).update(`${h}.${p}`).digest()));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new HttpError(401, 'Invalid token');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { sub?: string; exp?: number };
  if (JSON.parse(Buffer.from(h, 'base64url').toString('utf8')).alg !== 'HS256')
    throw new HttpError(401, 'Invalid token');
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now() || typeof payload.sub !== 'string') {
    throw new HttpError(401, 'Expired token');
  }
  return payload.sub;
}

async function actorOf(req: IncomingMessage): Promise<{ id: string; role: string }> {
  const id = verifyToken(req.headers.authorization);
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT id, email, role, partner_id FROM users WHERE id = ? AND is_active = 1 LIMIT 1',
    [id],
  );
  if (rows.length === 0) throw new HttpError(401, 'Account is not active');
  return { id: rows[0].id as string, role: rows[0].role as string };
}

async function listEvents(url: URL, res: ServerResponse): Promise<void> {
  const paging = listPaging(url);
  if ('invalid' in paging) throw new HttpError(400, paging.invalid);
  const { page, limit } = paging;
  const where = "status IN ('published', 'completed')";
  // One after the other, as the platform's list issues them.
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY starts_at ASC, id ASC LIMIT ? OFFSET ?`,
    [limit, (page - 1) * limit],
  );
  const [count] = await pool.query<RowDataPacket[]>(`SELECT COUNT(1) AS cnt FROM events WHERE ${where}`);
  const byEvent = new Map<string, { id: string; name: string }[]>();
  if (rows.length > 0) {
    const [links] = await pool.query<RowDataPacket[]>(
      'SELECT ep.event_id AS eventId, p.id AS id, p.name AS name ' +
        'FROM event_partners ep INNER JOIN partners p ON p.id = ep.partner_id ' +
        'WHERE ep.event_id IN (?) ORDER BY p.name ASC',
      [rows.map((r) => r.id)],
    );
    for (const l of links) byEvent.set(l.eventId, [...(byEvent.get(l.eventId) ?? []), { id: l.id, name: l.name }]);
  }
  send(res, 200, {
    data: rows.map((e) => eventBody(e, byEvent.get(e.id) ?? [])),
    meta: { page, limit, total: Number(count[0].cnt) },
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function ticketCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

const isDuplicate = (err: unknown) => (err as { code?: string }).code === 'ER_DUP_ENTRY';

async function register(eventId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(req);
  if (!STAFF_ROLES.has(actor.role)) throw new HttpError(403, 'Only for staff, admin');
  let body: { participantId?: unknown };
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON');
  }
  const participantId = body.participantId;
  if (typeof participantId !== 'string' || !UUID.test(participantId) || Object.keys(body).length !== 1) {
    throw new HttpError(400, 'participantId must be a UUID');
  }
  const requestId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const conn = await pool.getConnection();
    try {
      const created = await registerIn(conn, eventId, participantId, actor, requestId);
      res.setHeader('X-Request-Id', requestId);
      send(res, 201, created);
      return;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      // A ticket-code collision is retried with a new code; a duplicate registration is a conflict.
      if (!isDuplicate(err) || attempt >= 5 || !(err as Error).message.includes('ticket')) {
        if (isDuplicate(err))
          throw new HttpError(409, 'This participant already has an active registration for this event');
        throw err;
      }
    } finally {
      conn.release();
    }
  }
}

async function registerIn(
  conn: PoolConnection,
  eventId: string,
  participantId: string,
  actor: { id: string; role: string },
  requestId: string,
) {
  await conn.query('START TRANSACTION');
  const [participants] = await conn.query<RowDataPacket[]>(
    'SELECT id, erased_at FROM participants WHERE id = ? LIMIT 1',
    [participantId],
  );
  if (participants.length === 0 || participants[0].erased_at) throw new HttpError(400, 'Unknown participant');
  // Before the lock, as the platform reads it (the unique index refuses a duplicate that races past).
  const [active] = await conn.query<RowDataPacket[]>(
    'SELECT 1 FROM registrations WHERE event_id = ? AND active_key = ? LIMIT 1',
    [eventId, participantId],
  );
  const [events] = await conn.query<RowDataPacket[]>(
    'SELECT id, status, starts_at, ends_at, capacity, waitlist_enabled, ' +
      'registration_opens_at, registration_closes_at, confirmed_count, waitlisted_count ' +
      'FROM events WHERE id = ? FOR UPDATE',
    [eventId],
  );
  const e = events[0];
  if (!e) throw new HttpError(404, 'Event not found');
  const status = effectiveStatus(e.status, e.ends_at);
  if (status === 'draft') throw new HttpError(404, 'Event not found');
  if (status !== 'published') throw new HttpError(409, `Registration is not possible: the event is ${status}`);
  const now = new Date();
  if (e.registration_opens_at && now < e.registration_opens_at)
    throw new HttpError(409, 'Registration has not opened yet');
  if (now >= (e.registration_closes_at ?? e.starts_at)) throw new HttpError(409, 'Registration has closed');
  if (active.length > 0) throw new HttpError(409, 'This participant already has an active registration for this event');
  const confirmed = e.confirmed_count < e.capacity;
  if (!confirmed && !e.waitlist_enabled) throw new HttpError(409, 'The event is full');

  const r = {
    id: randomUUID(),
    eventId,
    participantId,
    status: confirmed ? 'confirmed' : 'waitlisted',
    waitlistPosition: confirmed ? null : e.waitlisted_count + 1,
    ticketCode: ticketCode(),
    source: 'staff',
    createdAt: now,
    cancelledAt: null,
    certificateNumber: null,
  };
  await conn.query(
    'INSERT INTO registrations (id, event_id, participant_id, active_key, status, ' +
      'waitlist_position, ticket_code, source, cancelled_at, created_at, updated_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)',
    [r.id, eventId, participantId, participantId, r.status, r.waitlistPosition, r.ticketCode, r.source, now, now],
  );
  const after = JSON.stringify({
    id: r.id,
    eventId,
    participantId,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    ticketCode: r.ticketCode,
    source: r.source,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await conn.query(
    'INSERT INTO audit_logs (id, actor_id, actor_role, action, entity_type, entity_id, ' +
      '`before`, `after`, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
    [randomUUID(), actor.id, actor.role, 'create', 'registration', r.id, after, requestId, now],
  );
  await conn.query(
    'UPDATE events SET confirmed_count = confirmed_count + ?, ' +
      'waitlisted_count = waitlisted_count + ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?',
    [confirmed ? 1 : 0, confirmed ? 0 : 1, eventId],
  );
  await conn.query('COMMIT');
  return r;
}

const REGISTRATIONS_PATH = /^\/api\/v1\/events\/([^/]+)\/registrations$/;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handle = async () => {
    if (req.method === 'GET' && url.pathname === '/api/v1/events') return listEvents(url, res);
    const m = req.method === 'POST' ? REGISTRATIONS_PATH.exec(url.pathname) : null;
    if (m) {
      if (!UUID.test(m[1])) throw new HttpError(400, 'id must be a UUID');
      return register(m[1], req, res);
    }
    if (url.pathname === '/api/v1/health') return send(res, 200, { status: 'ok', db: 'up' });
    throw new HttpError(404, `No route ${req.method} ${url.pathname}`);
  };
  handle().catch((err: unknown) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500) process.stderr.write(`baseline: ${(err as Error).stack}\n`);
    send(
      res,
      status,
      { type: 'about:blank', title: String(status), status, detail: (err as Error).message },
      'application/problem+json',
    );
  });
});

server.keepAliveTimeout = 65_000;
server.listen(PORT, () => process.stdout.write(`baseline listening on ${PORT}\n`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});

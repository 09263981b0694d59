import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import { availableSlots, localDayStart } from '../src/bookings/booking-slots.js';
import { checkInOpensAt } from '../src/attendance/check-in-rules.js';
import { codeForStatus } from '../src/common/problem-codes.js';
import { effectiveStatus, eventBody, listPaging } from './event-body.js';
import { rawPool } from './raw-pool.js';

/**
 * The minimal-SQL floor (issue 17): `node:http` and one `mysql2` pool answering the five measured requests
 * with the same bodies as the platform, but with the least SQL that still keeps every rule the platform keeps.
 * bench/baseline-server.ts sends the platform's own SQL and so measures the framework; this measures how much
 * of the platform's time is SQL the job does not need. Per route, what it sends and why:
 *
 * Every authenticated route: the HS256 token is verified in process, then
 *   1. SELECT id, role, partner_id FROM users WHERE id = ? AND is_active = 1
 *      The rule: a deactivated user or a changed role applies at once, so the user is re-read per request.
 *
 * GET /api/v1/events?page=&limit= (public): two statements, run at once on two pool connections:
 *   1. the page of published/completed events by (starts_at, id), LEFT JOINed to its partners (event_partners,
 *      partners) in the same statement: a page and its partners in one round trip instead of two (a deferred
 *      join: the page's ids first, from the index).
 *   2. SELECT COUNT(*) of the same filter: the body's meta.total (offset paging needs it).
 *
 * GET /api/v1/events/:id (public): one statement, the event LEFT JOIN its partners (drafts answer 404).
 *
 * POST /api/v1/events/:id/registrations {participantId} (staff): user re-read, then one READ COMMITTED
 * transaction (session settings once per connection, as the platform does):
 *   BEGIN
 *   2. SELECT the event's seat columns FOR UPDATE, with two subqueries in the same statement: the participant
 *      (exists and not erased) and an active registration of the pair (already registered). The event row
 *      lock serialises the event's seat writers (counters, waitlist position); the subqueries are plain
 *      reads, and the unique (event_id, active_key) index still refuses a duplicate that races past.
 *   3. INSERT the registration (status, waitlist position from the locked counters, ticket code).
 *   4. UPDATE the event's counters (confirmed_count or waitlisted_count + 1).
 *   5. INSERT the audit row (every change by staff is audited, with the registration as it was written).
 *   6. INSERT the notification outbox row (registration_confirmed or _waitlisted; in_app only, as the
 *      bench's platform has no SMTP or WhatsApp configured), in the change's transaction like the platform's.
 *   COMMIT
 *   Only when the event row is missing is the participant read alone, to answer 400 before 404 as the platform.
 *
 * POST /api/v1/events/:id/check-ins {ticketCode} (staff): user re-read, then one transaction:
 *   BEGIN
 *   2. SELECT the registration by ticket code FOR UPDATE (orders the check-in against a concurrent cancel,
 *      which takes the same lock), LEFT JOIN its check-in (a repeat scan answers 200 with the first one).
 *   3. SELECT the event (status, start and end: the door opens on the event's local day; title and venue
 *      for the certificate message). Not locked: check-ins do not touch seats.
 *   and only for a first scan (the scan time is now: the door-open check above covers scanTimeProblem):
 *   4. INSERT the check-in (the primary key refuses a racing duplicate).
 *   5. INSERT its audit row.
 *   6. INSERT the certificate_available outbox row.
 *   COMMIT
 *
 * GET /api/v1/studios/:id/availability?date=&duration= (partner, staff, admin): user re-read, then
 *   2. SELECT the studio's booking rules.
 *   3. SELECT the closures UNION ALL the active bookings overlapping the day (with the same margins as the
 *      platform), one round trip; the free slots are computed by the platform's own pure function.
 *
 * Left out, as a hand-written server would: per-transaction session settings, reading rows back after
 * writing them, the separate ticket look-up before the transaction, framework layers.
 */

const PORT = Number(process.env.FLOOR_PORT ?? 3902);
const SECRET = process.env.JWT_SECRET ?? '';
const POOL_SIZE = Number(process.env.FLOOR_POOL_SIZE ?? 20);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const TICKET = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;
const STAFF_ROLES = new Set(['staff', 'admin']);
const DAY_MS = 86_400_000;
const ALREADY = 'This participant already has an active registration for this event';
const EVENT_COLUMNS =
  'e.id, e.title, e.description, e.pillar, e.format, e.venue, e.kecamatan_code, ' +
  'e.starts_at, e.ends_at, e.capacity, e.waitlist_enabled, ' +
  'e.registration_opens_at, e.registration_closes_at, e.target_groups, e.status, ' +
  'e.cancel_reason, e.confirmed_count, e.waitlisted_count, e.created_at, e.updated_at';
const PUBLIC = "e.status IN ('published', 'completed')";

const pool = rawPool(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/h_floor_bench', POOL_SIZE);

class HttpError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly code: string = codeForStatus(status),
  ) {
    super(detail);
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// ---- authentication ---------------------------------------------------------------------------------

/** HS256 access token → user id (algorithm, signature and expiry checked). */
function verifyToken(header: string | undefined): string {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) throw new HttpError(401, 'Missing, invalid or expired access token');
  const expected = Buffer.from(createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url'));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new HttpError(401, 'Invalid token');
  if (JSON.parse(Buffer.from(h, 'base64url').toString('utf8')).alg !== 'HS256')
    throw new HttpError(401, 'Invalid token');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now() || typeof payload.sub !== 'string')
    throw new HttpError(401, 'Expired token');
  return payload.sub;
}

interface Actor {
  id: string;
  role: string;
  partnerId: string | null;
}

async function actorOf(req: IncomingMessage, roles: Set<string>): Promise<Actor> {
  const id = verifyToken(req.headers.authorization);
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT id, role, partner_id FROM users WHERE id = ? AND is_active = 1',
    [id],
  );
  if (rows.length === 0) throw new HttpError(401, 'Account is not active', 'account_inactive');
  const actor = { id: rows[0].id as string, role: rows[0].role as string, partnerId: rows[0].partner_id };
  if (!roles.has(actor.role)) throw new HttpError(403, 'Forbidden');
  return actor;
}

// ---- events -----------------------------------------------------------------------------------------

/** Partner names in the order of the database's utf8mb4_unicode_ci (case- and accent-blind), near enough. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });

/** Rows of events joined to their partners (p_id, p_name; null without partners) → event bodies in row order. */
function eventsOf(rows: RowDataPacket[]) {
  const events = new Map<string, { row: RowDataPacket; partners: { id: string; name: string }[] }>();
  for (const r of rows) {
    let e = events.get(r.id);
    if (!e) events.set(r.id, (e = { row: r, partners: [] }));
    if (r.p_id) e.partners.push({ id: r.p_id, name: r.p_name });
  }
  return [...events.values()].map((e) =>
    eventBody(
      e.row,
      e.partners.sort((a, b) => byName.compare(a.name, b.name)),
    ),
  );
}

async function listEvents(url: URL, res: ServerResponse): Promise<void> {
  const paging = listPaging(url);
  if ('invalid' in paging) throw new HttpError(400, paging.invalid);
  const { page, limit } = paging;
  const [[rows], [count]] = await Promise.all([
    // A deferred join: the page's ids are found and sorted on the (status, starts_at) index alone, then their
    // rows and partners joined. Ordering by p.name too would put the joined rows, description (TEXT) included,
    // into an on-disk temporary table; the few partners of an event are sorted here instead.
    pool.query<RowDataPacket[]>(
      `SELECT ${EVENT_COLUMNS}, p.id AS p_id, p.name AS p_name FROM (SELECT e.id, e.starts_at FROM events e ` +
        `WHERE ${PUBLIC} ORDER BY e.starts_at, e.id LIMIT ? OFFSET ?) d JOIN events e ON e.id = d.id ` +
        'LEFT JOIN event_partners ep ON ep.event_id = d.id LEFT JOIN partners p ON p.id = ep.partner_id ' +
        'ORDER BY d.starts_at, d.id',
      [limit, (page - 1) * limit],
    ),
    pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM events e WHERE ${PUBLIC}`),
  ]);
  send(res, 200, { data: eventsOf(rows), meta: { page, limit, total: Number(count[0].n) } });
}

async function eventDetail(id: string, res: ServerResponse): Promise<void> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT ${EVENT_COLUMNS}, p.id AS p_id, p.name AS p_name FROM events e ` +
      'LEFT JOIN event_partners ep ON ep.event_id = e.id LEFT JOIN partners p ON p.id = ep.partner_id ' +
      'WHERE e.id = ? ORDER BY p.name',
    [id],
  );
  if (rows.length === 0 || rows[0].status === 'draft') throw new HttpError(404, 'Event not found', 'not_found');
  send(res, 200, eventsOf(rows)[0]);
}

// ---- writes -----------------------------------------------------------------------------------------

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      try {
        const body = JSON.parse(text || '{}');
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
        resolve(body as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'The request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function ticketCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

const isDuplicate = (err: unknown) => (err as { code?: string }).code === 'ER_DUP_ENTRY';

/** One transaction on a pooled connection; rolled back on any error. */
async function inTransaction<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    const result = await work(conn);
    await conn.query('COMMIT');
    return result;
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

const AUDIT_SQL =
  'INSERT INTO audit_logs (id, actor_id, actor_role, action, entity_type, entity_id, ' +
  "`before`, `after`, request_id, created_at) VALUES (?, ?, ?, 'create', ?, ?, NULL, ?, ?, ?)";
const OUTBOX_SQL =
  'INSERT INTO notifications (id, kind, subject_type, subject_id, recipient_user_id, recipient_participant_id, ' +
  'channel, payload, status, attempts, next_attempt_at, dedupe_key, created_at, sent_at) ' +
  "VALUES (?, ?, 'registration', ?, NULL, ?, 'in_app', ?, 'sent', 0, NULL, ?, ?, ?)";

function facts(e: RowDataPacket) {
  return {
    eventId: e.id,
    title: e.title,
    startsAt: (e.starts_at as Date).toISOString(),
    endsAt: (e.ends_at as Date).toISOString(),
    venue: e.venue,
  };
}

async function outbox(
  conn: PoolConnection,
  kind: string,
  registrationId: string,
  participantId: string,
  payload: unknown,
  now: Date,
) {
  await conn.query(OUTBOX_SQL, [
    randomUUID(),
    kind,
    registrationId,
    participantId,
    JSON.stringify(payload),
    `${kind}|registration:${registrationId}|p:${participantId}|in_app`,
    now,
    now,
  ]);
}

async function register(eventId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(req, STAFF_ROLES);
  const body = await readJson(req);
  const participantId = body.participantId;
  if (typeof participantId !== 'string' || !UUID.test(participantId) || Object.keys(body).length !== 1)
    throw new HttpError(400, 'participantId must be a UUID');
  const requestId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await inTransaction((conn) => registerIn(conn, eventId, participantId, actor, requestId));
      res.setHeader('X-Request-Id', requestId);
      return send(res, 201, created);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // A ticket-code collision gets a new code; a duplicate registration that raced past the check is a 409.
      if (!(err as Error).message.includes('ticket') || attempt >= 5)
        throw new HttpError(409, ALREADY, 'already_registered');
    }
  }
}

async function registerIn(conn: PoolConnection, eventId: string, participantId: string, actor: Actor, rid: string) {
  const [events] = await conn.query<RowDataPacket[]>(
    'SELECT e.id, e.title, e.venue, e.status, e.starts_at, e.ends_at, e.capacity, e.waitlist_enabled, ' +
      'e.registration_opens_at, e.registration_closes_at, e.confirmed_count, e.waitlisted_count, ' +
      '(SELECT p.erased_at IS NULL FROM participants p WHERE p.id = ?) AS participant_ok, ' +
      'EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.active_key = ?) AS already ' +
      'FROM events e WHERE e.id = ? FOR UPDATE',
    [participantId, participantId, eventId],
  );
  const e = events[0];
  if (!e) {
    const [p] = await conn.query<RowDataPacket[]>('SELECT erased_at FROM participants WHERE id = ?', [participantId]);
    if (p.length === 0 || p[0].erased_at) throw new HttpError(400, 'Unknown participant', 'unknown_participant');
    throw new HttpError(404, 'Event not found', 'not_found');
  }
  if (Number(e.participant_ok) !== 1) throw new HttpError(400, 'Unknown participant', 'unknown_participant');
  const status = effectiveStatus(e.status, e.ends_at);
  if (status === 'draft') throw new HttpError(404, 'Event not found', 'not_found');
  if (status !== 'published')
    throw new HttpError(409, `Registration is not possible: the event is ${status}`, 'event_not_open');
  const now = new Date();
  if (e.registration_opens_at && now < e.registration_opens_at)
    throw new HttpError(409, 'Registration has not opened yet', 'registration_not_open');
  if (now >= (e.registration_closes_at ?? e.starts_at))
    throw new HttpError(409, 'Registration has closed', 'registration_closed');
  if (Number(e.already) === 1) throw new HttpError(409, ALREADY, 'already_registered');
  const confirmed = e.confirmed_count < e.capacity;
  if (!confirmed && !e.waitlist_enabled) throw new HttpError(409, 'The event is full', 'event_full');

  const r = {
    id: randomUUID(),
    eventId,
    participantId,
    status: confirmed ? 'confirmed' : 'waitlisted',
    waitlistPosition: confirmed ? null : e.waitlisted_count + 1,
    ticketCode: ticketCode(),
    source: actor.role === 'participant' ? 'self' : 'staff',
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
  await conn.query(
    'UPDATE events SET confirmed_count = confirmed_count + ?, ' +
      'waitlisted_count = waitlisted_count + ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?',
    [confirmed ? 1 : 0, confirmed ? 0 : 1, eventId],
  );
  const after = { ...r, cancelledAt: null, updatedAt: now };
  await conn.query(AUDIT_SQL, [
    randomUUID(),
    actor.id,
    actor.role,
    'registration',
    r.id,
    JSON.stringify(after),
    rid,
    now,
  ]);
  await outbox(
    conn,
    confirmed ? 'registration_confirmed' : 'registration_waitlisted',
    r.id,
    participantId,
    { event: facts(e), registrationId: r.id, waitlistPosition: r.waitlistPosition },
    now,
  );
  return r;
}

function checkInBody(c: RowDataPacket, registrationId: string, participantId: string, already: boolean) {
  return {
    registrationId,
    participantId,
    checkedInAt: c.checked_in_at,
    checkedInBy: c.checked_in_by,
    alreadyCheckedIn: already,
    walkIn: false,
    source: c.source,
  };
}

async function checkIn(eventId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(req, STAFF_ROLES);
  const body = await readJson(req);
  if (Object.keys(body).length !== 1 || typeof body.ticketCode !== 'string')
    throw new HttpError(400, 'Send exactly one of ticketCode, registrationId or participantId');
  const code = body.ticketCode.replace(/[\s-]+/g, '').toUpperCase();
  if (!TICKET.test(code)) throw new HttpError(404, 'Ticket not found', 'not_found');
  const requestId = randomUUID();
  const outcome = await inTransaction(async (conn) => {
    const [regs] = await conn.query<RowDataPacket[]>(
      'SELECT r.id, r.event_id, r.participant_id, r.status, c.checked_in_at, c.checked_in_by, c.source ' +
        'FROM registrations r LEFT JOIN check_ins c ON c.registration_id = r.id WHERE r.ticket_code = ? FOR UPDATE',
      [code],
    );
    const r = regs[0];
    if (!r) throw new HttpError(404, 'Ticket not found', 'not_found');
    const [events] = await conn.query<RowDataPacket[]>(
      'SELECT id, status, starts_at, ends_at, title, venue FROM events WHERE id = ?',
      [eventId],
    );
    const e = events[0];
    if (!e) throw new HttpError(404, 'Event not found', 'not_found');
    if (r.event_id !== eventId) throw new HttpError(409, 'This ticket belongs to another event', 'ticket_other_event');
    const status = effectiveStatus(e.status, e.ends_at);
    const now = new Date();
    if (status === 'draft') throw new HttpError(409, 'The event is a draft: it takes no check-ins', 'event_not_open');
    if (status === 'cancelled')
      throw new HttpError(409, 'The event is cancelled: it takes no check-ins', 'event_cancelled');
    const opens = checkInOpensAt(e.starts_at).getTime();
    if (now.getTime() < opens)
      throw new HttpError(409, 'Check-in opens on the day of the event (Asia/Jakarta)', 'check_in_not_open');
    if (r.checked_in_at) return { status: 200, body: checkInBody(r, r.id, r.participant_id, true) };
    if (r.status !== 'confirmed')
      throw new HttpError(409, `This registration is ${r.status}: it cannot be checked in`, `registration_${r.status}`);
    const row = { checked_in_at: now, checked_in_by: actor.id, source: 'staff' };
    await conn.query(
      'INSERT INTO check_ins (registration_id, event_id, participant_id, checked_in_at, checked_in_by, source, ' +
        'created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [r.id, eventId, r.participant_id, now, actor.id, 'staff', now, now],
    );
    const after = {
      registrationId: r.id,
      eventId,
      participantId: r.participant_id,
      checkedInAt: now,
      checkedInBy: actor.id,
      source: 'staff',
      createdAt: now,
      updatedAt: now,
    };
    await conn.query(AUDIT_SQL, [
      randomUUID(),
      actor.id,
      actor.role,
      'check_in',
      r.id,
      JSON.stringify(after),
      requestId,
      now,
    ]);
    await outbox(conn, 'certificate_available', r.id, r.participant_id, { event: facts(e), registrationId: r.id }, now);
    return { status: 201, body: checkInBody(row as unknown as RowDataPacket, r.id, r.participant_id, false) };
  });
  send(res, outcome.status, outcome.body);
}

// ---- studio availability ----------------------------------------------------------------------------

async function availability(studioId: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await actorOf(req, new Set(['partner', 'staff', 'admin']));
  const date = url.searchParams.get('date') ?? '';
  const duration = Number(url.searchParams.get('duration'));
  if (!/^2[01]\d{2}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(duration) || duration < 1 || duration > 1440)
    throw new HttpError(400, 'The request has invalid fields');
  let dayStart: Date;
  try {
    dayStart = localDayStart(date);
  } catch {
    throw new HttpError(400, 'The request has invalid fields');
  }
  const [studios] = await pool.query<RowDataPacket[]>(
    'SELECT opening_hours, slot_minutes, buffer_minutes, min_notice_hours, max_duration_minutes, max_advance_days ' +
      'FROM studios WHERE id = ?',
    [studioId],
  );
  const s = studios[0];
  if (!s) throw new HttpError(404, 'Studio not found', 'not_found');
  // The platform's window: the day ± one day, widened by a day and the buffer.
  const margin = DAY_MS + s.buffer_minutes * 60_000;
  const start = new Date(dayStart.getTime() - DAY_MS - margin);
  const end = new Date(dayStart.getTime() + 2 * DAY_MS + margin);
  const [taken] = await pool.query<RowDataPacket[]>(
    'SELECT 0 AS booking, starts_at, ends_at FROM studio_closures ' +
      'WHERE studio_id = ? AND starts_at < ? AND ends_at > ? ' +
      'UNION ALL SELECT 1, starts_at, ends_at FROM bookings ' +
      "WHERE studio_id = ? AND status IN ('pending', 'approved') AND starts_at < ? AND ends_at > ?",
    [studioId, end, start, studioId, end, start],
  );
  const slots = availableSlots(
    {
      openingHours: s.opening_hours ? JSON.parse(s.opening_hours) : [],
      slotMinutes: s.slot_minutes,
      bufferMinutes: s.buffer_minutes,
      minNoticeHours: s.min_notice_hours,
      maxDurationMinutes: s.max_duration_minutes,
      maxAdvanceDays: s.max_advance_days,
    },
    {
      now: new Date(),
      closures: taken.filter((t) => Number(t.booking) === 0).map((t) => ({ startsAt: t.starts_at, endsAt: t.ends_at })),
      bookings: taken
        .filter((t) => Number(t.booking) === 1)
        .map((t, i) => ({ id: String(i), startsAt: t.starts_at, endsAt: t.ends_at })),
    },
    date,
    duration,
  );
  send(res, 200, {
    studioId,
    date,
    slots: slots.map((x) => ({ startsAt: x.startsAt.toISOString(), endsAt: x.endsAt.toISOString() })),
  });
}

// ---- routing ----------------------------------------------------------------------------------------

const EVENT_PATH = /^\/api\/v1\/events\/([^/]+)(?:\/(registrations|check-ins))?$/;
const AVAILABILITY_PATH = /^\/api\/v1\/studios\/([^/]+)\/availability$/;

function uuidOf(value: string): string {
  if (!UUID.test(value)) throw new HttpError(400, 'id must be a UUID');
  return value;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handle = async () => {
    if (req.method === 'GET' && url.pathname === '/api/v1/events') return listEvents(url, res);
    if (url.pathname === '/api/v1/health') return send(res, 200, { status: 'ok', db: 'up' });
    const e = EVENT_PATH.exec(url.pathname);
    if (e && req.method === 'GET' && !e[2]) return eventDetail(uuidOf(e[1]), res);
    if (e && req.method === 'POST' && e[2] === 'registrations') return register(uuidOf(e[1]), req, res);
    if (e && req.method === 'POST' && e[2] === 'check-ins') return checkIn(uuidOf(e[1]), req, res);
    const a = req.method === 'GET' ? AVAILABILITY_PATH.exec(url.pathname) : null;
    if (a) return availability(uuidOf(a[1]), url, req, res);
    throw new HttpError(404, `No route ${req.method} ${url.pathname}`);
  };
  handle().catch((err: unknown) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500) process.stderr.write(`floor: ${(err as Error).stack}\n`);
    send(
      res,
      status,
      {
        type: `https://httpstatuses.io/${status}`,
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: (err as Error).message,
        code: err instanceof HttpError ? err.code : 'internal_error',
      },
      'application/problem+json',
    );
  });
});

server.keepAliveTimeout = 65_000;
server.listen(PORT, () => process.stdout.write(`floor listening on ${PORT}\n`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});

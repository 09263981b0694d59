import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { localDate } from './support/booking-factory.js';
import {
  authOf,
  bootMatrixSuite,
  type Caller,
  fillPath,
  Fixtures,
  type Operation,
  opKey,
  OTHER_COLUMNS,
  type Personas,
  ROLE_COLUMNS,
  type RoleColumn,
} from './support/security-fixtures.js';
import { type AppConfig, APP_CONFIG } from '../src/config/app-config.js';
import { unsubscribeToken } from '../src/notifications/unsubscribe-token.js';
import { API, expectProblem, type SignedIn, type TestApp, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';
import { eventBody, participantBody } from './support/training-factory.js';

/**
 * One table, route × caller → the exact status, for every operation of the OpenAPI document. Callers are
 * the five roles of the contract (anonymous, participant, partner, staff, admin) plus a second participant
 * and a second partner user, who own none of the rows the request names: the contract answers them 404
 * ("another partner's booking", another participant's registration), never a hint that the row exists.
 *
 * Refused cells must be problem+json with exactly that status; allowed cells must give exactly their 2xx.
 * A mutating cell that is allowed gets fresh rows (its own event, booking, …), so no cell depends on another.
 */

type Ctx = Record<string, any>;
interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Call as this user instead of the column's persona (same role), e.g. to erase a profile of one's own. */
  as?: SignedIn;
}
interface Row {
  op: string;
  /** A second row for one operation: the same route under another condition (a draft instead of a published event). */
  variant?: string;
  setup?: (fx: Fixtures, who: Caller) => Promise<Ctx>;
  request?: (ctx: Ctx, who: Caller, p: Personas) => Req;
  expect: Record<Caller, number>;
}

const others = (e: Record<RoleColumn, number>, o: Partial<Record<Caller, number>> = {}): Record<Caller, number> => ({
  ...e,
  otherParticipant: e.participant,
  otherPartner: e.partner,
  ...o,
});
/** Open to everyone, signed in or not. */
const open = (status: number) =>
  others({ anonymous: status, participant: status, partner: status, staff: status, admin: status });
/** Any signed-in user. */
const signedIn = (status: number) =>
  others({ anonymous: 401, participant: status, partner: status, staff: status, admin: status });
/** Only these roles; the others 403, anonymous 401. */
const only = (roles: RoleColumn[], status: number, o: Partial<Record<Caller, number>> = {}) =>
  others(
    Object.fromEntries(
      ROLE_COLUMNS.map((r) => [r, roles.includes(r) ? status : r === 'anonymous' ? 401 : 403]),
    ) as Record<RoleColumn, number>,
    o,
  );
const STAFF: RoleColumn[] = ['staff', 'admin'];

const TABLE: Row[] = [
  // Auth and users
  {
    op: 'POST /auth/register',
    request: () => ({ body: { email: uniqueEmail('daftar'), password: TEST_PASSWORD, fullName: 'Warga Baru' } }),
    expect: open(201),
  },
  {
    op: 'POST /auth/login',
    setup: async (fx) => ({ email: (await loginUser(fx)).email }),
    request: (c) => ({ body: { email: c.email, password: TEST_PASSWORD } }),
    expect: open(200),
  },
  {
    op: 'POST /auth/refresh',
    setup: async (fx) => ({ token: await freshRefreshToken(fx) }),
    request: (c) => ({ body: { refreshToken: c.token } }),
    expect: open(200),
  },
  {
    op: 'POST /auth/logout',
    request: () => ({ body: { refreshToken: 'token-yang-tidak-ada-sama-sekali' } }),
    expect: signedIn(204),
  },
  { op: 'GET /auth/me', expect: signedIn(200) },
  {
    op: 'POST /users',
    request: () => ({
      body: { email: uniqueEmail('staf'), password: TEST_PASSWORD, fullName: 'Staf Baru', role: 'staff' },
    }),
    expect: only(['admin'], 201),
  },
  { op: 'GET /users', expect: only(['admin'], 200) },
  { op: 'GET /users/{id}', setup: async (fx) => ({ id: await fx.user() }), expect: only(['admin'], 200) },
  {
    op: 'PATCH /users/{id}',
    setup: async (fx) => ({ id: await fx.user() }),
    request: () => ({ body: { fullName: 'Nama Diubah' } }),
    expect: only(['admin'], 200),
  },

  // Partners and reference data
  {
    op: 'POST /partners',
    request: () => ({ body: { name: `Mitra ${randomUUID().slice(0, 8)}`, type: 'ngo' } }),
    expect: only(['admin'], 201),
  },
  { op: 'GET /partners', expect: open(200) },
  { op: 'GET /partners/{id}', setup: async (fx) => ({ id: fx.p.partner.partnerId }), expect: open(200) },
  {
    op: 'PATCH /partners/{id}',
    setup: async (fx) => ({ id: fx.p.partner.partnerId }),
    request: () => ({ body: { description: 'Diubah lewat matriks' } }),
    // A partner's own users edit its description; another partner's users are refused outright (403).
    expect: only(['admin', 'partner'], 200, { otherPartner: 403 }),
  },
  { op: 'GET /partners/{id}/events', setup: async (fx) => ({ id: fx.p.partner.partnerId }), expect: open(200) },
  { op: 'GET /regions/kecamatan', expect: open(200) },
  { op: 'GET /health', expect: open(200) },

  // Participants
  { op: 'PUT /me/participant', request: () => ({ body: participantBody() }), expect: only(['participant'], 200) },
  { op: 'GET /me/participant', expect: only(['participant'], 200) },
  { op: 'GET /me/participant/export', expect: only(['participant'], 200) },
  {
    op: 'DELETE /me/participant',
    // Erasing is for good: the allowed cells erase a profile made for them, not the shared persona's.
    setup: async (fx, who) =>
      who === 'participant' || who === 'otherParticipant' ? { as: await participantWithProfile(fx) } : {},
    request: (c) => ({ as: c.as }),
    expect: only(['participant'], 204),
  },
  { op: 'POST /participants', request: () => ({ body: participantBody() }), expect: only(STAFF, 201) },
  { op: 'GET /participants', expect: only(STAFF, 200) },
  { op: 'GET /participants/{id}', setup: async (fx) => ({ id: await fx.newParticipant() }), expect: only(STAFF, 200) },
  {
    op: 'PATCH /participants/{id}',
    setup: async (fx) => ({ id: await fx.newParticipant() }),
    request: () => ({ body: { village: 'Kalikabong' } }),
    expect: only(STAFF, 200),
  },

  // Events
  { op: 'POST /events', request: () => ({ body: eventBody() }), expect: only(STAFF, 201) },
  { op: 'GET /events', expect: open(200) },
  { op: 'GET /events/{id}', setup: async (fx) => ({ id: await fx.publishedEvent() }), expect: open(200) },
  {
    op: 'GET /events/{id}',
    variant: 'a draft is unknown to all but staff and admin',
    setup: async (fx) => ({ id: await fx.draftEvent() }),
    expect: others({ anonymous: 404, participant: 404, partner: 404, staff: 200, admin: 200 }),
  },
  {
    op: 'PATCH /events/{id}',
    setup: async (fx) => ({ id: await fx.draftEvent() }),
    request: () => ({ body: { title: 'Judul Diubah Matriks' } }),
    expect: only(STAFF, 200),
  },
  { op: 'DELETE /events/{id}', setup: async (fx) => ({ id: await fx.draftEvent() }), expect: only(STAFF, 204) },
  { op: 'POST /events/{id}/publish', setup: async (fx) => ({ id: await fx.draftEvent() }), expect: only(STAFF, 200) },
  {
    op: 'POST /events/{id}/cancel',
    setup: async (fx) => ({ id: await fx.publishedEvent() }),
    request: () => ({ body: { reason: 'Narasumber berhalangan' } }),
    expect: only(STAFF, 200),
  },

  // Registrations
  {
    op: 'POST /events/{id}/registrations',
    setup: async (fx) => ({ id: await fx.publishedEvent() }),
    request: (_c, who, p) => ({
      body: who === 'staff' || who === 'admin' ? { participantId: p.participant.participantId } : {},
    }),
    expect: only(['participant', 'staff', 'admin'], 201),
  },
  {
    op: 'GET /events/{id}/registrations',
    setup: async (fx) => ({ id: (await fx.registration()).eventId }),
    expect: only(STAFF, 200),
  },
  { op: 'GET /me/registrations', expect: only(['participant'], 200) },
  {
    op: 'GET /registrations/{id}',
    setup: async (fx) => ({ id: (await fx.registration()).registrationId }),
    expect: only(['participant', 'staff', 'admin'], 200, { otherParticipant: 404 }),
  },
  {
    op: 'POST /registrations/{id}/cancel',
    setup: async (fx) => ({ id: (await fx.registration()).registrationId }),
    expect: only(['participant', 'staff', 'admin'], 200, { otherParticipant: 404 }),
  },
  {
    op: 'GET /registrations/{id}/ticket.png',
    setup: async (fx) => ({ id: (await fx.registration()).registrationId }),
    expect: only(['participant', 'staff', 'admin'], 200, { otherParticipant: 404 }),
  },
  {
    op: 'GET /registrations/{id}/certificate.pdf',
    setup: async (fx) => ({ id: (await fx.checkedIn()).registrationId }),
    expect: only(['participant', 'staff', 'admin'], 200, { otherParticipant: 404 }),
  },

  // Attendance, certificates, reports, audit
  {
    op: 'POST /events/{id}/check-ins',
    setup: async (fx) => {
      const r = await fx.runningRegistration();
      return { id: r.eventId, registrationId: r.registrationId };
    },
    request: (c) => ({ params: { id: c.id }, body: { registrationId: c.registrationId } }),
    expect: only(STAFF, 201),
  },
  {
    op: 'DELETE /events/{id}/check-ins/{registrationId}',
    setup: async (fx) => {
      const r = await fx.checkedIn();
      return { id: r.eventId, registrationId: r.registrationId };
    },
    expect: only(STAFF, 204),
  },
  {
    op: 'GET /events/{id}/attendance',
    setup: async (fx) => ({ id: (await fx.checkedIn()).eventId }),
    expect: only(STAFF, 200),
  },
  {
    op: 'GET /events/{id}/check-in-list',
    setup: async (fx) => ({ id: (await fx.checkedIn()).eventId }),
    expect: only(STAFF, 200),
  },
  {
    op: 'GET /certificates/{number}',
    setup: async (fx) => ({ number: (await fx.certificate()).number }),
    expect: open(200),
  },
  { op: 'GET /reports/participation', request: () => ({ query: { groupBy: 'pillar' } }), expect: only(STAFF, 200) },
  { op: 'GET /audit-logs', expect: only(['admin'], 200) },

  // Learning outcomes, self check-in and open data (issue 16)
  {
    op: 'POST /events/{id}/attendance-codes',
    setup: async (fx) => ({ id: (await fx.onlineSession()).eventId }),
    request: (c) => ({ params: { id: c.id }, body: { validMinutes: 30 } }),
    expect: only(STAFF, 201),
  },
  {
    op: 'POST /events/{id}/self-check-in',
    setup: async (fx) => {
      const s = await fx.onlineSession();
      return { id: s.eventId, code: s.code };
    },
    request: (c) => ({ params: { id: c.id }, body: { code: c.code } }),
    // Someone not registered for the training is told so (409 not_registered).
    expect: only(['participant'], 201, { otherParticipant: 409 }),
  },
  {
    op: 'PUT /pillars/{pillar}/quiz',
    request: () => ({
      params: { pillar: 'digital_culture' },
      body: {
        questions: Array.from({ length: 5 }, (_, i) => ({
          text: `Soal ${i + 1}`,
          options: ['Ya', 'Tidak'],
          correctIndex: 1,
        })),
      },
    }),
    expect: only(STAFF, 200),
  },
  {
    op: 'GET /pillars/{pillar}/quiz/versions',
    request: () => ({ params: { pillar: 'digital_safety' } }),
    expect: only(STAFF, 200),
  },
  {
    op: 'GET /registrations/{id}/quiz',
    setup: async (fx) => {
      await fx.quizSet();
      return { id: (await fx.registration()).registrationId };
    },
    request: (c) => ({ params: { id: c.id }, query: { phase: 'pre' } }),
    expect: only(['participant'], 200, { otherParticipant: 404 }),
  },
  {
    op: 'POST /registrations/{id}/quiz',
    setup: async (fx) => {
      await fx.quizSet();
      return { id: (await fx.registration()).registrationId };
    },
    request: (c) => ({ params: { id: c.id }, query: { phase: 'pre' }, body: { answers: [0, 1, 0, 1, 0] } }),
    expect: only(['participant'], 201, { otherParticipant: 404 }),
  },
  {
    op: 'POST /registrations/{id}/evaluation',
    setup: async (fx) => ({ id: (await fx.checkedIn()).registrationId }),
    request: (c) => ({ params: { id: c.id }, body: { rating: 4, comment: 'Materinya jelas' } }),
    expect: only(['participant'], 201, { otherParticipant: 404 }),
  },
  { op: 'GET /reports/outcomes', request: () => ({ query: { groupBy: 'pillar' } }), expect: only(STAFF, 200) },
  { op: 'GET /open-data/participation', request: () => ({ query: { groupBy: 'pillar' } }), expect: open(200) },

  // Studios
  {
    op: 'POST /studios',
    request: () => ({
      body: {
        name: `Studio ${randomUUID().slice(0, 6)}`,
        openingHours: [{ weekday: 1, opens: '08:00', closes: '16:00' }],
      },
    }),
    expect: only(['admin'], 201),
  },
  { op: 'GET /studios', expect: signedIn(200) },
  { op: 'GET /studios/{id}', setup: async (fx) => ({ id: await fx.studio() }), expect: signedIn(200) },
  {
    op: 'PATCH /studios/{id}',
    setup: async (fx) => ({ id: await fx.studio() }),
    request: () => ({ body: { location: 'Lantai 2' } }),
    expect: only(['admin'], 200),
  },
  {
    op: 'POST /studios/{id}/closures',
    setup: async (fx) => ({ id: await fx.studio() }),
    request: () => ({
      body: {
        startsAt: `${localDate(20)}T00:00:00+07:00`,
        endsAt: `${localDate(21)}T00:00:00+07:00`,
        reason: 'Libur nasional',
      },
    }),
    expect: only(STAFF, 201),
  },
  {
    op: 'GET /studios/{id}/closures',
    setup: async (fx) => ({ id: (await fx.closure()).studioId }),
    expect: only(STAFF, 200),
  },
  {
    op: 'DELETE /studios/{id}/closures/{closureId}',
    setup: async (fx) => {
      const c = await fx.closure();
      return { id: c.studioId, closureId: c.closureId };
    },
    expect: only(STAFF, 204),
  },
  {
    op: 'GET /studios/{id}/calendar-token',
    setup: async (fx) => ({ id: await fx.studio() }),
    expect: only(STAFF, 200),
  },
  {
    op: 'POST /studios/{id}/calendar-token/rotate',
    setup: async (fx) => ({ id: await fx.studio() }),
    expect: only(STAFF, 200),
  },
  {
    op: 'GET /studios/{id}/availability',
    setup: async (fx) => ({ id: await fx.studio() }),
    request: (c) => ({ params: { id: c.id }, query: { date: localDate(3), duration: '60' } }),
    expect: only(['partner', 'staff', 'admin'], 200),
  },
  {
    op: 'GET /partners/{id}/calendar-token',
    request: (_c, _who, p) => ({ params: { id: p.partner.partnerId } }),
    expect: only(['partner', 'staff', 'admin'], 200, { otherPartner: 403 }),
  },
  {
    op: 'POST /partners/{id}/calendar-token/rotate',
    request: (_c, _who, p) => ({ params: { id: p.partner.partnerId } }),
    expect: only(['partner', 'staff', 'admin'], 200, { otherPartner: 403 }),
  },
  {
    op: 'GET /partners/{id}/calendar.ics',
    setup: async (fx) => ({ token: await fx.partnerCalendarToken() }),
    request: (c, _who, p) => ({ params: { id: p.partner.partnerId }, query: { token: c.token } }),
    expect: open(200),
  },
  {
    op: 'GET /studios/{id}/calendar.ics',
    setup: async (fx) => {
      const id = await fx.studio();
      return { id, token: await fx.calendarToken(id) };
    },
    request: (c) => ({ params: { id: c.id }, query: { token: c.token } }),
    expect: open(200),
  },

  // Bookings
  {
    op: 'POST /bookings',
    setup: async (fx) => ({ studioId: await fx.studio() }),
    request: (c, who, p) => ({
      body: {
        studioId: c.studioId,
        ...slotOf(),
        topic: 'Podcast Matriks',
        ...(who === 'staff' || who === 'admin' ? { partnerId: p.partner.partnerId } : {}),
      },
    }),
    expect: only(['partner', 'staff', 'admin'], 201),
  },
  { op: 'GET /bookings', expect: only(['partner', 'staff', 'admin'], 200) },
  {
    op: 'GET /bookings/{id}',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    expect: only(['partner', 'staff', 'admin'], 200, { otherPartner: 404 }),
  },
  {
    op: 'PATCH /bookings/{id}',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    request: () => ({ body: { topic: 'Topik Diubah' } }),
    expect: only(['partner', 'staff', 'admin'], 200, { otherPartner: 404 }),
  },
  {
    op: 'POST /bookings/{id}/approve',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    expect: only(STAFF, 200),
  },
  {
    op: 'POST /bookings/{id}/reject',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    request: () => ({ body: { reason: 'Studio dipakai dinas' } }),
    expect: only(STAFF, 200),
  },
  {
    op: 'POST /bookings/{id}/cancel',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    request: () => ({ body: { reason: 'Tidak jadi' } }),
    expect: only(['partner', 'staff', 'admin'], 200, { otherPartner: 404 }),
  },
  {
    op: 'POST /bookings/{id}/complete',
    setup: async (fx) => ({ id: (await fx.startedBooking()).bookingId }),
    request: () => ({ body: {} }),
    expect: only(STAFF, 200),
  },
  {
    op: 'POST /bookings/{id}/no-show',
    setup: async (fx) => ({ id: (await fx.startedBooking()).bookingId }),
    request: () => ({ body: {} }),
    expect: only(STAFF, 200),
  },

  // Notifications
  { op: 'GET /me/notifications', expect: signedIn(200) },
  {
    op: 'POST /me/notifications/{id}/read',
    setup: async (fx) => ({ id: await inAppNotificationOf(fx, (await fx.registration()).registrationId) }),
    // Only the person it was written to: to everyone else it does not exist.
    expect: others(
      { anonymous: 401, participant: 200, partner: 404, staff: 404, admin: 404 },
      { otherParticipant: 404 },
    ),
  },
  { op: 'GET /me/notification-preferences', expect: signedIn(200) },
  {
    op: 'PUT /me/notification-preferences',
    request: () => ({ body: { email: true, whatsapp: true } }),
    expect: signedIn(200),
  },
  {
    op: 'GET /notifications/unsubscribe',
    request: () => ({ query: { token: 'token-dari-tautan-email' } }),
    expect: open(200),
  },
  {
    op: 'POST /notifications/unsubscribe',
    setup: async (fx) => ({
      token: unsubscribeToken(`u:${fx.p.participant.id}`, fx.t.app.get<AppConfig>(APP_CONFIG).jwtSecret),
    }),
    request: (c) => ({ params: {}, query: { token: c.token } }),
    expect: open(200),
  },
  { op: 'GET /notifications/failed', expect: only(STAFF, 200) },
  {
    op: 'POST /events/{id}/messages',
    setup: async (fx) => ({ id: (await fx.registration()).eventId }),
    request: () => ({ body: { audience: 'registered', subject: 'Info matriks', body: 'Pesan uji untuk peserta.' } }),
    expect: only(STAFF, 202),
  },
];

/** The in-app row a registration wrote for its participant. */
async function inAppNotificationOf(fx: Fixtures, registrationId: string): Promise<string> {
  const [row] = await fx.t.dataSource.query(
    "SELECT id FROM notifications WHERE subject_id = ? AND channel = 'in_app'",
    [registrationId],
  );
  if (!row) throw new Error('no in-app notification for the registration');
  return row.id;
}

/** Three local days ahead, 10:00–11:00 Asia/Jakarta (the fixtures' studios are always open). */
const slotOf = () => ({ startsAt: `${localDate(3)}T10:00:00+07:00`, endsAt: `${localDate(3)}T11:00:00+07:00` });

let loginAccount: SignedIn | undefined;
async function loginUser(fx: Fixtures): Promise<SignedIn> {
  loginAccount ??= await fx.t.signIn('participant');
  return loginAccount;
}
async function freshRefreshToken(fx: Fixtures): Promise<string> {
  const user = await loginUser(fx);
  const res = await fx.t.http.post(`${API}/auth/login`).send({ email: user.email, password: TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return res.body.refreshToken;
}
async function participantWithProfile(fx: Fixtures): Promise<SignedIn> {
  const user = await fx.t.signIn('participant');
  const res = await fx.t.http.put(`${API}/me/participant`).set(user.auth).send(participantBody());
  if (res.status !== 200) throw new Error(`profile: ${res.status}`);
  return user;
}

const CALLERS: Caller[] = [...ROLE_COLUMNS, ...OTHER_COLUMNS];
const isMutating = (op: string) => !op.startsWith('GET ');
const succeeds = (status: number) => status >= 200 && status < 300;

describe('Authorization matrix: every documented route × every caller (e2e)', () => {
  let t: TestApp, p: Personas, fx: Fixtures, operations: Operation[];
  beforeAll(async () => {
    ({ t, p, fx, operations } = await bootMatrixSuite());
  }, 120_000);
  afterAll(() => t?.close());

  it('covers exactly the operations of the OpenAPI document', () => {
    const documented = new Set(operations.map((o) => o.key));
    const tabled = new Set(TABLE.map((r) => opKey(r.op.split(' ')[0], r.op.split(' ')[1])));
    expect([...documented].filter((k) => !tabled.has(k)).sort()).toEqual([]);
    expect([...tabled].filter((k) => !documented.has(k)).sort()).toEqual([]);
  });

  it("agrees with each operation's documented x-roles and security", () => {
    for (const row of TABLE.filter((r) => !r.variant)) {
      const op = operations.find((o) => o.key === row.op);
      if (!op) continue; // reported by the coverage test
      const allowed = ROLE_COLUMNS.filter((r) => row.expect[r] !== 401 && row.expect[r] !== 403);
      const documented = op.xRoles.includes('public')
        ? [...ROLE_COLUMNS]
        : op.xRoles.includes('any')
          ? ROLE_COLUMNS.filter((r) => r !== 'anonymous')
          : ROLE_COLUMNS.filter((r) => op.xRoles.includes(r));
      expect({ op: row.op, roles: allowed }).toEqual({ op: row.op, roles: documented });
      const isPublic = op.xRoles.includes('public');
      expect({ op: row.op, security: op.security ?? [] }).toEqual({
        op: row.op,
        security: isPublic ? [] : [{ bearer: [] }],
      });
    }
  });

  const send = (row: Row, req: Req, who: Caller): Promise<Response> => {
    const [method, path] = row.op.split(' ');
    const ctxParams = req.params ?? {};
    const url = `${API}${fillPath(path, ctxParams)}`;
    const headers = req.as ? req.as.auth : authOf(p, who);
    let call = t.http[method.toLowerCase() as 'get'](url).set(headers);
    if (req.query) call = call.query(req.query);
    if (req.body !== undefined) call = call.send(req.body as object);
    return call;
  };

  const requestFor = (row: Row, ctx: Ctx, who: Caller): Req => {
    const req = row.request?.(ctx, who, p) ?? {};
    return { ...req, params: req.params ?? ctx };
  };

  it.each(TABLE.map((r) => [r.variant ? `${r.op} (${r.variant})` : r.op, r] as const))('%s', async (_name, row) => {
    // Refused cells and reads share one set of rows; every allowed write gets its own.
    const shared = row.setup ? await row.setup(fx, 'staff') : {};
    const seen: string[] = [];
    for (const who of CALLERS) {
      const expected = row.expect[who];
      const ctx = succeeds(expected) && isMutating(row.op) && row.setup ? await row.setup(fx, who) : shared;
      const res = await send(row, requestFor(row, ctx, who), who);
      seen.push(`${who}=${res.status}`);
      if (succeeds(expected)) {
        if (res.status !== expected)
          throw new Error(`${row.op} as ${who}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
      } else {
        try {
          expectProblem(res, expected);
        } catch (err) {
          throw new Error(`${row.op} as ${who}: ${(err as Error).message}`, { cause: err });
        }
      }
    }
    expect(seen).toHaveLength(CALLERS.length);
  });
});

import { randomUUID } from 'node:crypto';
import { type AppConfig, APP_CONFIG } from '../src/config/app-config.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { enqueue } from '../src/notifications/outbox.js';
import { unsubscribeToken } from '../src/notifications/unsubscribe-token.js';
import { localDate } from './support/booking-factory.js';
import { bootMatrixSuite, fillPath, Fixtures, type Operation, type Personas } from './support/security-fixtures.js';
import { API, type SignedIn, type TestApp, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';
import { eventBody, participantBody } from './support/training-factory.js';

/**
 * Every mutating operation of the OpenAPI document (POST, PUT, PATCH, DELETE), called once successfully by
 * a role allowed to call it, leaves exactly one new audit row naming the caller, the action, the entity
 * type and the entity's id. Changes are audited for staff, admin and partner users only
 * (AUDITED_ROLES in src/audit/audit.subscriber.ts): a participant's self-service is not, by design.
 * Operations that change no audited entity are listed with the reason; an operation in neither list fails.
 */

type Ctx = Record<string, string>;
type Caller = 'staff' | 'admin' | 'partner';
interface Audited {
  op: string;
  who: Caller;
  setup?: (fx: Fixtures) => Promise<Ctx>;
  body?: (ctx: Ctx, p: Personas) => Record<string, unknown>;
  status: number;
  /** What the one new row must say; `id` is the entity's id (from the answer or the setup). */
  row: (
    ctx: Ctx,
    answer: Record<string, any>,
  ) => { action: 'create' | 'update' | 'delete'; entityType: string; entityId: string };
}

const created = (entityType: string) => (_c: Ctx, a: Record<string, any>) => ({
  action: 'create' as const,
  entityType,
  entityId: a.id,
});
const updated =
  (entityType: string, key = 'id') =>
  (c: Ctx) => ({ action: 'update' as const, entityType, entityId: c[key] });
const deleted =
  (entityType: string, key = 'id') =>
  (c: Ctx) => ({ action: 'delete' as const, entityType, entityId: c[key] });
const slot = () => ({ startsAt: `${localDate(3)}T10:00:00+07:00`, endsAt: `${localDate(3)}T11:00:00+07:00` });

const AUDITED: Audited[] = [
  {
    op: 'POST /users',
    who: 'admin',
    body: () => ({ email: uniqueEmail('audit'), password: TEST_PASSWORD, fullName: 'Staf Audit', role: 'staff' }),
    status: 201,
    row: created('user'),
  },
  {
    op: 'PATCH /users/{id}',
    who: 'admin',
    setup: async (fx) => ({ id: await fx.user() }),
    body: () => ({ fullName: 'Nama Baru' }),
    status: 200,
    row: updated('user'),
  },
  {
    op: 'POST /partners',
    who: 'admin',
    body: () => ({ name: `Mitra Audit ${Date.now()}`, type: 'media' }),
    status: 201,
    row: created('partner'),
  },
  // A partner's own user: the partner role is audited too.
  {
    op: 'PATCH /partners/{id}',
    who: 'partner',
    setup: async (fx) => ({ id: fx.p.partner.partnerId }),
    body: () => ({ description: `Profil ${Date.now()}` }),
    status: 200,
    row: updated('partner'),
  },
  { op: 'POST /participants', who: 'staff', body: () => participantBody(), status: 201, row: created('participant') },
  {
    op: 'PATCH /participants/{id}',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.newParticipant() }),
    body: () => ({ village: 'Kalikabong' }),
    status: 200,
    row: updated('participant'),
  },
  { op: 'POST /events', who: 'staff', body: () => eventBody(), status: 201, row: created('event') },
  {
    op: 'PATCH /events/{id}',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.draftEvent() }),
    body: () => ({ capacity: 45 }),
    status: 200,
    row: updated('event'),
  },
  {
    op: 'DELETE /events/{id}',
    who: 'admin',
    setup: async (fx) => ({ id: await fx.draftEvent() }),
    status: 204,
    row: deleted('event'),
  },
  {
    op: 'POST /events/{id}/publish',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.draftEvent() }),
    status: 200,
    row: updated('event'),
  },
  {
    op: 'POST /events/{id}/cancel',
    who: 'admin',
    setup: async (fx) => ({ id: await fx.publishedEvent() }),
    body: () => ({ reason: 'Gedung dipakai' }),
    status: 200,
    row: updated('event'),
  },
  {
    op: 'POST /events/{id}/registrations',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.publishedEvent(), participantId: await fx.newParticipant() }),
    body: (c) => ({ participantId: c.participantId }),
    status: 201,
    row: created('registration'),
  },
  {
    op: 'POST /registrations/{id}/cancel',
    who: 'staff',
    setup: async (fx) => ({ id: (await fx.registration()).registrationId }),
    status: 200,
    row: updated('registration'),
  },
  {
    op: 'POST /events/{id}/check-ins',
    who: 'staff',
    setup: async (fx) => {
      const r = await fx.runningRegistration();
      return { id: r.eventId, registrationId: r.registrationId };
    },
    body: (c) => ({ registrationId: c.registrationId }),
    status: 201,
    row: (c) => ({ action: 'create', entityType: 'check_in', entityId: c.registrationId }),
  },
  {
    op: 'DELETE /events/{id}/check-ins/{registrationId}',
    who: 'staff',
    setup: async (fx) => {
      const r = await fx.checkedIn();
      return { id: r.eventId, registrationId: r.registrationId };
    },
    status: 204,
    row: deleted('check_in', 'registrationId'),
  },
  {
    op: 'POST /studios',
    who: 'admin',
    body: () => ({
      name: `Studio Audit ${Date.now()}`,
      openingHours: [{ weekday: 2, opens: '09:00', closes: '15:00' }],
    }),
    status: 201,
    row: created('studio'),
  },
  {
    op: 'PATCH /studios/{id}',
    who: 'admin',
    setup: async (fx) => ({ id: await fx.studio() }),
    body: () => ({ bufferMinutes: 30 }),
    status: 200,
    row: updated('studio'),
  },
  {
    op: 'POST /studios/{id}/closures',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.studio() }),
    body: () => ({
      startsAt: `${localDate(20)}T00:00:00+07:00`,
      endsAt: `${localDate(21)}T00:00:00+07:00`,
      reason: 'Libur',
    }),
    status: 201,
    row: created('studio_closure'),
  },
  {
    op: 'DELETE /studios/{id}/closures/{closureId}',
    who: 'staff',
    setup: async (fx) => {
      const c = await fx.closure();
      return { id: c.studioId, closureId: c.closureId };
    },
    status: 204,
    row: deleted('studio_closure', 'closureId'),
  },
  // The token itself is kept out of the snapshot (omit: calendarToken), but who rotated it when is on record.
  {
    op: 'POST /studios/{id}/calendar-token/rotate',
    who: 'staff',
    setup: async (fx) => ({ id: await fx.studio() }),
    status: 200,
    row: updated('studio'),
  },
  {
    op: 'POST /partners/{id}/calendar-token/rotate',
    who: 'partner',
    setup: async (fx) => ({ id: fx.p.partner.partnerId }),
    status: 200,
    row: updated('partner'),
  },
  {
    op: 'POST /bookings',
    who: 'partner',
    setup: async (fx) => ({ studioId: await fx.studio() }),
    body: (c) => ({ studioId: c.studioId, ...slot(), topic: 'Podcast Audit' }),
    status: 201,
    row: created('booking'),
  },
  {
    op: 'PATCH /bookings/{id}',
    who: 'partner',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    body: () => ({ topic: 'Topik Baru' }),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /bookings/{id}/approve',
    who: 'staff',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /bookings/{id}/reject',
    who: 'staff',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    body: () => ({ reason: 'Bentrok' }),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /bookings/{id}/cancel',
    who: 'partner',
    setup: async (fx) => ({ id: (await fx.pendingBooking()).bookingId }),
    body: () => ({}),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /bookings/{id}/complete',
    who: 'admin',
    setup: async (fx) => ({ id: (await fx.startedBooking()).bookingId }),
    body: () => ({}),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /bookings/{id}/no-show',
    who: 'admin',
    setup: async (fx) => ({ id: (await fx.startedBooking()).bookingId }),
    body: () => ({}),
    status: 200,
    row: updated('booking'),
  },
  {
    op: 'POST /events/{id}/attendance-codes',
    who: 'staff',
    setup: async (fx) => ({ id: (await fx.onlineSession()).eventId }),
    body: () => ({ validMinutes: 20 }),
    status: 201,
    row: created('attendance_code'),
  },
  {
    op: 'PUT /pillars/{pillar}/quiz',
    who: 'admin',
    setup: async () => ({ pillar: 'digital_ethics' }),
    body: () => ({
      questions: Array.from({ length: 5 }, (_, i) => ({
        text: `Soal ${i + 1}`,
        options: ['Ya', 'Tidak'],
        correctIndex: 0,
      })),
    }),
    status: 200,
    row: created('quiz_version'),
  },
];

/** Mutating operations that change no audited entity, each called once here to show it writes no audit row. */
type Prepared = Record<string, string>;
const NOT_AUDITED: Record<
  string,
  {
    why: string;
    /** Rows the call needs, made (and audited) before the call is watched. */
    prepare?: (fx: Fixtures, self: SignedIn & { participantId: string }) => Promise<Prepared>;
    call: (t: TestApp, p: Personas, self: SignedIn, prepared: Prepared) => Promise<{ status: number }>;
  }
> = {
  'POST /auth/register': {
    why: 'self sign-up: nobody is signed in, and the new account is a participant',
    call: (t) =>
      t.http
        .post(`${API}/auth/register`)
        .send({ email: uniqueEmail('daftar'), password: TEST_PASSWORD, fullName: 'Warga' }),
  },
  'POST /auth/login': {
    why: 'writes refresh-token bookkeeping (and, failing, the login_failures lockout counter), no audited entity',
    call: (t, p) => t.http.post(`${API}/auth/login`).send({ email: p.staff.email, password: TEST_PASSWORD }),
  },
  'POST /auth/refresh': {
    why: 'rotates refresh tokens: session bookkeeping',
    call: async (t, p) => {
      const login = await t.http.post(`${API}/auth/login`).send({ email: p.staff.email, password: TEST_PASSWORD });
      return t.http.post(`${API}/auth/refresh`).send({ refreshToken: login.body.refreshToken });
    },
  },
  'POST /auth/logout': {
    why: 'revokes refresh tokens: session bookkeeping',
    call: async (t, p) => {
      const login = await t.http.post(`${API}/auth/login`).send({ email: p.staff.email, password: TEST_PASSWORD });
      return t.http.post(`${API}/auth/logout`).set(p.staff.auth).send({ refreshToken: login.body.refreshToken });
    },
  },
  'PUT /me/participant': {
    why: "a participant's own profile: participant self-service is not audited (AUDITED_ROLES)",
    call: (t, _p, self) => t.http.put(`${API}/me/participant`).set(self.auth).send(participantBody()),
  },
  'DELETE /me/participant': {
    why: 'a participant erasing their own data: participant self-service is not audited (AUDITED_ROLES)',
    call: (t, _p, self) => t.http.delete(`${API}/me/participant`).set(self.auth),
  },
  'POST /events/{id}/self-check-in': {
    why:
      'a participant checking themselves in with the attendance code: ' +
      'participant self-service is not audited (AUDITED_ROLES)',
    prepare: async (fx, self) => {
      const s = await fx.onlineSession(self.participantId);
      return { eventId: s.eventId, code: s.code };
    },
    call: (t, _p, self, c) =>
      t.http.post(`${API}/events/${c.eventId}/self-check-in`).set(self.auth).send({ code: c.code }),
  },
  'POST /registrations/{id}/quiz': {
    why: "a participant's own pre/post test: participant self-service is not audited (AUDITED_ROLES)",
    prepare: async (fx, self) => {
      await fx.quizSet();
      const res = await fx.t.http
        .post(`${API}/events/${await fx.publishedEvent()}/registrations`)
        .set(self.auth)
        .send({});
      return { id: res.body.id };
    },
    call: (t, _p, self, c) =>
      t.http
        .post(`${API}/registrations/${c.id}/quiz?phase=pre`)
        .set(self.auth)
        .send({ answers: [0, 0, 1, 1, 0] }),
  },
  'POST /registrations/{id}/evaluation': {
    why: "a participant's own rating of a training: participant self-service is not audited (AUDITED_ROLES)",
    prepare: async (fx, self) => {
      const s = await fx.onlineSession(self.participantId);
      await fx.t.http
        .post(`${API}/events/${s.eventId}/check-ins`)
        .set(fx.p.staff.auth)
        .send({ registrationId: s.registrationId });
      return { id: s.registrationId };
    },
    call: (t, _p, self, c) => t.http.post(`${API}/registrations/${c.id}/evaluation`).set(self.auth).send({ rating: 5 }),
  },
  'POST /events/{id}/messages': {
    why: 'writes notification outbox rows (delivery bookkeeping), no audited entity; the message id is returned',
    call: async (t, p) => {
      const [event] = (await t.dataSource.query('SELECT id FROM events ORDER BY created_at LIMIT 1')) as {
        id: string;
      }[];
      return t.http
        .post(`${API}/events/${event?.id}/messages`)
        .set(p.staff.auth)
        .send({ audience: 'registered', subject: 'Info', body: 'Pesan uji.' });
    },
  },
  'POST /me/notifications/{id}/read': {
    why: "a read mark on one's own in-app notification: bookkeeping",
    call: async (t, _p, self) => {
      await t.app.get(UnitOfWork).run(null, (em) =>
        enqueue(
          em,
          {
            kind: 'event_message',
            subjectType: 'message',
            subjectId: randomUUID(),
            payload: {
              subject: 'x',
              body: 'y',
              event: {
                eventId: randomUUID(),
                title: 'x',
                startsAt: new Date().toISOString(),
                endsAt: new Date().toISOString(),
                venue: null,
              },
            },
          },
          [{ userId: self.id }],
        ),
      );
      const [row] = (await t.dataSource.query(
        "SELECT id FROM notifications WHERE recipient_user_id = ? AND channel = 'in_app'",
        [self.id],
      )) as { id: string }[];
      return t.http.post(`${API}/me/notifications/${row.id}/read`).set(self.auth);
    },
  },
  'PUT /me/notification-preferences': {
    why: "one's own notification preferences: self-service",
    call: (t, _p, self) =>
      t.http.put(`${API}/me/notification-preferences`).set(self.auth).send({ email: false, whatsapp: true }),
  },
  'POST /notifications/unsubscribe': {
    why: 'the email link turning email off: nobody is signed in; a preference, not an audited entity',
    call: (t, _p, self) =>
      t.http
        .post(`${API}/notifications/unsubscribe`)
        .query({ token: unsubscribeToken(`u:${self.id}`, t.app.get<AppConfig>(APP_CONFIG).jwtSecret) }),
  },
};

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

describe('Audit completeness: one audit row per successful change by staff, admin or a partner (e2e)', () => {
  let t: TestApp, p: Personas, fx: Fixtures, operations: Operation[];
  beforeAll(async () => {
    ({ t, p, fx, operations } = await bootMatrixSuite());
  }, 120_000);
  afterAll(() => t?.close());

  const auditIds = async (): Promise<Set<string>> =>
    new Set(((await t.dataSource.query('SELECT id FROM audit_logs')) as { id: string }[]).map((r) => r.id));
  const newRows = async (before: Set<string>) =>
    (
      (await t.dataSource.query(
        'SELECT id, actor_id, actor_role, action, entity_type, entity_id FROM audit_logs',
      )) as Record<string, string>[]
    )
      .filter((r) => !before.has(r.id))
      .map(({ actor_id, actor_role, action, entity_type, entity_id }) => ({
        actorId: actor_id,
        actorRole: actor_role,
        action,
        entityType: entity_type,
        entityId: entity_id,
      }));

  it('lists every mutating operation of the document as audited or not, with a reason', () => {
    const mutating = operations
      .filter((o) => MUTATING.has(o.method))
      .map((o) => o.key)
      .sort();
    const listed = [...AUDITED.map((a) => a.op), ...Object.keys(NOT_AUDITED)].sort();
    expect(listed).toEqual(mutating);
    for (const op of Object.keys(NOT_AUDITED)) expect(AUDITED.map((a) => a.op)).not.toContain(op);
  });

  it.each(AUDITED.map((a) => [a.op, a] as const))('%s leaves exactly one audit row', async (_name, c) => {
    const ctx = c.setup ? await c.setup(fx) : {};
    const caller = p[c.who];
    const before = await auditIds();
    const [method, path] = c.op.split(' ');
    let req = t.http[method.toLowerCase() as 'post'](`${API}${fillPath(path, ctx)}`).set(caller.auth);
    if (c.body) req = req.send(c.body(ctx, p));
    const res = await req;
    if (res.status !== c.status) throw new Error(`${c.op}: ${res.status} ${JSON.stringify(res.body)}`);
    expect(await newRows(before)).toEqual([{ actorId: caller.id, actorRole: caller.role, ...c.row(ctx, res.body) }]);
  });

  it.each(Object.entries(NOT_AUDITED))('%s writes no audit row (%#)', async (op, entry) => {
    const self = await t.signIn('participant');
    const profile = await t.http.put(`${API}/me/participant`).set(self.auth).send(participantBody());
    const prepared = entry.prepare ? await entry.prepare(fx, { ...self, participantId: profile.body.id }) : {};
    const before = await auditIds();
    const res = await entry.call(t, p, self, prepared);
    expect({ op, status: res.status < 300 }).toEqual({ op, status: true });
    expect({ op, why: entry.why, rows: await newRows(before) }).toEqual({ op, why: entry.why, rows: [] });
  });

  describe('changes that carry other rows with them record each row they change', () => {
    const rowsOf = (rows: Record<string, string>[]) =>
      rows.map((r) => `${r.action} ${r.entityType} ${r.entityId}`).sort();

    it('cancelling an event records the event and every registration it cancels', async () => {
      const r1 = await fx.registration();
      const second = await t.http
        .post(`${API}/events/${r1.eventId}/registrations`)
        .set(p.staff.auth)
        .send({ participantId: p.otherParticipant.participantId });
      expect(second.status).toBe(201);
      const before = await auditIds();
      expect(
        (await t.http.post(`${API}/events/${r1.eventId}/cancel`).set(p.admin.auth).send({ reason: 'Banjir' })).status,
      ).toBe(200);
      const rows = await newRows(before);
      expect(rowsOf(rows)).toEqual(
        [
          `update event ${r1.eventId}`,
          `update registration ${r1.registrationId}`,
          `update registration ${second.body.id}`,
        ].sort(),
      );
      expect(rows.every((r) => r.actorId === p.admin.id)).toBe(true);
    });

    it("changing an event's co-hosting partners records each link added or removed", async () => {
      const [a, b] = [p.partner.partnerId, p.otherPartner.partnerId];
      const created = await t.http
        .post(`${API}/events`)
        .set(p.staff.auth)
        .send(eventBody({ partnerIds: [a] }));
      expect(created.status).toBe(201);
      const before = await auditIds();
      const res = await t.http
        .patch(`${API}/events/${created.body.id}`)
        .set(p.staff.auth)
        .send({ partnerIds: [b] });
      expect(res.status).toBe(200);
      expect(res.body.partners.map((x: { id: string }) => x.id)).toEqual([b]);
      const rows = await newRows(before);
      expect(rows.map((r) => `${r.action} ${r.entityType}`).sort()).toEqual([
        'create event_partner',
        'delete event_partner',
      ]);
      expect(rows.every((r) => r.entityId === created.body.id && r.actorId === p.staff.id)).toBe(true);
    });

    it('a walk-in check-in records the registration it creates and the check-in', async () => {
      const r = await fx.runningRegistration();
      const walkIn = await fx.newParticipant();
      const before = await auditIds();
      const res = await t.http
        .post(`${API}/events/${r.eventId}/check-ins`)
        .set(p.staff.auth)
        .send({ participantId: walkIn });
      expect(res.status).toBe(201);
      expect(rowsOf(await newRows(before))).toEqual([
        `create check_in ${res.body.registrationId}`,
        `create registration ${res.body.registrationId}`,
      ]);
    });
  });

  it(
    "leaves no audit row for a participant's own " + 'registration and cancellation (self-service, by design)',
    async () => {
      const eventId = await fx.publishedEvent();
      const before = await auditIds();
      const reg = await t.http.post(`${API}/events/${eventId}/registrations`).set(p.otherParticipant.auth).send({});
      expect(reg.status).toBe(201);
      expect(
        (await t.http.post(`${API}/registrations/${reg.body.id}/cancel`).set(p.otherParticipant.auth)).status,
      ).toBe(200);
      expect(await newRows(before)).toEqual([]);
    },
  );
});

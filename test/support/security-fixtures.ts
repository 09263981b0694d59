import { randomUUID } from 'node:crypto';
import { startEventNow } from './attendance-factory.js';
import { ALWAYS_OPEN, at, createStudio, localDate, moveBooking } from './booking-factory.js';
import { API, createTestApp, type SignedIn, type TestApp } from './test-app.js';
import { createEvent, createParticipant, participantBody } from './training-factory.js';

/**
 * Shared by the authorization matrix, the hostile-input property test and the audit-completeness test:
 * the callers (one per role, plus a second participant and a second partner user who must not see the
 * first ones' things), the OpenAPI operations of the running app, and factories for the real rows every
 * route needs to be called with.
 */

export const ROLE_COLUMNS = ['anonymous', 'participant', 'partner', 'staff', 'admin'] as const;
export type RoleColumn = (typeof ROLE_COLUMNS)[number];
/** A participant and a partner user who own nothing the fixtures create: the "another one's thing" callers. */
export const OTHER_COLUMNS = ['otherParticipant', 'otherPartner'] as const;
export type OtherColumn = (typeof OTHER_COLUMNS)[number];
export type Caller = RoleColumn | OtherColumn;

export interface Personas {
  participant: SignedIn & { participantId: string };
  otherParticipant: SignedIn & { participantId: string };
  partner: SignedIn & { partnerId: string };
  otherPartner: SignedIn & { partnerId: string };
  staff: SignedIn;
  admin: SignedIn;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  method: HttpMethod;
  /** The path as the document writes it, without the /api/v1 prefix: `/events/{id}`. */
  path: string;
  key: string;
  xRoles: string[];
  security: unknown[] | undefined;
  /** Path, query and header parameters. */
  parameters: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  /** The JSON body schema, $refs resolved one level (components.schemas). */
  body?: Record<string, unknown>;
}

export const opKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every operation of the served OpenAPI document. */
export async function documentedOperations(t: TestApp): Promise<{ doc: Record<string, any>; operations: Operation[] }> {
  const res = await t.http.get('/api/docs-json');
  if (res.status !== 200) throw new Error(`docs-json: ${res.status}`);
  const doc = res.body as Record<string, any>;
  const operations: Operation[] = [];
  for (const [fullPath, item] of Object.entries<Record<string, any>>(doc.paths)) {
    const path = fullPath.replace(/^\/api\/v1/, '');
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method,
        path,
        key: opKey(method, path),
        xRoles: op['x-roles'] ?? [],
        security: op.security,
        parameters: op.parameters ?? [],
        body: schema ? resolveSchema(doc, schema) : undefined,
      });
    }
  }
  return { doc, operations };
}

/** Follows `$ref`s into components.schemas, recursively, into a self-contained schema. */
export function resolveSchema(doc: Record<string, any>, schema: Record<string, any>, depth = 0): Record<string, any> {
  if (depth > 8) return {};
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop() as string;
    return resolveSchema(doc, doc.components.schemas[name], depth + 1);
  }
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((s: Record<string, any>) => resolveSchema(doc, s, depth + 1)));
  const out: Record<string, any> = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries<Record<string, any>>(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  }
  if (schema.items) out.items = resolveSchema(doc, schema.items, depth + 1);
  return out;
}

/** Fills `{id}`-style parameters of a documented path. */
export const fillPath = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(params[name]);
  });

export async function createPersonas(t: TestApp): Promise<Personas> {
  const admin = await t.signIn('admin');
  const staff = await t.signIn('staff');
  const [partnerA, partnerB] = [await newPartner(t, admin), await newPartner(t, admin)];
  const withProfile = async () => {
    const user = await t.signIn('participant');
    const res = await t.http.put(`${API}/me/participant`).set(user.auth).send(participantBody());
    if (res.status !== 200) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...user, participantId: res.body.id as string };
  };
  return {
    admin,
    staff,
    participant: await withProfile(),
    otherParticipant: await withProfile(),
    partner: { ...(await t.signIn('partner', { partnerId: partnerA })), partnerId: partnerA },
    otherPartner: { ...(await t.signIn('partner', { partnerId: partnerB })), partnerId: partnerB },
  };
}

export interface MatrixSuite {
  t: TestApp;
  p: Personas;
  fx: Fixtures;
  operations: Operation[];
}

/** A route-by-route suite's own app, personas, fixtures and the operations its OpenAPI document lists. */
export async function bootMatrixSuite(): Promise<MatrixSuite> {
  const t = await createTestApp();
  const p = await createPersonas(t);
  return { t, p, fx: new Fixtures(t, p), operations: (await documentedOperations(t)).operations };
}

export async function newPartner(t: TestApp, admin: SignedIn): Promise<string> {
  const res = await t.http
    .post(`${API}/partners`)
    .set(admin.auth)
    .send({ name: `Mitra Matriks ${randomUUID().slice(0, 8)}`, type: 'community' });
  if (res.status !== 201) throw new Error(`partner: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Headers of a caller; none for the anonymous one. */
export function authOf(p: Personas, who: Caller): Record<string, string> {
  return who === 'anonymous' ? {} : p[who].auth;
}

const expectStatus = (what: string, res: { status: number; body: unknown }, status: number) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};

/** Factories of real rows, all made through the API as staff or admin (so nothing is half-made). */
export class Fixtures {
  constructor(
    readonly t: TestApp,
    readonly p: Personas,
  ) {}

  draftEvent = async () => (await createEvent(this.t, this.p.staff, {}, false)).id;
  publishedEvent = async () => (await createEvent(this.t, this.p.staff)).id;

  /** A registration of `owner`'s profile (made by staff on their behalf) at a new published event. */
  async registration(owner: 'participant' | 'otherParticipant' = 'participant') {
    const eventId = await this.publishedEvent();
    const res = await this.t.http
      .post(`${API}/events/${eventId}/registrations`)
      .set(this.p.staff.auth)
      .send({ participantId: this.p[owner].participantId });
    expectStatus('registration', res, 201);
    return { eventId, registrationId: res.body.id as string, ticketCode: res.body.ticketCode as string };
  }

  /** A registration at an event that is running now (check-in open). */
  async runningRegistration(owner: 'participant' | 'otherParticipant' = 'participant') {
    const r = await this.registration(owner);
    await startEventNow(this.t, r.eventId);
    return r;
  }

  async checkedIn(owner: 'participant' | 'otherParticipant' = 'participant') {
    const r = await this.runningRegistration(owner);
    const res = await this.t.http
      .post(`${API}/events/${r.eventId}/check-ins`)
      .set(this.p.staff.auth)
      .send({ registrationId: r.registrationId });
    expectStatus('check-in', res, 201);
    return r;
  }

  /** An attended registration whose certificate was issued (by staff downloading it once). */
  async certificate() {
    const r = await this.checkedIn();
    const res = await this.t.http
      .get(`${API}/registrations/${r.registrationId}/certificate.pdf`)
      .set(this.p.staff.auth);
    expectStatus('certificate', res, 200);
    const reg = await this.t.http.get(`${API}/registrations/${r.registrationId}`).set(this.p.staff.auth);
    return { ...r, number: reg.body.certificateNumber as string };
  }

  newParticipant = async () => (await createParticipant(this.t, this.p.staff)).id;

  async user() {
    const res = await this.t.http
      .post(`${API}/users`)
      .set(this.p.admin.auth)
      .send({
        email: `sasaran.${randomUUID().slice(0, 8)}@uji.banggamacapat.id`,
        password: 'rahasia-uji-123',
        fullName: 'Sasaran Uji',
        role: 'staff',
      });
    expectStatus('user', res, 201);
    return res.body.id as string;
  }

  /** A studio open around the clock every day, so any day three days ahead at 10:00 is bookable. */
  studio = async () => (await createStudio(this.t, this.p.admin, { openingHours: ALWAYS_OPEN })).id;

  /** Three local days ahead, 10:00–11:00 Asia/Jakarta: inside notice and horizon, on the 30-minute grid. */
  slot(hour = 10) {
    const day = localDate(3);
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return { startsAt: at(day, hh(hour)), endsAt: at(day, hh(hour + 1)) };
  }

  /** A pending booking of the `partner` persona's partner on a new studio. */
  async pendingBooking(owner: 'partner' | 'otherPartner' = 'partner') {
    const studioId = await this.studio();
    const res = await this.t.http
      .post(`${API}/bookings`)
      .set(this.p[owner].auth)
      .send({ studioId, ...this.slot(), topic: 'Podcast Matriks' });
    expectStatus('booking', res, 201);
    return { studioId, bookingId: res.body.id as string };
  }

  /** An approved booking of the `partner` persona's partner that started an hour ago. */
  async startedBooking() {
    const studioId = await this.studio();
    const res = await this.t.http
      .post(`${API}/bookings`)
      .set(this.p.staff.auth)
      .send({ studioId, ...this.slot(), topic: 'Podcast Berjalan', partnerId: this.p.partner.partnerId });
    expectStatus('booking', res, 201);
    await moveBooking(this.t, res.body.id, new Date(Date.now() - 3600_000), new Date(Date.now() + 1800_000));
    return { studioId, bookingId: res.body.id as string };
  }

  async closure() {
    const studioId = await this.studio();
    const res = await this.t.http
      .post(`${API}/studios/${studioId}/closures`)
      .set(this.p.staff.auth)
      .send({ startsAt: at(localDate(10), '00:00'), endsAt: at(localDate(11), '00:00'), reason: 'Perawatan alat' });
    expectStatus('closure', res, 201);
    return { studioId, closureId: res.body.id as string };
  }

  async calendarToken(studioId: string) {
    const res = await this.t.http.get(`${API}/studios/${studioId}/calendar-token`).set(this.p.staff.auth);
    expectStatus('calendar token', res, 200);
    return res.body.token as string;
  }

  /** The calendar feed token of the partner persona's own partner. */
  async partnerCalendarToken() {
    const res = await this.t.http
      .get(`${API}/partners/${this.p.partner.partnerId}/calendar-token`)
      .set(this.p.partner.auth);
    expectStatus('partner calendar token', res, 200);
    return res.body.token as string;
  }

  /** An online training running now with `owner`'s profile registered (by staff) and an attendance code open. */
  async onlineSession(participantId: string = this.p.participant.participantId) {
    const event = await createEvent(this.t, this.p.staff, {
      format: 'online',
      venue: null,
      kecamatanCode: null,
      onlineUrl: 'https://meet.example.id/literasi',
    });
    const reg = await this.t.http
      .post(`${API}/events/${event.id}/registrations`)
      .set(this.p.staff.auth)
      .send({ participantId });
    expectStatus('registration', reg, 201);
    await startEventNow(this.t, event.id);
    const code = await this.t.http.post(`${API}/events/${event.id}/attendance-codes`).set(this.p.staff.auth).send({});
    expectStatus('attendance code', code, 201);
    return { eventId: event.id, registrationId: reg.body.id as string, code: code.body.code as string };
  }

  private quizSets = new Set<string>();
  /**
   * The pillar's question set (five questions, correct answer 0), made once: the fixtures' events are digital_skills.
   */
  async quizSet(pillar = 'digital_skills') {
    if (this.quizSets.has(pillar)) return;
    const questions = Array.from({ length: 5 }, (_, i) => ({
      text: `Soal ${i + 1}`,
      options: ['Benar', 'Salah'],
      correctIndex: 0,
    }));
    expectStatus(
      'quiz',
      await this.t.http.put(`${API}/pillars/${pillar}/quiz`).set(this.p.staff.auth).send({ questions }),
      200,
    );
    this.quizSets.add(pillar);
  }
}

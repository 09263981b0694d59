import { randomUUID } from 'node:crypto';
import { startEventNow } from './support/attendance-factory.js';
import { createPersonas, Fixtures, type Personas } from './support/security-fixtures.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { participantBody } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

describe('Idempotency-Key on creating POST routes (e2e)', () => {
  let t: TestApp, admin: SignedIn;
  beforeAll(async () => ({ t, admin } = await bootWithPersonas(['admin'])));
  afterAll(() => t.close());

  const countPartners = async (name: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM partners WHERE name = ?', [name]))[0].n);

  it('replays the first answer to a retry and creates nothing more', async () => {
    const body = { name: 'Komunitas Relawan TIK Purbalingga', type: 'community' };
    const first = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', 'retry-key-0001')
      .send(body);
    expect(first.status).toBe(201);
    const again = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', 'retry-key-0001')
      .send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countPartners(body.name)).toBe(1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const key = 'retry-key-0002';
    const ok = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Pandu Digital Kalimanah', type: 'ngo' });
    expect(ok.status).toBe(201);
    const other = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Pandu Digital Lain', type: 'ngo' });
    expectProblem(other, 422, 'idempotency_key_reused');
    expect(await countPartners('Pandu Digital Lain')).toBe(0);
  });

  it('does not keep failed attempts: a corrected retry with the same key goes through', async () => {
    const key = 'retry-key-0003';
    const bad = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Forum Anak Purbalingga', type: 'nope' });
    expectProblem(bad, 400);
    const good = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Forum Anak Purbalingga', type: 'ngo' });
    expect(good.status).toBe(201);
  });

  it('keys are per user: another admin with the same key creates its own', async () => {
    const other = await t.signIn('admin');
    const key = 'retry-key-0004';
    const a = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Sanggar Digital Mrebet', type: 'community' });
    const b = await t.http
      .post(`${API}/partners`)
      .set(other.auth)
      .set('Idempotency-Key', key)
      .send({ name: 'Sanggar Digital Rembang', type: 'community' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('concurrent retries with one key create exactly one partner', async () => {
    const body = { name: 'Paguyuban Blogger Purbalingga', type: 'community' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', 'retry-key-0005').send(body),
      ),
    );
    for (const r of answers) expect([201, 409]).toContain(r.status);
    expect(answers.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await countPartners(body.name)).toBe(1);
  });

  it('rejects a malformed key with 400', async () => {
    const res = await t.http
      .post(`${API}/partners`)
      .set(admin.auth)
      .set('Idempotency-Key', 'x')
      .send({ name: 'Kunci Pendek', type: 'ngo' });
    expectProblem(res, 400);
    expect(await countPartners('Kunci Pendek')).toBe(0);
  });
});

/**
 * The contract's creating POST routes (registrations, check-ins, bookings, participants): a retry with the
 * same key gets the first answer again, marked `Idempotent-Replayed: true`, and creates nothing (no row, no
 * audit row); the same key with another request (body or path) is refused with 422 and creates nothing.
 */
describe('Idempotency-Key on every creating POST route the contract names (e2e)', () => {
  let t: TestApp;
  let p: Personas;
  let fx: Fixtures;
  beforeAll(async () => {
    t = await createTestApp();
    p = await createPersonas(t);
    fx = new Fixtures(t, p);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  interface Request {
    path: string;
    body: Record<string, unknown>;
  }
  interface Case {
    who: keyof Personas;
    /** The first request, and another one (other body or other path) that must not reuse its key. */
    make: () => Promise<{ first: Request; other: Request }>;
    /** The tables the route writes to. */
    tables: string[];
  }

  const CASES: [string, Case][] = [
    [
      'POST /events/:id/registrations by a participant for themself',
      {
        who: 'participant',
        make: async () => ({
          first: { path: `/events/${await fx.publishedEvent()}/registrations`, body: {} },
          other: { path: `/events/${await fx.publishedEvent()}/registrations`, body: {} },
        }),
        tables: ['registrations'],
      },
    ],
    [
      'POST /events/:id/registrations by staff on behalf of someone',
      {
        who: 'staff',
        make: async () => {
          const path = `/events/${await fx.publishedEvent()}/registrations`;
          return {
            first: { path, body: { participantId: await fx.newParticipant() } },
            other: { path, body: { participantId: await fx.newParticipant() } },
          };
        },
        tables: ['registrations'],
      },
    ],
    [
      'POST /events/:id/check-ins by ticket',
      {
        who: 'staff',
        make: async () => {
          const r = await fx.registration();
          const other = await t.http
            .post(`${API}/events/${r.eventId}/registrations`)
            .set(p.staff.auth)
            .send({ participantId: p.otherParticipant.participantId });
          await startEventNow(t, r.eventId);
          const path = `/events/${r.eventId}/check-ins`;
          return {
            first: { path, body: { ticketCode: r.ticketCode } },
            other: { path, body: { ticketCode: other.body.ticketCode } },
          };
        },
        tables: ['check_ins'],
      },
    ],
    [
      'POST /events/:id/check-ins for a walk-in',
      {
        who: 'admin',
        make: async () => {
          const r = await fx.runningRegistration();
          const path = `/events/${r.eventId}/check-ins`;
          return {
            first: { path, body: { participantId: await fx.newParticipant() } },
            other: { path, body: { participantId: await fx.newParticipant() } },
          };
        },
        tables: ['registrations', 'check_ins'],
      },
    ],
    [
      'POST /bookings by a partner',
      {
        who: 'partner',
        make: async () => {
          const studioId = await fx.studio();
          return {
            first: { path: '/bookings', body: { studioId, ...fx.slot(9), topic: 'Podcast Pertama' } },
            other: { path: '/bookings', body: { studioId, ...fx.slot(13), topic: 'Podcast Kedua' } },
          };
        },
        tables: ['bookings'],
      },
    ],
    [
      'POST /bookings by staff for a partner',
      {
        who: 'staff',
        make: async () => {
          const studioId = await fx.studio();
          const partnerId = p.partner.partnerId;
          return {
            first: { path: '/bookings', body: { studioId, ...fx.slot(9), topic: 'Siaran Pertama', partnerId } },
            other: {
              path: '/bookings',
              body: { studioId, ...fx.slot(13), topic: 'Siaran Pertama', partnerId: p.otherPartner.partnerId },
            },
          };
        },
        tables: ['bookings'],
      },
    ],
    [
      'POST /participants',
      {
        who: 'staff',
        make: async () => ({
          first: { path: '/participants', body: participantBody() },
          other: { path: '/participants', body: participantBody() },
        }),
        tables: ['participants'],
      },
    ],
  ];

  const counts = async (tables: string[]) =>
    Object.fromEntries(
      await Promise.all(
        [...tables, 'audit_logs'].map(async (table) => [
          table,
          Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
        ]),
      ),
    );
  const send = (who: SignedIn, key: string, req: Request) =>
    t.http.post(`${API}${req.path}`).set(who.auth).set('Idempotency-Key', key).send(req.body);

  it.each(CASES)('%s: a retry replays the first answer and creates nothing', async (_name, c) => {
    const { first } = await c.make();
    const who = p[c.who];
    const key = `ulang-${randomUUID()}`;
    const answer = await send(who, key, first);
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBeUndefined();
    const after = await counts(c.tables);
    for (let i = 0; i < 2; i++) {
      const retry = await send(who, key, first);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(answer.body);
    }
    expect(await counts(c.tables)).toEqual(after);
  });

  it.each(CASES)('%s: the same key with another request is refused with 422 and creates nothing', async (_name, c) => {
    const { first, other } = await c.make();
    const who = p[c.who];
    const key = `lain-${randomUUID()}`;
    expect((await send(who, key, first)).status).toBe(201);
    const before = await counts(c.tables);
    expectProblem(await send(who, key, other), 422);
    expect(await counts(c.tables)).toEqual(before);
    // Without the key, that other request is fine: it was refused for the key alone.
    expect((await t.http.post(`${API}${other.path}`).set(who.auth).send(other.body)).status).toBe(201);
  });
});

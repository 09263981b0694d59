import { Event } from '../src/events/event.entity.js';
import { createPartner } from './support/foundation-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, eventBody, hours, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

describe('events (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, partner: SignedIn, participant: SignedIn;
  beforeAll(async () => {
    ({ t, staff, admin, partner, participant } = await bootWithPersonas(['staff', 'admin', 'partner', 'participant']));
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM events'))[0].n);

  describe('POST /events', () => {
    it('creates a draft with partners and defaults (201)', async () => {
      const p1 = await createPartner(t, admin);
      const res = await t.http
        .post(`${API}/events`)
        .set(staff.auth)
        .send(
          eventBody({
            partnerIds: [p1.id],
            startsAt: '2030-12-01T09:00:00+07:00',
            endsAt: '2030-12-01T12:00:00+07:00',
          }),
        );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        waitlistEnabled: true,
        confirmedCount: 0,
        waitlistedCount: 0,
        seatsLeft: 30,
        partners: [{ id: p1.id, name: p1.name }],
        targetGroups: ['umkm'],
        startsAt: '2030-12-01T02:00:00.000Z',
        registrationClosesAt: '2030-12-01T02:00:00.000Z',
      });
    });

    it('refuses bad input (400), other roles (403) and no token (401) without writing', async () => {
      const before = await count();
      const bad = async (over: Record<string, unknown>, field: string) => {
        const res = await t.http.post(`${API}/events`).set(admin.auth).send(eventBody(over));
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      };
      const s = hours(10);
      await bad({ startsAt: s, endsAt: s }, 'endsAt');
      await bad({ startsAt: hours(10), endsAt: hours(9) }, 'endsAt');
      await bad({ pillar: 'digital_fun' }, 'pillar');
      await bad({ format: 'radio' }, 'format');
      await bad({ capacity: 0 }, 'capacity');
      await bad({ partnerIds: ['00000000-0000-4000-8000-000000000000'] }, 'partnerIds');
      await bad({ kecamatanCode: '33.03.99' }, 'kecamatanCode');
      await bad({ targetGroups: ['pilots'] }, 'targetGroups');
      await bad({ registrationOpensAt: hours(60) }, 'registrationOpensAt');
      await bad({ startsAt: 'tomorrow' }, 'startsAt');
      for (const caller of [partner, participant]) {
        await expectProblem(await t.http.post(`${API}/events`).set(caller.auth).send(eventBody()), 403);
      }
      await expectProblem(await t.http.post(`${API}/events`).send(eventBody()), 401);
      expect(await count()).toBe(before);
    });
  });

  describe('lifecycle', () => {
    it('hides drafts from the public, publishes, and refuses a second publish (409)', async () => {
      const draft = await createEvent(t, staff, {}, false);
      await expectProblem(await t.http.get(`${API}/events/${draft.id}`), 404);
      await expectProblem(await t.http.get(`${API}/events/${draft.id}`).set(participant.auth), 404);
      await expectProblem(await t.http.get(`${API}/events/${draft.id}`).set(partner.auth), 404);
      expect((await t.http.get(`${API}/events/${draft.id}`).set(staff.auth)).status).toBe(200);
      await expectProblem(await t.http.post(`${API}/events/${draft.id}/publish`).set(participant.auth), 403);
      const pub = await t.http.post(`${API}/events/${draft.id}/publish`).set(admin.auth);
      expect(pub.status).toBe(200);
      expect(pub.body.status).toBe('published');
      expect((await t.http.get(`${API}/events/${draft.id}`)).status).toBe(200);
      await expectProblem(await t.http.post(`${API}/events/${draft.id}/publish`).set(admin.auth), 409);
    });

    it('deletes only drafts (204, else 409)', async () => {
      const draft = await createEvent(t, staff, {}, false);
      await expectProblem(await t.http.delete(`${API}/events/${draft.id}`).set(participant.auth), 403);
      expect((await t.http.delete(`${API}/events/${draft.id}`).set(staff.auth)).status).toBe(204);
      await expectProblem(await t.http.get(`${API}/events/${draft.id}`).set(staff.auth), 404);
      const live = await createEvent(t, staff);
      await expectProblem(await t.http.delete(`${API}/events/${live.id}`).set(staff.auth), 409, 'wrong_status');
      await expectProblem(
        await t.http.delete(`${API}/events/00000000-0000-4000-8000-000000000000`).set(staff.auth),
        404,
      );
    });

    it('patches, refusing capacity below confirmed (409) and promoting when capacity grows', async () => {
      const e = await createEvent(t, staff, { capacity: 2 });
      const people = [];
      for (let i = 0; i < 4; i++) people.push(await createParticipant(t, staff));
      const regs = [];
      for (const p of people) regs.push((await register(t, staff, e.id, p.id)).body);
      expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
      await expectProblem(
        await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ capacity: 1 }),
        409,
        'capacity_below_confirmed',
      );
      await expectProblem(
        await t.http
          .patch(`${API}/events/${e.id}`)
          .set(staff.auth)
          .send({ endsAt: hours(1) }),
        400,
      );
      await expectProblem(await t.http.patch(`${API}/events/${e.id}`).set(partner.auth).send({ capacity: 9 }), 403);
      const grown = await t.http
        .patch(`${API}/events/${e.id}`)
        .set(staff.auth)
        .send({ capacity: 3, title: 'Literasi Digital UMKM (Angkatan 2)' });
      expect(grown.status).toBe(200);
      expect(grown.body).toMatchObject({
        capacity: 3,
        confirmedCount: 3,
        waitlistedCount: 1,
        seatsLeft: 0,
        title: 'Literasi Digital UMKM (Angkatan 2)',
      });
      const third = await t.http.get(`${API}/registrations/${regs[2].id}`).set(staff.auth);
      const fourth = await t.http.get(`${API}/registrations/${regs[3].id}`).set(staff.auth);
      expect(third.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
      expect(fourth.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    });

    it('cancels with a reason, cancelling every active registration in the same transaction', async () => {
      const e = await createEvent(t, staff, { capacity: 1 });
      const a = await register(t, staff, e.id, (await createParticipant(t, staff)).id);
      const b = await register(t, staff, e.id, (await createParticipant(t, staff)).id);
      expect([a.body.status, b.body.status]).toEqual(['confirmed', 'waitlisted']);
      await expectProblem(await t.http.post(`${API}/events/${e.id}/cancel`).set(staff.auth).send({}), 400);
      await expectProblem(
        await t.http.post(`${API}/events/${e.id}/cancel`).set(participant.auth).send({ reason: 'Hujan deras' }),
        403,
      );
      const res = await t.http
        .post(`${API}/events/${e.id}/cancel`)
        .set(staff.auth)
        .send({ reason: 'Narasumber berhalangan' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Narasumber berhalangan',
        confirmedCount: 0,
        waitlistedCount: 0,
      });
      const list = await t.http.get(`${API}/events/${e.id}/registrations`).set(staff.auth);
      expect(
        list.body.data.map((r: { status: string; waitlistPosition: number | null }) => [r.status, r.waitlistPosition]),
      ).toEqual([
        ['cancelled', null],
        ['cancelled', null],
      ]);
      await expectProblem(
        await t.http.post(`${API}/events/${e.id}/cancel`).set(staff.auth).send({ reason: 'lagi' }),
        409,
      );
      await expectProblem(await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ capacity: 5 }), 409);
    });
  });

  describe('GET /events', () => {
    it('lists published and completed events by startsAt, with filters, pagination and partners', async () => {
      const tag = `Uji${Date.now().toString(36)}`;
      const pa = await createPartner(t, admin);
      const pb = await createPartner(t, admin);
      const later = await createEvent(t, staff, {
        title: `${tag} Aman Bermedia Sosial`,
        pillar: 'digital_safety',
        kecamatanCode: '33.03.08',
        startsAt: hours(100),
        endsAt: hours(102),
        partnerIds: [pa.id, pb.id],
      });
      const sooner = await createEvent(t, staff, {
        title: `${tag} Etika Digital`,
        pillar: 'digital_ethics',
        kecamatanCode: '33.03.10',
        partnerIds: [pa.id],
      });
      await createEvent(t, staff, { title: `${tag} Draf` }, false);
      // An event that has ended shows as completed.
      const past = await createEvent(t, staff, { title: `${tag} Lalu` });
      await t.dataSource
        .getRepository(Event)
        .update(past.id, { startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 3600_000) });

      const ids = async (query: Record<string, string | number>, caller?: SignedIn) => {
        const req = t.http.get(`${API}/events`).query(query);
        const res = await (caller ? req.set(caller.auth) : req);
        expect(res.status).toBe(200);
        return res.body.data.map((e: { id: string }) => e.id);
      };
      expect(await ids({ q: tag.toLowerCase() })).toEqual([past.id, sooner.id, later.id]);
      expect(await ids({ q: tag, status: 'completed' })).toEqual([past.id]);
      expect(await ids({ q: tag, status: 'published' })).toEqual([sooner.id, later.id]);
      expect(await ids({ q: tag, status: 'draft' })).toEqual([]);
      expect(await ids({ q: tag, status: 'draft' }, staff)).toHaveLength(1);
      // `all` is every status for staff and admin (the staff console), the public listing for anyone else.
      const draft = (await t.http.get(`${API}/events`).query({ q: tag, status: 'draft' }).set(staff.auth)).body.data[0]
        .id;
      expect((await ids({ q: tag, status: 'all' }, staff)).sort()).toEqual(
        [past.id, sooner.id, later.id, draft].sort(),
      );
      expect(await ids({ q: tag, status: 'all' }, admin)).toContain(draft);
      expect(await ids({ q: tag, status: 'all' })).toEqual([past.id, sooner.id, later.id]);
      expect(await ids({ q: tag, status: 'all' }, participant)).toEqual([past.id, sooner.id, later.id]);
      expect(await ids({ q: tag, status: 'all' }, partner)).toEqual([past.id, sooner.id, later.id]);
      expect(await ids({ q: tag, pillar: 'digital_safety' })).toEqual([later.id]);
      expect(await ids({ q: tag, kecamatanCode: '33.03.10' })).toEqual([sooner.id]);
      expect(await ids({ q: tag, from: hours(72) })).toEqual([later.id]);
      expect(await ids({ q: tag, to: hours(72) })).toEqual([past.id, sooner.id]);
      const paged = await t.http.get(`${API}/events`).query({ q: tag, limit: 1, page: 3 });
      expect(paged.body.meta).toEqual({ page: 3, limit: 1, total: 3 });
      expect(paged.body.data[0]).toMatchObject({
        id: later.id,
        partners: expect.arrayContaining([
          { id: pa.id, name: pa.name },
          { id: pb.id, name: pb.name },
        ]),
      });
      const pastOne = await t.http.get(`${API}/events/${past.id}`);
      expect(pastOne.body.status).toBe('completed');
      await expectProblem(await t.http.get(`${API}/events?status=open`), 400);
      await expectProblem(await t.http.get(`${API}/events?from=yesterday`), 400);

      const byPartner = await t.http.get(`${API}/partners/${pa.id}/events`);
      expect(byPartner.status).toBe(200);
      expect(byPartner.body.data.map((e: { id: string }) => e.id)).toEqual([sooner.id, later.id]);
      expect((await t.http.get(`${API}/partners/${pb.id}/events`)).body.data.map((e: { id: string }) => e.id)).toEqual([
        later.id,
      ]);
      await expectProblem(await t.http.get(`${API}/partners/00000000-0000-4000-8000-000000000000/events`), 404);
    });
  });

  describe('hostile input (regressions)', () => {
    it(
      'keeps a 200-character title of "İ" (its lower case used to outgrow the search column: ' +
        '500 on MySQL) and finds it',
      async () => {
        const res = await t.http
          .post(`${API}/events`)
          .set(staff.auth)
          .send(eventBody({ title: 'İ'.repeat(200) }));
        expect(res.status).toBe(201);
        expect(res.body.title).toBe('İ'.repeat(200));
        const found = await t.http.get(`${API}/events`).query({ q: 'İİİ', status: 'draft' }).set(staff.auth);
        expect(found.body.data.map((e: { id: string }) => e.id)).toContain(res.body.id);
      },
    );

    it(
      'refuses instants outside 2000–2199 with 400 (year 9999 ' +
        'at -12:00 was past the datetime range: 500 on MySQL)',
      async () => {
        const before = await count();
        for (const times of [
          { startsAt: '9999-12-31T00:00:00Z', endsAt: '9999-12-31T23:59:59-12:00' },
          { startsAt: '1999-12-31T09:00:00+07:00', endsAt: '2026-12-31T12:00:00+07:00' },
        ]) {
          const res = await t.http.post(`${API}/events`).set(staff.auth).send(eventBody(times));
          expectProblem(res, 400);
          expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(
            times.startsAt.startsWith('9') ? 'endsAt' : 'startsAt',
          );
        }
        expect(await count()).toBe(before);
        expectProblem(await t.http.get(`${API}/events?from=9999-12-31T23:59:59-12:00`), 400);
      },
    );

    it(
      'refuses instants without an offset (a server would read them in its own time zone) ' +
        'with 400 naming the field',
      async () => {
        const before = await count();
        for (const [field, times] of [
          ['startsAt', { startsAt: '2026-12-01T09:00:00', endsAt: '2026-12-01T12:00:00+07:00' }],
          ['endsAt', { startsAt: '2026-12-01T09:00:00+07:00', endsAt: '2026-12-01' }],
          ['registrationClosesAt', { registrationClosesAt: '2026-11-30T17:00:00' }],
        ] as const) {
          const res = await t.http.post(`${API}/events`).set(staff.auth).send(eventBody(times));
          expectProblem(res, 400);
          expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
        }
        expect(await count()).toBe(before);
        for (const qs of [
          'from=2026-12-01T00:00:00',
          'to=2026-12-31',
          'from=2026-12-01T00:00:00%2B07:00&to=2026-12-31T23:59',
        ]) {
          const res = await t.http.get(`${API}/events?${qs}`);
          expectProblem(res, 400);
        }
        const ok = await t.http
          .get(`${API}/events`)
          .query({ from: '2026-12-01T00:00:00+07:00', to: '2026-12-31T23:59:59Z' });
        expect(ok.status).toBe(200);
      },
    );

    it('refuses null for non-nullable fields, changing nothing (a null title or capacity was a 500)', async () => {
      const e = await createEvent(t, staff, {}, false);
      for (const body of [
        { title: null },
        { capacity: null },
        { pillar: null },
        { partnerIds: null },
        { startsAt: null },
      ]) {
        const res = await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send(body);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([
          { field: Object.keys(body)[0], message: `${Object.keys(body)[0]} may not be null` },
        ]);
      }
      const after = await t.http.get(`${API}/events/${e.id}`).set(staff.auth);
      expect(after.body).toMatchObject({
        title: e.title,
        capacity: e.capacity,
        pillar: e.pillar,
        startsAt: e.startsAt,
      });
      expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ venue: null })).body.venue).toBeNull();
    });
  });
});

describe('demo seed (trainings step)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds published trainings across pillars, a completed one, co-hosts and registrations', async () => {
    const { seedDemo } = await import('../src/seed/demo-seed.js');
    const result = await seedDemo((token) => t.app.get(token, { strict: false }));
    expect(result.seeded).toBe(true);
    const list = await t.http.get(`${API}/events?limit=100`);
    expect(list.status).toBe(200);
    const titles = list.body.data.map((e: { title: string }) => e.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Literasi Digital untuk UMKM Purbalingga',
        'Aman Bermedia Sosial bagi Pelajar',
        'Etika Digital untuk Perangkat Desa',
        'Budaya Digital: Konten Kreatif Berbahasa Banyumasan',
      ]),
    );
    expect(new Set(list.body.data.map((e: { pillar: string }) => e.pillar)).size).toBe(4);
    expect(list.body.data.some((e: { status: string }) => e.status === 'completed')).toBe(true);
    const full = list.body.data.find((e: { title: string }) => e.title === 'Aman Bermedia Sosial bagi Pelajar');
    expect(full).toMatchObject({
      confirmedCount: 3,
      waitlistedCount: 2,
      seatsLeft: 0,
      partners: [expect.objectContaining({ name: 'RAPI Wilayah Purbalingga' })],
    });

    // The seed acts as the demo staff account: its trainings and registrations are in the audit trail under it.
    const staffAccount = result.accounts.find((a) => a.role === 'staff')!;
    const [staffUser] = await t.dataSource.query('SELECT id FROM users WHERE email = ?', [staffAccount.email]);
    const actors: { actor_id: string; entity_type: string; n: number | string }[] = await t.dataSource.query(
      'SELECT actor_id, entity_type, COUNT(*) AS n FROM audit_logs ' +
        "WHERE entity_type IN ('event', 'registration') GROUP BY actor_id, entity_type",
    );
    expect(actors.map((a) => a.actor_id)).toEqual(actors.map(() => staffUser.id));
    expect(actors.map((a) => a.entity_type).sort()).toEqual(['event', 'registration']);
  });
});

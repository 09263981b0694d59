import {
  ALWAYS_OPEN,
  OFFICE_HOURS,
  at,
  book,
  createPartner,
  createStudio,
  nextWeekday,
} from './support/booking-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';

describe('Studios, closures and the calendar feed (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let staff: SignedIn;
  let partner: SignedIn;
  let participant: SignedIn;
  let partnerId: string;
  let partnerName: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn('admin');
    staff = await t.signIn('staff');
    participant = await t.signIn('participant');
    ({ id: partnerId, name: partnerName } = await createPartner(t, admin, 'Bank Jateng Cabang Uji'));
    partner = await t.signIn('partner', { partnerId });
  });
  afterAll(async () => {
    await t.close();
  });

  const studioCount = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM studios'))[0].n);

  describe('POST /studios', () => {
    it('lets an admin create a studio with the contract defaults', async () => {
      const res = await t.http.post(`${API}/studios`).set(admin.auth).send({
        name: 'Studio Podcast Media Center Dinkominfo',
        location: 'Media Center',
        capacity: 6,
        openingHours: OFFICE_HOURS,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        name: 'Studio Podcast Media Center Dinkominfo',
        location: 'Media Center',
        description: null,
        capacity: 6,
        slotMinutes: 30,
        bufferMinutes: 15,
        minNoticeHours: 24,
        maxDurationMinutes: 180,
        maxAdvanceDays: 60,
        maxActiveBookingsPerPartner: 4,
      });
      expect(res.body.openingHours).toHaveLength(10);
      expect(res.body.openingHours[0]).toEqual({ weekday: 1, opens: '08:00', closes: '12:00' });
      expect(res.body).not.toHaveProperty('calendarToken');
    });

    it('takes explicit rules', async () => {
      const studio = await createStudio(t, admin, {
        slotMinutes: 15,
        bufferMinutes: 0,
        minNoticeHours: 2,
        maxDurationMinutes: 120,
        maxAdvanceDays: 14,
        maxActiveBookingsPerPartner: 1,
      });
      expect(studio).toMatchObject({
        slotMinutes: 15,
        bufferMinutes: 0,
        minNoticeHours: 2,
        maxDurationMinutes: 120,
        maxAdvanceDays: 14,
        maxActiveBookingsPerPartner: 1,
      });
    });

    it('is for admins only', async () => {
      const before = await studioCount();
      const body = { name: 'Studio Lain', openingHours: OFFICE_HOURS };
      expectProblem(await t.http.post(`${API}/studios`).send(body), 401);
      for (const who of [staff, partner, participant])
        expectProblem(await t.http.post(`${API}/studios`).set(who.auth).send(body), 403);
      expect(await studioCount()).toBe(before);
    });

    it.each([
      ['no opening hours', { name: 'Studio X' }, 'openingHours'],
      [
        'a weekday out of range',
        { name: 'Studio X', openingHours: [{ weekday: 8, opens: '08:00', closes: '12:00' }] },
        'openingHours.0.weekday',
      ],
      [
        'a malformed time',
        { name: 'Studio X', openingHours: [{ weekday: 1, opens: '8:00', closes: '12:00' }] },
        'openingHours.0.opens',
      ],
      [
        'closing before opening',
        { name: 'Studio X', openingHours: [{ weekday: 1, opens: '12:00', closes: '08:00' }] },
        'openingHours',
      ],
      [
        'overlapping ranges on one day',
        {
          name: 'Studio X',
          openingHours: [
            { weekday: 1, opens: '08:00', closes: '12:00' },
            { weekday: 1, opens: '11:00', closes: '14:00' },
          ],
        },
        'openingHours',
      ],
      ['a null rule', { name: 'Studio X', openingHours: OFFICE_HOURS, slotMinutes: null }, 'slotMinutes'],
      ['a zero slot', { name: 'Studio X', openingHours: OFFICE_HOURS, slotMinutes: 0 }, 'slotMinutes'],
      ['an unknown field', { name: 'Studio X', openingHours: OFFICE_HOURS, colour: 'red' }, 'colour'],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const before = await studioCount();
      const res = await t.http.post(`${API}/studios`).set(admin.auth).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await studioCount()).toBe(before);
    });
  });

  describe('GET /studios, GET /studios/:id', () => {
    it('is open to every signed-in role, paginated', async () => {
      const studio = await createStudio(t, admin);
      for (const who of [admin, staff, partner, participant]) {
        const list = await t.http.get(`${API}/studios?limit=100`).set(who.auth);
        expect(list.status).toBe(200);
        expect(list.body.meta).toMatchObject({ page: 1, limit: 100, total: expect.any(Number) });
        expect(list.body.data.map((s: { id: string }) => s.id)).toContain(studio.id);
        const one = await t.http.get(`${API}/studios/${studio.id}`).set(who.auth);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ id: studio.id, name: studio.name });
      }
      const paged = await t.http.get(`${API}/studios?limit=1&page=2`).set(staff.auth);
      expect(paged.body.data).toHaveLength(1);
      expect(paged.body.meta).toMatchObject({ page: 2, limit: 1 });
    });

    it('needs a token, a UUID and an existing studio', async () => {
      expectProblem(await t.http.get(`${API}/studios`), 401);
      expectProblem(await t.http.get(`${API}/studios/not-a-uuid`).set(staff.auth), 400);
      expectProblem(await t.http.get(`${API}/studios/00000000-0000-4000-8000-000000000000`).set(staff.auth), 404);
      expectProblem(await t.http.get(`${API}/studios?limit=101`).set(staff.auth), 400);
    });
  });

  describe('PATCH /studios/:id', () => {
    it('lets an admin change names, hours and rules', async () => {
      const studio = await createStudio(t, admin);
      const res = await t.http
        .patch(`${API}/studios/${studio.id}`)
        .set(admin.auth)
        .send({
          name: 'Studio Baru',
          bufferMinutes: 30,
          openingHours: [{ weekday: 6, opens: '09:00', closes: '11:00' }],
          location: null,
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Studio Baru', bufferMinutes: 30, slotMinutes: 30, location: null });
      expect(res.body.openingHours).toEqual([{ weekday: 6, opens: '09:00', closes: '11:00' }]);
    });

    it('refuses other roles, bad hours and unknown studios, changing nothing', async () => {
      const studio = await createStudio(t, admin);
      for (const who of [staff, partner, participant]) {
        expectProblem(await t.http.patch(`${API}/studios/${studio.id}`).set(who.auth).send({ name: 'Nope' }), 403);
      }
      expectProblem(await t.http.patch(`${API}/studios/${studio.id}`).send({ name: 'Nope' }), 401);
      const bad = await t.http
        .patch(`${API}/studios/${studio.id}`)
        .set(admin.auth)
        .send({ name: 'Nope', openingHours: [{ weekday: 1, opens: '10:00', closes: '10:00' }] });
      expectProblem(bad, 400);
      expectProblem(
        await t.http.patch(`${API}/studios/${studio.id}`).set(admin.auth).send({ openingHours: null }),
        400,
      );
      expectProblem(
        await t.http.patch(`${API}/studios/${studio.id}`).set(admin.auth).send({ maxAdvanceDays: -1 }),
        400,
      );
      const after = await t.http.get(`${API}/studios/${studio.id}`).set(admin.auth);
      expect(after.body).toMatchObject({ name: studio.name, maxAdvanceDays: 60, openingHours: OFFICE_HOURS });
      expectProblem(
        await t.http.patch(`${API}/studios/00000000-0000-4000-8000-000000000000`).set(admin.auth).send({ name: 'X Y' }),
        404,
      );
    });

    it('is audited', async () => {
      const studio = await createStudio(t, admin);
      await t.http.patch(`${API}/studios/${studio.id}`).set(admin.auth).send({ slotMinutes: 60 });
      const logs = await t.http.get(`${API}/audit-logs?entityType=studio&limit=100`).set(admin.auth);
      const mine = logs.body.data.filter((l: { entityId: string }) => l.entityId === studio.id);
      expect(mine.map((l: { action: string }) => l.action).sort()).toEqual(['create', 'update']);
      expect(JSON.stringify(mine)).not.toMatch(/calendarToken/);
    });
  });

  describe('closures', () => {
    const day = nextWeekday(3);

    it('staff and admins add, list and remove closures', async () => {
      const studio = await createStudio(t, admin);
      const add = await t.http
        .post(`${API}/studios/${studio.id}/closures`)
        .set(staff.auth)
        .send({ startsAt: at(day, '00:00'), endsAt: at(day, '23:59'), reason: 'Cuti bersama' });
      expect(add.status).toBe(201);
      expect(add.body).toMatchObject({ studioId: studio.id, reason: 'Cuti bersama', createdBy: staff.id });
      expect(new Date(add.body.startsAt).toISOString()).toBe(new Date(at(day, '00:00')).toISOString());
      const second = await t.http
        .post(`${API}/studios/${studio.id}/closures`)
        .set(admin.auth)
        .send({ startsAt: at(day, '00:00'), endsAt: at(day, '01:00'), reason: 'Perawatan' });
      expect(second.status).toBe(201);
      const list = await t.http.get(`${API}/studios/${studio.id}/closures`).set(admin.auth);
      expect(list.status).toBe(200);
      expect(list.body.meta.total).toBe(2);
      const del = await t.http.delete(`${API}/studios/${studio.id}/closures/${add.body.id}`).set(staff.auth);
      expect(del.status).toBe(204);
      expectProblem(await t.http.delete(`${API}/studios/${studio.id}/closures/${add.body.id}`).set(staff.auth), 404);
      const after = await t.http.get(`${API}/studios/${studio.id}/closures`).set(staff.auth);
      expect(after.body.data.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
    });

    it('closures take the studio off availability and make bookings 422', async () => {
      const studio = await createStudio(t, admin);
      const before = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${day}&duration=60`)
        .set(staff.auth);
      expect(before.body.slots.length).toBeGreaterThan(0);
      const closure = await t.http
        .post(`${API}/studios/${studio.id}/closures`)
        .set(staff.auth)
        .send({ startsAt: at(day, '00:00'), endsAt: at(day, '23:59'), reason: 'Hari libur nasional' });
      const after = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${day}&duration=60`)
        .set(staff.auth);
      expect(after.body.slots).toEqual([]);
      const res = await t.http
        .post(`${API}/bookings`)
        .set(staff.auth)
        .send({
          studioId: studio.id,
          partnerId,
          startsAt: at(day, '09:00'),
          endsAt: at(day, '10:00'),
          topic: 'Rekaman',
        });
      expectProblem(res, 422);
      await t.http.delete(`${API}/studios/${studio.id}/closures/${closure.body.id}`).set(staff.auth);
      const again = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${day}&duration=60`)
        .set(staff.auth);
      expect(again.body.slots).toEqual(before.body.slots);
    });

    it('refuses bad input, other roles and unknown ids', async () => {
      const studio = await createStudio(t, admin);
      const url = `${API}/studios/${studio.id}/closures`;
      const body = { startsAt: at(day, '10:00'), endsAt: at(day, '12:00'), reason: 'Perawatan' };
      const ends = await t.http
        .post(url)
        .set(staff.auth)
        .send({ ...body, endsAt: at(day, '10:00') });
      expectProblem(ends, 400);
      expect(ends.body.errors[0].field).toBe('endsAt');
      expectProblem(
        await t.http
          .post(url)
          .set(staff.auth)
          .send({ ...body, reason: undefined }),
        400,
      );
      expectProblem(
        await t.http
          .post(url)
          .set(staff.auth)
          .send({ ...body, startsAt: '2026-12-01 10:00' }),
        400,
      );
      expectProblem(
        await t.http
          .post(url)
          .set(staff.auth)
          .send({ ...body, startsAt: `${day}T10:00:00` }),
        400,
      );
      expectProblem(
        await t.http
          .post(url)
          .set(staff.auth)
          .send({ ...body, startsAt: '0001-01-01T00:00:00Z' }),
        400,
      );
      expectProblem(
        await t.http
          .post(url)
          .set(staff.auth)
          .send({ ...body, endsAt: '9999-12-31T23:59:59Z' }),
        400,
      );
      for (const who of [partner, participant]) {
        expectProblem(await t.http.post(url).set(who.auth).send(body), 403);
        expectProblem(await t.http.get(url).set(who.auth), 403);
      }
      expectProblem(await t.http.post(url).send(body), 401);
      expectProblem(
        await t.http.post(`${API}/studios/00000000-0000-4000-8000-000000000000/closures`).set(staff.auth).send(body),
        404,
      );
      expectProblem(
        await t.http.get(`${API}/studios/00000000-0000-4000-8000-000000000000/closures`).set(staff.auth),
        404,
      );
      const list = await t.http.get(url).set(staff.auth);
      expect(list.body.meta.total).toBe(0);

      const other = await createStudio(t, admin);
      const closure = await t.http.post(url).set(staff.auth).send(body);
      expectProblem(await t.http.delete(`${API}/studios/${other.id}/closures/${closure.body.id}`).set(staff.auth), 404);
      expectProblem(await t.http.delete(`${url}/${closure.body.id}`).set(partner.auth), 403);
      expect((await t.http.get(url).set(staff.auth)).body.meta.total).toBe(1);
    });
  });

  describe('calendar feed', () => {
    it('gives the token to staff and admins only', async () => {
      const studio = await createStudio(t, admin);
      const res = await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(staff.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ studioId: studio.id, token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
      expect(res.body.feedPath).toBe(`/api/v1/studios/${studio.id}/calendar.ics?token=${res.body.token}`);
      expect((await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(admin.auth)).body.token).toBe(
        res.body.token,
      );
      for (const who of [partner, participant]) {
        expectProblem(await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(who.auth), 403);
        expectProblem(await t.http.post(`${API}/studios/${studio.id}/calendar-token/rotate`).set(who.auth), 403);
      }
      expectProblem(await t.http.get(`${API}/studios/${studio.id}/calendar-token`), 401);
      expectProblem(
        await t.http.get(`${API}/studios/00000000-0000-4000-8000-000000000000/calendar-token`).set(staff.auth),
        404,
      );
      const other = await createStudio(t, admin);
      expect((await t.http.get(`${API}/studios/${other.id}/calendar-token`).set(staff.auth)).body.token).not.toBe(
        res.body.token,
      );
    });

    it('serves approved bookings as text/calendar in Asia/Jakarta to the token holder', async () => {
      const studio = await createStudio(t, admin, { openingHours: ALWAYS_OPEN });
      const day = nextWeekday(2);
      const approved = await book(t, staff, {
        studioId: studio.id,
        partnerId,
        startsAt: at(day, '09:00'),
        endsAt: at(day, '10:30'),
        topic: 'Literasi Keuangan Digital',
      });
      await book(t, partner, {
        studioId: studio.id,
        startsAt: at(day, '13:00'),
        endsAt: at(day, '14:00'),
        topic: 'Masih Menunggu Persetujuan',
      });
      const { token } = (await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(staff.auth)).body;
      const res = await t.http.get(`${API}/studios/${studio.id}/calendar.ics`).query({ token });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const ics = res.text;
      expect(ics).toMatch(/^BEGIN:VCALENDAR/);
      expect(ics).toContain('X-WR-TIMEZONE:Asia/Jakarta');
      expect(ics).toContain('BEGIN:VTIMEZONE');
      expect(ics).toContain(`UID:${approved.id}@`);
      expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:Literasi Keuangan Digital — ${partnerName}`);
      expect(ics).toContain(`DTSTART;TZID=Asia/Jakarta:${day.replace(/-/g, '')}T090000`);
      expect(ics).toContain(`DTEND;TZID=Asia/Jakarta:${day.replace(/-/g, '')}T103000`);
      expect(ics).not.toContain('Masih Menunggu');
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);

      // A calendar app's next poll: 304 while nothing changed, the new feed once a booking is approved.
      const etag = res.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const again = await t.http
        .get(`${API}/studios/${studio.id}/calendar.ics`)
        .query({ token })
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      await book(t, staff, {
        studioId: studio.id,
        partnerId,
        startsAt: at(day, '15:00'),
        endsAt: at(day, '16:00'),
        topic: 'Podcast Baru',
      });
      const changed = await t.http
        .get(`${API}/studios/${studio.id}/calendar.ics`)
        .query({ token })
        .set('If-None-Match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.text).toContain('Podcast Baru');
    });

    it('answers 404 to a missing or wrong token, and rotation retires the old token', async () => {
      const studio = await createStudio(t, admin);
      const url = `${API}/studios/${studio.id}/calendar.ics`;
      const { token } = (await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(staff.auth)).body;
      expectProblem(await t.http.get(url), 404);
      expectProblem(await t.http.get(url).query({ token: 'x'.repeat(32) }), 404);
      expectProblem(await t.http.get(url).query({ token: `${token}x` }), 404);
      expectProblem(
        await t.http.get(`${API}/studios/00000000-0000-4000-8000-000000000000/calendar.ics`).query({ token }),
        404,
      );
      const rotated = await t.http.post(`${API}/studios/${studio.id}/calendar-token/rotate`).set(admin.auth);
      expect(rotated.status).toBe(200);
      expect(rotated.body.token).not.toBe(token);
      expectProblem(await t.http.get(url).query({ token }), 404);
      expect((await t.http.get(url).query({ token: rotated.body.token })).status).toBe(200);
      expect((await t.http.get(`${API}/studios/${studio.id}/calendar-token`).set(staff.auth)).body.token).toBe(
        rotated.body.token,
      );
    });
  });
});

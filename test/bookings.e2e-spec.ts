import { Booking } from '../src/bookings/booking.entity.js';
import {
  ALWAYS_OPEN,
  addDays,
  at,
  book,
  countBookings,
  createPartner,
  createStudio,
  localDate,
  moveBooking,
  nextWeekday,
  postBooking,
} from './support/booking-factory.js';
import type { ProblemCode } from '../src/common/problem-codes.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';

const HOUR_MS = 60 * 60 * 1000;
const NO_STUDIO = '00000000-0000-4000-8000-000000000000';

describe('Studio bookings (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let staff: SignedIn;
  let participant: SignedIn;
  let partnerA: { id: string; name: string };
  let partnerB: { id: string; name: string };
  let userA: SignedIn;
  let userA2: SignedIn;
  let userB: SignedIn;
  /** A Monday and the Tuesday after it, both well ahead of the 24-hour notice and inside the 60-day horizon. */
  const monday = nextWeekday(1, 2);
  const tuesday = addDays(monday, 1);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn('admin');
    staff = await t.signIn('staff');
    participant = await t.signIn('participant');
    partnerA = await createPartner(t, admin, 'BPRS Buana Mitra Perwira Uji');
    partnerB = await createPartner(t, admin, 'RAPI Wilayah Purbalingga Uji');
    userA = await t.signIn('partner', { partnerId: partnerA.id });
    userA2 = await t.signIn('partner', { partnerId: partnerA.id });
    userB = await t.signIn('partner', { partnerId: partnerB.id });
  });
  afterAll(async () => {
    await t.close();
  });

  const slot = (studioId: string, day: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    studioId,
    startsAt: at(day, from),
    endsAt: at(day, to),
    ...extra,
  });
  const action = (id: string, name: string, who: SignedIn, body: object = {}) =>
    t.http.post(`${API}/bookings/${id}/${name}`).set(who.auth).send(body);

  describe('POST /bookings', () => {
    it('a partner books for its own partner: 201 pending', async () => {
      const studio = await createStudio(t, admin);
      const res = await postBooking(
        t,
        userA,
        slot(studio.id, monday, '09:00', '10:30', {
          topic: 'Literasi Keuangan',
          guestCount: 3,
          description: 'Episode 1',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        studioId: studio.id,
        partnerId: partnerA.id,
        partnerName: partnerA.name,
        createdBy: userA.id,
        topic: 'Literasi Keuangan',
        description: 'Episode 1',
        guestCount: 3,
        status: 'pending',
        statusReason: null,
        decidedBy: null,
      });
      expect(new Date(res.body.startsAt).toISOString()).toBe(new Date(at(monday, '09:00')).toISOString());
      expect(new Date(res.body.endsAt).toISOString()).toBe(new Date(at(monday, '10:30')).toISOString());
      const own = await postBooking(t, userA, slot(studio.id, monday, '13:00', '14:00', { partnerId: partnerA.id }));
      expect(own.status).toBe(201);
    });

    it('staff and admins book for any partner: 201 approved', async () => {
      const studio = await createStudio(t, admin);
      const byStaff = await postBooking(
        t,
        staff,
        slot(studio.id, monday, '09:00', '10:00', { partnerId: partnerB.id }),
      );
      expect(byStaff.status).toBe(201);
      expect(byStaff.body).toMatchObject({
        partnerId: partnerB.id,
        status: 'approved',
        decidedBy: staff.id,
        createdBy: staff.id,
      });
      const byAdmin = await postBooking(
        t,
        admin,
        slot(studio.id, monday, '13:00', '14:00', { partnerId: partnerA.id }),
      );
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body.status).toBe('approved');
    });

    it('refuses callers who may not book, and partners booking for another partner', async () => {
      const studio = await createStudio(t, admin);
      const body = slot(studio.id, monday, '09:00', '10:00', { topic: 'Uji' });
      expectProblem(await t.http.post(`${API}/bookings`).send(body), 401);
      expectProblem(await postBooking(t, participant, body), 403);
      expectProblem(await postBooking(t, userA, { ...body, partnerId: partnerB.id }), 403);
      expect(await countBookings(t, studio.id)).toBe(0);
    });

    it('staff must name an existing partner (400)', async () => {
      const studio = await createStudio(t, admin);
      const missing = await postBooking(t, staff, slot(studio.id, monday, '09:00', '10:00'));
      expectProblem(missing, 400);
      expect(missing.body.errors[0].field).toBe('partnerId');
      const unknown = await postBooking(t, staff, slot(studio.id, monday, '09:00', '10:00', { partnerId: NO_STUDIO }));
      expectProblem(unknown, 400);
      expect(unknown.body.errors[0].field).toBe('partnerId');
      expect(await countBookings(t, studio.id)).toBe(0);
    });

    const badBodies: [string, Record<string, unknown>, string][] = [
      ['ends before it starts', { startsAt: at(monday, '09:00'), endsAt: at(monday, '09:00') }, 'endsAt'],
      ['a time without offset', { startsAt: `${monday}T09:00:00` }, 'startsAt'],
      ['an impossible date', { startsAt: '2026-02-30T09:00:00+07:00' }, 'startsAt'],
      ['an unknown field', { status: 'approved' }, 'status'],
      ['no topic', { topic: undefined }, 'topic'],
      ['a negative guest count', { guestCount: -1 }, 'guestCount'],
      ['a malformed studio id', { studioId: 'studio-1' }, 'studioId'],
    ];
    it.each(badBodies)('refuses %s with 400', async (_what, change, field) => {
      const studio = await createStudio(t, admin);
      const body = { ...slot(studio.id, monday, '09:00', '10:00'), topic: 'Uji', ...change };
      const res = await t.http.post(`${API}/bookings`).set(userA.auth).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countBookings(t, studio.id)).toBe(0);
    });

    it('answers 404 for an unknown studio', async () => {
      expectProblem(await postBooking(t, userA, slot(NO_STUDIO, monday, '09:00', '10:00')), 404);
    });

    describe('rule breaks are 422 and change nothing', () => {
      const cases: [string, Record<string, unknown>, (studioId: string) => Record<string, unknown>][] = [
        ['off the slot grid', {}, (id) => slot(id, monday, '09:10', '10:10')],
        ['outside opening hours', {}, (id) => slot(id, monday, '16:00', '17:00')],
        ['across the lunch break', {}, (id) => slot(id, monday, '11:30', '13:30')],
        ['before opening', {}, (id) => slot(id, monday, '07:30', '08:30')],
        ['on a day the studio is shut', {}, (id) => slot(id, addDays(monday, 5), '09:00', '10:00')],
        ['longer than the maximum', {}, (id) => slot(id, monday, '08:00', '11:30')],
        [
          'further ahead than the horizon',
          { openingHours: ALWAYS_OPEN },
          (id) => slot(id, localDate(70), '09:00', '10:00'),
        ],
        [
          'with less notice than required',
          { openingHours: ALWAYS_OPEN, minNoticeHours: 72 },
          (id) => slot(id, localDate(2), '09:00', '10:00'),
        ],
        [
          'in the past',
          { openingHours: ALWAYS_OPEN, minNoticeHours: 0 },
          (id) => slot(id, localDate(-1), '09:00', '10:00'),
        ],
        [
          'with more guests than the studio holds',
          { capacity: 4 },
          (id) => slot(id, monday, '09:00', '10:00', { guestCount: 5 }),
        ],
      ];
      const codes: Record<string, ProblemCode> = {
        'off the slot grid': 'off_grid',
        'outside opening hours': 'outside_opening_hours',
        'across the lunch break': 'outside_opening_hours',
        'before opening': 'outside_opening_hours',
        'on a day the studio is shut': 'outside_opening_hours',
        'longer than the maximum': 'too_long',
        'further ahead than the horizon': 'too_far_ahead',
        'with less notice than required': 'notice_too_short',
        'in the past': 'in_past',
        'with more guests than the studio holds': 'studio_capacity_exceeded',
      };
      it.each(cases)('%s', async (what, studioRules, body) => {
        const studio = await createStudio(t, admin, studioRules);
        const res = await postBooking(t, userA, body(studio.id) as never);
        expectProblem(res, 422, codes[what]);
        const byStaff = await postBooking(t, staff, {
          ...(body(studio.id) as { studioId: string; startsAt: string; endsAt: string }),
          partnerId: partnerA.id,
        });
        expectProblem(byStaff, 422, codes[what]);
        expect(await countBookings(t, studio.id)).toBe(0);
      });

      it('in a closure', async () => {
        const studio = await createStudio(t, admin);
        await t.http
          .post(`${API}/studios/${studio.id}/closures`)
          .set(staff.auth)
          .send({ startsAt: at(monday, '09:30'), endsAt: at(monday, '10:00'), reason: 'Perawatan peralatan' });
        expectProblem(await postBooking(t, userA, slot(studio.id, monday, '09:00', '10:00')), 422, 'in_closure');
        expect((await postBooking(t, userA, slot(studio.id, monday, '10:00', '11:00'))).status).toBe(201);
      });
    });

    describe('conflicts are 409', () => {
      it('with a pending or approved booking, overlap or closer than the buffer', async () => {
        const studio = await createStudio(t, admin, { slotMinutes: 15, bufferMinutes: 15 });
        await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
        await book(t, staff, slot(studio.id, monday, '13:00', '14:00', { partnerId: partnerB.id }));
        for (const [from, to] of [
          ['09:00', '10:00'],
          ['09:30', '10:30'],
          ['08:00', '09:00'],
          ['10:00', '11:00'],
          ['14:00', '15:00'],
        ]) {
          const res = await postBooking(t, userB, slot(studio.id, monday, from, to));
          expectProblem(res, 409, 'slot_taken');
        }
        expect(await countBookings(t, studio.id)).toBe(2);
        // Exactly the buffer apart is fine, on either side.
        expect((await postBooking(t, userB, slot(studio.id, monday, '10:15', '11:00'))).status).toBe(201);
        expect((await postBooking(t, userB, slot(studio.id, monday, '08:00', '08:45'))).status).toBe(201);
        expect((await postBooking(t, userB, slot(studio.id, monday, '14:15', '15:00'))).status).toBe(201);
      });

      it('not with rejected or cancelled bookings: the slot is free again', async () => {
        const studio = await createStudio(t, admin);
        const first = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
        expectProblem(await postBooking(t, userB, slot(studio.id, monday, '09:00', '10:00')), 409);
        await action(first.id, 'reject', staff, { reason: 'Studio dipakai dinas' });
        const second = await book(t, userB, slot(studio.id, monday, '09:00', '10:00'));
        await action(second.id, 'cancel', userB, {});
        expect((await postBooking(t, userA, slot(studio.id, monday, '09:00', '10:00'))).status).toBe(201);
      });

      it('a partner holding maxActiveBookingsPerPartner upcoming bookings is refused; staff are exempt', async () => {
        const studio = await createStudio(t, admin, { maxActiveBookingsPerPartner: 2 });
        const first = await book(t, userA, slot(studio.id, monday, '08:00', '09:00'));
        await book(t, userA2, slot(studio.id, monday, '10:00', '11:00'));
        const third = await postBooking(t, userA, slot(studio.id, tuesday, '08:00', '09:00'));
        expectProblem(third, 409, 'booking_cap_reached');
        expect(third.body.detail).toMatch(/at most 2/);
        // Another partner is not affected, nor is another studio.
        expect((await postBooking(t, userB, slot(studio.id, tuesday, '08:00', '09:00'))).status).toBe(201);
        const other = await createStudio(t, admin, { maxActiveBookingsPerPartner: 2 });
        expect((await postBooking(t, userA, slot(other.id, monday, '08:00', '09:00'))).status).toBe(201);
        // Staff may book beyond the cap for the partner.
        expect(
          (await postBooking(t, staff, slot(studio.id, tuesday, '13:00', '14:00', { partnerId: partnerA.id }))).status,
        ).toBe(201);
        // Freeing one of them lets the partner book again.
        await action(first.id, 'cancel', userA, { reason: 'Narasumber berhalangan' });
        const staffHeld = await t.http.get(`${API}/bookings?studioId=${studio.id}&status=approved`).set(userA.auth);
        expect(staffHeld.body.meta.total).toBe(1);
        // Still two upcoming (one pending, one approved by staff): refused; cancel the staff one and it goes.
        expectProblem(await postBooking(t, userA, slot(studio.id, tuesday, '15:00', '16:00')), 409);
        await action(staffHeld.body.data[0].id, 'cancel', staff);
        expect((await postBooking(t, userA, slot(studio.id, tuesday, '15:00', '16:00'))).status).toBe(201);
      });
    });

    it('honours Idempotency-Key: a retry gets the first answer and creates nothing more', async () => {
      const studio = await createStudio(t, admin);
      const body = { ...slot(studio.id, monday, '09:00', '10:00'), topic: 'Podcast Ulang' };
      const first = await t.http
        .post(`${API}/bookings`)
        .set(userA.auth)
        .set('Idempotency-Key', 'booking-key-0001')
        .send(body);
      const again = await t.http
        .post(`${API}/bookings`)
        .set(userA.auth)
        .set('Idempotency-Key', 'booking-key-0001')
        .send(body);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await countBookings(t, studio.id)).toBe(1);
      const other = await t.http
        .post(`${API}/bookings`)
        .set(userA.auth)
        .set('Idempotency-Key', 'booking-key-0001')
        .send({ ...body, topic: 'Lain' });
      expectProblem(other, 422);
    });
  });

  describe('GET /studios/:id/availability', () => {
    it('is for partners, staff and admins', async () => {
      const studio = await createStudio(t, admin);
      const url = `${API}/studios/${studio.id}/availability?date=${monday}&duration=60`;
      for (const who of [userA, staff, admin]) {
        const res = await t.http.get(url).set(who.auth);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ studioId: studio.id, date: monday });
        expect(res.body.slots.length).toBeGreaterThan(0);
      }
      expectProblem(await t.http.get(url).set(participant.auth), 403);
      expectProblem(await t.http.get(url), 401);
    });

    it.each([
      ['date=2026-02-30&duration=60'],
      ['date=tomorrow&duration=60'],
      ['duration=60'],
      ['date=2026-12-01'],
      ['date=2026-12-01&duration=0'],
      ['date=2026-12-01&duration=abc'],
      ['date=2026-12-01&duration=30.5'],
      ['date=2026-12-01&duration=60&extra=1'],
    ])('refuses %s with 400', async (qs) => {
      const studio = await createStudio(t, admin);
      expectProblem(await t.http.get(`${API}/studios/${studio.id}/availability?${qs}`).set(staff.auth), 400);
    });

    it('answers 404 for an unknown studio', async () => {
      expectProblem(
        await t.http.get(`${API}/studios/${NO_STUDIO}/availability?date=${monday}&duration=60`).set(staff.auth),
        404,
      );
    });

    it('lists the grid starts of a day, around the lunch break, bookings, buffer and closures', async () => {
      const studio = await createStudio(t, admin);
      const empty = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${monday}&duration=60`)
        .set(userA.auth);
      const starts = (body: { slots: { startsAt: string }[] }) =>
        body.slots.map((s) => new Date(s.startsAt).toISOString());
      const iso = (hhmm: string) => new Date(at(monday, hhmm)).toISOString();
      expect(starts(empty.body)).toEqual(
        [
          '08:00',
          '08:30',
          '09:00',
          '09:30',
          '10:00',
          '10:30',
          '11:00',
          '13:00',
          '13:30',
          '14:00',
          '14:30',
          '15:00',
        ].map(iso),
      );
      expect(empty.body.slots[0].endsAt).toBe(new Date(at(monday, '09:00')).toISOString());
      const weekend = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${addDays(monday, 6)}&duration=60`)
        .set(userA.auth);
      expect(weekend.body.slots).toEqual([]);
      const tooLong = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${monday}&duration=240`)
        .set(userA.auth);
      expect(tooLong.body.slots).toEqual([]);
      const past = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${localDate(-7)}&duration=60`)
        .set(userA.auth);
      expect(past.body.slots).toEqual([]);

      await book(t, staff, slot(studio.id, monday, '09:00', '10:00', { partnerId: partnerB.id }));
      const busy = await t.http
        .get(`${API}/studios/${studio.id}/availability?date=${monday}&duration=60`)
        .set(userA.auth);
      const got = starts(busy.body);
      expect(got).toContain(iso('10:30'));
      expect(got).toContain(iso('11:00'));
      for (const taken of ['08:00', '08:30', '09:00', '09:30', '10:00']) expect(got).not.toContain(iso(taken));
    });

    it('agrees with POST /bookings at every grid start of a day', async () => {
      const studio = await createStudio(t, admin, { bufferMinutes: 20, slotMinutes: 30 });
      await book(t, staff, slot(studio.id, monday, '09:00', '10:00', { partnerId: partnerB.id }));
      await book(t, userB, slot(studio.id, monday, '14:30', '15:00'));
      await t.http
        .post(`${API}/studios/${studio.id}/closures`)
        .set(staff.auth)
        .send({ startsAt: at(monday, '13:00'), endsAt: at(monday, '13:45'), reason: 'Rapat dinas' });
      for (const duration of [30, 60, 90]) {
        const res = await t.http
          .get(`${API}/studios/${studio.id}/availability?date=${monday}&duration=${duration}`)
          .set(userA.auth);
        expect(res.status).toBe(200);
        const listed = new Set(res.body.slots.map((s: { startsAt: string }) => new Date(s.startsAt).getTime()));
        let accepted = 0;
        for (let minutes = 7 * 60; minutes < 17 * 60; minutes += 30) {
          const startsAt = new Date(at(monday, '00:00')).getTime() + minutes * 60_000;
          const body = {
            studioId: studio.id,
            partnerId: partnerA.id,
            topic: 'Uji kesesuaian',
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(startsAt + duration * 60_000).toISOString(),
          };
          const made = await t.http.post(`${API}/bookings`).set(staff.auth).send(body);
          if (listed.has(startsAt)) {
            expect({ at: body.startsAt, duration, status: made.status }).toEqual({
              at: body.startsAt,
              duration,
              status: 201,
            });
            accepted++;
            expect((await action(made.body.id, 'cancel', staff)).status).toBe(200);
          } else {
            expect({ at: body.startsAt, duration, status: [409, 422].includes(made.status) }).toEqual({
              at: body.startsAt,
              duration,
              status: true,
            });
          }
        }
        expect(accepted).toBe(listed.size);
        expect(accepted).toBeGreaterThan(0);
      }
    });
  });

  describe('GET /bookings and GET /bookings/:id', () => {
    let studioId: string;
    let aPending: Record<string, any>;
    let aByStaff: Record<string, any>;
    let bApproved: Record<string, any>;

    beforeAll(async () => {
      studioId = (await createStudio(t, admin)).id;
      aPending = await book(t, userA, slot(studioId, monday, '08:00', '09:00'));
      aByStaff = await book(t, staff, slot(studioId, tuesday, '08:00', '09:00', { partnerId: partnerA.id }));
      bApproved = await book(t, staff, slot(studioId, monday, '13:00', '14:00', { partnerId: partnerB.id }));
    });

    it("a partner sees only its own partner's bookings, whoever made them", async () => {
      for (const who of [userA, userA2]) {
        const res = await t.http.get(`${API}/bookings?studioId=${studioId}`).set(who.auth);
        expect(res.status).toBe(200);
        expect(res.body.data.map((b: { id: string }) => b.id)).toEqual([aPending.id, aByStaff.id]);
        expect(res.body.meta).toEqual({ page: 1, limit: 20, total: 2 });
      }
      const b = await t.http.get(`${API}/bookings?studioId=${studioId}`).set(userB.auth);
      expect(b.body.data.map((x: { id: string }) => x.id)).toEqual([bApproved.id]);
    });

    it('sort=createdAt puts the oldest request first (the queue staff work through)', async () => {
      // Requested in another order than they take place.
      const requested = [aByStaff, bApproved, aPending];
      for (const [i, b] of requested.entries()) {
        await t.dataSource
          .createQueryBuilder()
          .update(Booking)
          .set({ createdAt: new Date(Date.now() - (3 - i) * 60_000) })
          .where('id = :id', { id: b.id })
          .execute();
      }
      const byRequest = await t.http.get(`${API}/bookings?studioId=${studioId}&sort=createdAt`).set(staff.auth);
      expect(byRequest.body.data.map((b: { id: string }) => b.id)).toEqual(requested.map((b) => b.id));
      await expectProblem(await t.http.get(`${API}/bookings?sort=topic`).set(staff.auth), 400);
    });

    it('staff see all, filtered by studio, status and local date range, paginated', async () => {
      const all = await t.http.get(`${API}/bookings?studioId=${studioId}`).set(staff.auth);
      expect(all.body.data.map((b: { id: string }) => b.id)).toEqual([aPending.id, bApproved.id, aByStaff.id]);
      const approved = await t.http.get(`${API}/bookings?studioId=${studioId}&status=approved`).set(admin.auth);
      expect(approved.body.data.map((b: { id: string }) => b.id)).toEqual([bApproved.id, aByStaff.id]);
      const mondayOnly = await t.http
        .get(`${API}/bookings?studioId=${studioId}&from=${monday}&to=${monday}`)
        .set(staff.auth);
      expect(mondayOnly.body.data.map((b: { id: string }) => b.id)).toEqual([aPending.id, bApproved.id]);
      const afternoon = await t.http
        .get(`${API}/bookings`)
        .query({ studioId, from: at(monday, '12:00'), to: at(tuesday, '08:00') })
        .set(staff.auth);
      expect(afternoon.body.data.map((b: { id: string }) => b.id)).toEqual([bApproved.id]);
      const paged = await t.http.get(`${API}/bookings?studioId=${studioId}&limit=2&page=2`).set(staff.auth);
      expect(paged.body).toMatchObject({ data: [{ id: aByStaff.id }], meta: { page: 2, limit: 2, total: 3 } });
    });

    it('refuses bad filters and other roles', async () => {
      for (const qs of ['status=done', 'from=yesterday', 'to=2026-13-01', 'studioId=1', 'limit=500', 'page=0']) {
        expectProblem(await t.http.get(`${API}/bookings?${qs}`).set(staff.auth), 400);
      }
      expectProblem(await t.http.get(`${API}/bookings`).set(participant.auth), 403);
      expectProblem(await t.http.get(`${API}/bookings`), 401);
    });

    it('one booking: owner partner, staff and admin see it; another partner gets 404', async () => {
      for (const who of [userA, userA2, staff, admin]) {
        const res = await t.http.get(`${API}/bookings/${aPending.id}`).set(who.auth);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: aPending.id, partnerName: partnerA.name, status: 'pending' });
      }
      expectProblem(await t.http.get(`${API}/bookings/${aPending.id}`).set(userB.auth), 404);
      expectProblem(await t.http.get(`${API}/bookings/${aPending.id}`).set(participant.auth), 403);
      expectProblem(await t.http.get(`${API}/bookings/${aPending.id}`), 401);
      expectProblem(await t.http.get(`${API}/bookings/${NO_STUDIO}`).set(staff.auth), 404);
      expectProblem(await t.http.get(`${API}/bookings/nope`).set(staff.auth), 400);
    });
  });

  describe('PATCH /bookings/:id', () => {
    it('the owner partner reschedules a pending booking under the same rules', async () => {
      const studio = await createStudio(t, admin);
      const mine = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      await book(t, userB, slot(studio.id, monday, '13:00', '14:00'));
      const moved = await t.http
        .patch(`${API}/bookings/${mine.id}`)
        .set(userA2.auth)
        .send({ startsAt: at(monday, '09:30'), endsAt: at(monday, '10:30'), topic: 'Topik Baru' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ topic: 'Topik Baru', status: 'pending' });
      expect(new Date(moved.body.startsAt).toISOString()).toBe(new Date(at(monday, '09:30')).toISOString());
      const endOnly = await t.http
        .patch(`${API}/bookings/${mine.id}`)
        .set(userA.auth)
        .send({ endsAt: at(monday, '11:00') });
      expect(endOnly.status).toBe(200);
      expect(new Date(endOnly.body.endsAt).toISOString()).toBe(new Date(at(monday, '11:00')).toISOString());
      expectProblem(
        await t.http
          .patch(`${API}/bookings/${mine.id}`)
          .set(userA.auth)
          .send({ startsAt: at(monday, '13:30'), endsAt: at(monday, '14:30') }),
        409,
      );
      expectProblem(
        await t.http
          .patch(`${API}/bookings/${mine.id}`)
          .set(userA.auth)
          .send({ startsAt: at(monday, '11:30'), endsAt: at(monday, '13:00') }),
        422,
      );
      expectProblem(
        await t.http
          .patch(`${API}/bookings/${mine.id}`)
          .set(userA.auth)
          .send({ startsAt: at(monday, '09:40') }),
        422,
      );
      expectProblem(
        await t.http
          .patch(`${API}/bookings/${mine.id}`)
          .set(userA.auth)
          .send({ startsAt: at(monday, '11:00') }),
        400,
      );
      expectProblem(await t.http.patch(`${API}/bookings/${mine.id}`).set(userA.auth).send({ status: 'approved' }), 400);
      expectProblem(
        await t.http.patch(`${API}/bookings/${mine.id}`).set(userA.auth).send({ partnerId: partnerB.id }),
        400,
      );
      expectProblem(await t.http.patch(`${API}/bookings/${mine.id}`).set(userA.auth).send({ topic: null }), 400);
      expectProblem(
        await t.http.patch(`${API}/bookings/${mine.id}`).set(userB.auth).send({ topic: 'Bukan milikku' }),
        404,
      );
      expectProblem(await t.http.patch(`${API}/bookings/${mine.id}`).set(participant.auth).send({ topic: 'X Y' }), 403);
      const now = await t.http.get(`${API}/bookings/${mine.id}`).set(userA.auth);
      expect(now.body).toMatchObject({ topic: 'Topik Baru' });
      expect(new Date(now.body.startsAt).toISOString()).toBe(new Date(at(monday, '09:30')).toISOString());
      expect(new Date(now.body.endsAt).toISOString()).toBe(new Date(at(monday, '11:00')).toISOString());
    });

    it('a partner may not change an approved booking; staff may, while pending or approved', async () => {
      const studio = await createStudio(t, admin);
      const approved = await book(t, staff, slot(studio.id, monday, '09:00', '10:00', { partnerId: partnerA.id }));
      expectProblem(await t.http.patch(`${API}/bookings/${approved.id}`).set(userA.auth).send({ topic: 'Ubah' }), 409);
      const res = await t.http
        .patch(`${API}/bookings/${approved.id}`)
        .set(staff.auth)
        .send({ startsAt: at(monday, '10:00'), endsAt: at(monday, '11:30'), guestCount: 2 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'approved', guestCount: 2 });
      await action(approved.id, 'cancel', staff, { reason: 'Batal' });
      expectProblem(await t.http.patch(`${API}/bookings/${approved.id}`).set(admin.auth).send({ topic: 'Ubah' }), 409);
    });

    it('a partner may not edit a booking that has started (409 booking_started); staff still may', async () => {
      const studio = await createStudio(t, admin);
      const stale = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      await moveBooking(t, stale.id, new Date(Date.now() - 2 * HOUR_MS), new Date(Date.now() - HOUR_MS));
      for (const body of [{ topic: 'Ubah Topik' }, { startsAt: at(tuesday, '09:00'), endsAt: at(tuesday, '10:00') }]) {
        const res = await t.http.patch(`${API}/bookings/${stale.id}`).set(userA.auth).send(body);
        expectProblem(res, 409);
        expect(res.body.code).toBe('booking_started');
      }
      const unchanged = await t.http.get(`${API}/bookings/${stale.id}`).set(userA.auth);
      expect(unchanged.body.topic).toBe(stale.topic);
      expect(new Date(unchanged.body.startsAt).getTime()).toBeLessThan(Date.now());
      const byStaff = await t.http.patch(`${API}/bookings/${stale.id}`).set(staff.auth).send({ topic: 'Diubah Staf' });
      expect(byStaff.status).toBe(200);
    });

    it('a partner at its cap cannot get a place beyond it by moving a stale booking into the future', async () => {
      const studio = await createStudio(t, admin, { maxActiveBookingsPerPartner: 1 });
      const stale = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      await moveBooking(t, stale.id, new Date(Date.now() - 2 * HOUR_MS), new Date(Date.now() - HOUR_MS));
      // The stale one no longer counts, so the partner may hold one upcoming booking again.
      await book(t, userA, slot(studio.id, monday, '13:00', '14:00'));
      const revived = await t.http
        .patch(`${API}/bookings/${stale.id}`)
        .set(userA.auth)
        .send({ startsAt: at(tuesday, '09:00'), endsAt: at(tuesday, '10:00') });
      expectProblem(revived, 409);
      const upcoming = await t.http
        .get(`${API}/bookings?studioId=${studio.id}&from=${new Date().toISOString()}`)
        .set(userA.auth);
      expect(upcoming.body.meta.total).toBe(1);
    });
  });

  describe('lifecycle', () => {
    it('approve: staff and admins, only from pending', async () => {
      const studio = await createStudio(t, admin);
      const pending = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      expectProblem(await action(pending.id, 'approve', userA), 403);
      expectProblem(await t.http.post(`${API}/bookings/${pending.id}/approve`), 401);
      const ok = await action(pending.id, 'approve', staff);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', decidedBy: staff.id });
      expectProblem(await action(pending.id, 'approve', admin), 409);
      expectProblem(await action(NO_STUDIO, 'approve', admin), 404);
    });

    it('approve never creates a pair closer than the buffer, even after the buffer grew', async () => {
      const studio = await createStudio(t, admin, { slotMinutes: 15, bufferMinutes: 15 });
      const first = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      const second = await book(t, userB, slot(studio.id, monday, '10:15', '11:00'));
      await t.http.patch(`${API}/studios/${studio.id}`).set(admin.auth).send({ bufferMinutes: 30 });
      expectProblem(await action(first.id, 'approve', staff), 409);
      await action(second.id, 'reject', staff, { reason: 'Jadwal bertabrakan' });
      expect((await action(first.id, 'approve', staff)).body.status).toBe('approved');
    });

    it('reject: needs a reason, only from pending, audited with the reason', async () => {
      const studio = await createStudio(t, admin);
      const pending = await book(t, userA, slot(studio.id, monday, '09:00', '10:00'));
      expectProblem(await action(pending.id, 'reject', staff, {}), 400);
      expectProblem(await action(pending.id, 'reject', userA, { reason: 'Tidak jadi' }), 403);
      const res = await action(pending.id, 'reject', admin, { reason: 'Studio sedang dipakai' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'rejected',
        statusReason: 'Studio sedang dipakai',
        decidedBy: admin.id,
      });
      expectProblem(await action(pending.id, 'reject', staff, { reason: 'Lagi' }), 409);
      expectProblem(await action(pending.id, 'approve', staff), 409);
      const logs = await t.http.get(`${API}/audit-logs?entityType=booking&limit=100`).set(admin.auth);
      const mine = logs.body.data.filter((l: { entityId: string }) => l.entityId === pending.id);
      expect(mine.map((l: { action: string }) => l.action).sort()).toEqual(['create', 'update']);
      const update = mine.find((l: { action: string }) => l.action === 'update');
      expect(update).toMatchObject({
        actorId: admin.id,
        before: { status: 'pending' },
        after: { status: 'rejected', statusReason: 'Studio sedang dipakai' },
      });
    });

    it('cancel: the owner partner before it starts, staff any time; from pending or approved only', async () => {
      const studio = await createStudio(t, admin);
      const pending = await book(t, userA, slot(studio.id, monday, '08:00', '09:00'));
      expectProblem(await action(pending.id, 'cancel', userB), 404);
      expectProblem(await action(pending.id, 'cancel', participant), 403);
      const byOwner = await action(pending.id, 'cancel', userA2, { reason: 'Narasumber sakit' });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body).toMatchObject({ status: 'cancelled', statusReason: 'Narasumber sakit' });
      expectProblem(await action(pending.id, 'cancel', staff), 409);

      const approved = await book(t, staff, slot(studio.id, monday, '10:00', '11:00', { partnerId: partnerA.id }));
      expect((await action(approved.id, 'cancel', userA)).body).toMatchObject({
        status: 'cancelled',
        statusReason: null,
      });

      const started = await book(t, staff, slot(studio.id, monday, '13:00', '14:00', { partnerId: partnerA.id }));
      await moveBooking(t, started.id, new Date(Date.now() - HOUR_MS), new Date(Date.now() + HOUR_MS));
      expectProblem(await action(started.id, 'cancel', userA), 409);
      expect((await action(started.id, 'cancel', staff, { reason: 'Listrik padam' })).body.status).toBe('cancelled');
    });

    it('complete and no-show: staff, only an approved booking that has started', async () => {
      const studio = await createStudio(t, admin);
      const approved = await book(t, staff, slot(studio.id, monday, '08:00', '09:00', { partnerId: partnerA.id }));
      const pending = await book(t, userA, slot(studio.id, monday, '10:00', '11:00'));
      const noShow = await book(t, staff, slot(studio.id, monday, '13:00', '14:00', { partnerId: partnerB.id }));
      expectProblem(await action(approved.id, 'complete', staff), 409);
      expectProblem(await action(noShow.id, 'no-show', staff), 409);
      for (const b of [approved, pending, noShow])
        await moveBooking(t, b.id, new Date(Date.now() - 2 * HOUR_MS), new Date(Date.now() - HOUR_MS));
      expectProblem(await action(pending.id, 'complete', staff), 409);
      expectProblem(await action(pending.id, 'no-show', staff), 409);
      expectProblem(await action(approved.id, 'complete', userA), 403);
      expectProblem(await action(noShow.id, 'no-show', userB), 403);
      const done = await action(approved.id, 'complete', staff);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', decidedBy: staff.id });
      const absent = await action(noShow.id, 'no-show', admin, { reason: 'Tidak hadir tanpa kabar' });
      expect(absent.body).toMatchObject({ status: 'no_show', statusReason: 'Tidak hadir tanpa kabar' });
      expectProblem(await action(approved.id, 'complete', staff), 409);
      expectProblem(await action(approved.id, 'no-show', staff), 409);
      expectProblem(await action(approved.id, 'cancel', staff), 409);
      expectProblem(await action(noShow.id, 'complete', staff), 409);
    });
  });
});

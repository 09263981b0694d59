import {
  ALWAYS_OPEN,
  at,
  book,
  createPartner,
  createStudio,
  moveBooking,
  nextWeekday,
} from './support/booking-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';

const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/** A partner's own calendar feed: its bookings on its people's phones, behind a token they can rotate. */
describe("a partner's calendar feed (e2e)", () => {
  let t: TestApp;
  let admin: SignedIn;
  let staff: SignedIn;
  let participant: SignedIn;
  let partner: SignedIn;
  let otherPartner: SignedIn;
  let partnerId: string;
  let otherPartnerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn('admin');
    staff = await t.signIn('staff');
    participant = await t.signIn('participant');
    partnerId = (await createPartner(t, admin, 'BPRS Buana Mitra Perwira Uji')).id;
    otherPartnerId = (await createPartner(t, admin)).id;
    partner = await t.signIn('partner', { partnerId });
    otherPartner = await t.signIn('partner', { partnerId: otherPartnerId });
  });
  afterAll(async () => {
    await t.close();
  });

  const tokenOf = (id: string, who: SignedIn) => t.http.get(`${API}/partners/${id}/calendar-token`).set(who.auth);
  const feed = (id: string, token?: string) =>
    t.http.get(`${API}/partners/${id}/calendar.ics`).query(token === undefined ? {} : { token });

  it("gives one token to the partner's own users, staff and admins, and refuses everyone else", async () => {
    const mine = await tokenOf(partnerId, partner);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      partnerId,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      feedPath: `/api/v1/partners/${partnerId}/calendar.ics?token=${mine.body.token}`,
    });
    // Made once: every later request, from any allowed caller, sees the same token.
    const seen = await Promise.all([tokenOf(partnerId, partner), tokenOf(partnerId, staff), tokenOf(partnerId, admin)]);
    expect(seen.map((r) => r.body.token)).toEqual([mine.body.token, mine.body.token, mine.body.token]);
    await expectProblem(await tokenOf(partnerId, otherPartner), 403);
    await expectProblem(
      await t.http.post(`${API}/partners/${partnerId}/calendar-token/rotate`).set(otherPartner.auth),
      403,
    );
    await expectProblem(await tokenOf(partnerId, participant), 403);
    await expectProblem(await t.http.get(`${API}/partners/${partnerId}/calendar-token`), 401);
    await expectProblem(await tokenOf(NO_SUCH, staff), 404);
    await expectProblem(await t.http.post(`${API}/partners/${NO_SUCH}/calendar-token/rotate`).set(admin.auth), 404);
    expect((await tokenOf(otherPartnerId, otherPartner)).body.token).not.toBe(mine.body.token);
    // The token is no part of the partner's public or contact view, nor of its audit trail.
    expect(JSON.stringify((await t.http.get(`${API}/partners/${partnerId}`).set(admin.auth)).body)).not.toContain(
      mine.body.token,
    );
    const audits = await t.http.get(`${API}/audit-logs`).query({ entityType: 'partner' }).set(admin.auth);
    expect(JSON.stringify(audits.body)).not.toContain(mine.body.token);
  });

  it(
    "lists the partner's own pending and approved bookings from today on, " + "in every studio, and nobody else's",
    async () => {
      const studioA = await createStudio(t, admin, {
        openingHours: ALWAYS_OPEN,
        name: 'Studio Podcast Uji',
        location: 'Gedung Dinkominfo',
      });
      const studioB = await createStudio(t, admin, { openingHours: ALWAYS_OPEN });
      const day = nextWeekday(3);
      const pending = await book(t, partner, {
        studioId: studioA.id,
        startsAt: at(day, '09:00'),
        endsAt: at(day, '10:00'),
        topic: 'Literasi Keuangan Syariah',
      });
      const approved = await book(t, staff, {
        studioId: studioB.id,
        partnerId,
        startsAt: at(day, '13:00'),
        endsAt: at(day, '14:00'),
        topic: 'Aman Bertransaksi',
      });
      const cancelled = await book(t, partner, {
        studioId: studioA.id,
        startsAt: at(day, '15:00'),
        endsAt: at(day, '16:00'),
        topic: 'Batal Saja',
      });
      expect((await t.http.post(`${API}/bookings/${cancelled.id}/cancel`).set(partner.auth).send({})).status).toBe(200);
      const past = await book(t, staff, {
        studioId: studioB.id,
        partnerId,
        startsAt: at(day, '16:00'),
        endsAt: at(day, '17:00'),
        topic: 'Sudah Lewat',
      });
      await moveBooking(
        t,
        past.id,
        new Date(Date.now() - 3 * 86_400_000),
        new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
      );
      await book(t, otherPartner, {
        studioId: studioA.id,
        startsAt: at(day, '11:00'),
        endsAt: at(day, '12:00'),
        topic: 'Milik Mitra Lain',
      });

      const { token } = (await tokenOf(partnerId, partner)).body;
      const res = await feed(partnerId, token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const ics = res.text.replace(/\r\n[ \t]/g, '');
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
      expect(ics).toContain(`UID:${pending.id}@`);
      expect(ics).toContain(`UID:${approved.id}@`);
      expect(ics).toContain('SUMMARY:Literasi Keuangan Syariah (menunggu persetujuan)');
      expect(ics).toContain('SUMMARY:Aman Bertransaksi');
      expect(ics).toContain('LOCATION:Studio Podcast Uji\\, Gedung Dinkominfo');
      expect(ics).toContain('STATUS:TENTATIVE');
      expect(ics).toContain('STATUS:CONFIRMED');
      expect(ics).toContain(`DTSTART;TZID=Asia/Jakarta:${day.replace(/-/g, '')}T090000`);
      for (const absent of ['Batal Saja', 'Sudah Lewat', 'Milik Mitra Lain']) expect(ics).not.toContain(absent);

      const again = await feed(partnerId, token).set('If-None-Match', res.headers.etag);
      expect(again.status).toBe(304);
    },
  );

  it('answers 404 to a missing or wrong token and a deactivated partner; rotation retires the old link', async () => {
    const { token } = (await tokenOf(partnerId, partner)).body;
    await expectProblem(await feed(partnerId), 404);
    await expectProblem(await feed(partnerId, 'x'.repeat(32)), 404);
    await expectProblem(await feed(partnerId, `${token}x`), 404);
    await expectProblem(await feed(otherPartnerId, token), 404);
    // A partner whose feed was never asked for has no token: an empty one opens nothing.
    const fresh = (await createPartner(t, admin)).id;
    await expectProblem(await feed(fresh, ''), 404);

    const rotated = await t.http.post(`${API}/partners/${partnerId}/calendar-token/rotate`).set(partner.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(token);
    await expectProblem(await feed(partnerId, token), 404);
    expect((await feed(partnerId, rotated.body.token)).status).toBe(200);
    expect((await tokenOf(partnerId, staff)).body.token).toBe(rotated.body.token);

    const gone = (await createPartner(t, admin)).id;
    const goneToken = (await tokenOf(gone, admin)).body.token;
    expect((await feed(gone, goneToken)).status).toBe(200);
    expect((await t.http.patch(`${API}/partners/${gone}`).set(admin.auth).send({ isActive: false })).status).toBe(200);
    await expectProblem(await feed(gone, goneToken), 404);
  });
});

import { Event } from '../src/events/event.entity.js';
import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, hours, participantBody, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

describe('registrations (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, partner: SignedIn;
  beforeAll(async () => ({ t, staff, admin, partner } = await bootWithPersonas(['staff', 'admin', 'partner'])));
  afterAll(() => t.close());

  /** A participant account with its own profile. */
  const person = async () => {
    const me = await t.signIn('participant');
    const res = await t.http.put(`${API}/me/participant`).set(me.auth).send(participantBody());
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return { ...me, participantId: res.body.id as string };
  };
  const selfRegister = (me: SignedIn, eventId: string) =>
    t.http.post(`${API}/events/${eventId}/registrations`).set(me.auth).send({});
  const regCount = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM registrations'))[0].n);

  describe('POST /events/:id/registrations', () => {
    it('registers oneself (201) with a ticket code, and refuses a second active registration (409)', async () => {
      const e = await createEvent(t, staff);
      const me = await person();
      const res = await selfRegister(me, e.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        eventId: e.id,
        participantId: me.participantId,
        status: 'confirmed',
        waitlistPosition: null,
        source: 'self',
        createdAt: expect.any(String),
      });
      expect(res.body.ticketCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      await expectProblem(await selfRegister(me, e.id), 409);
      await expectProblem(await register(t, staff, e.id, me.participantId), 409);
      expect((await t.http.get(`${API}/events/${e.id}`)).body).toMatchObject({ confirmedCount: 1, seatsLeft: 29 });
    });

    it('answers 409 to a participant without a profile and refuses wrong callers', async () => {
      const e = await createEvent(t, staff);
      const before = await regCount();
      const bare = await t.signIn('participant');
      await expectProblem(await selfRegister(bare, e.id), 409);
      const me = await person();
      await expectProblem(
        await t.http.post(`${API}/events/${e.id}/registrations`).set(me.auth).send({ participantId: me.participantId }),
        403,
      );
      await expectProblem(await t.http.post(`${API}/events/${e.id}/registrations`).set(partner.auth).send({}), 403);
      await expectProblem(await t.http.post(`${API}/events/${e.id}/registrations`).send({}), 401);
      await expectProblem(await t.http.post(`${API}/events/${e.id}/registrations`).set(staff.auth).send({}), 400);
      await expectProblem(await register(t, staff, e.id, '00000000-0000-4000-8000-000000000000'), 400);
      await expectProblem(
        await t.http.post(`${API}/events/${e.id}/registrations`).set(staff.auth).send({ participantId: 'x' }),
        400,
      );
      await expectProblem(
        await t.http.post(`${API}/events/00000000-0000-4000-8000-000000000000/registrations`).set(me.auth).send({}),
        404,
      );
      expect(await regCount()).toBe(before);
    });

    it(
      'answers 409 for drafts (404), cancelled events, ' +
        'closed or not-yet-open windows, and full events without waitlist',
      async () => {
        const p = await createParticipant(t, staff);
        const draft = await createEvent(t, staff, {}, false);
        await expectProblem(await register(t, staff, draft.id, p.id), 404);
        const notOpen = await createEvent(t, staff, { registrationOpensAt: hours(24) });
        await expectProblem(await register(t, staff, notOpen.id, p.id), 409, 'registration_not_open');
        const closed = await createEvent(t, staff, {
          registrationClosesAt: hours(48.5),
          startsAt: hours(48),
          endsAt: hours(50),
        });
        await t.dataSource
          .getRepository(Event)
          .update(closed.id, { registrationClosesAt: new Date(Date.now() - 1000) });
        await expectProblem(await register(t, staff, closed.id, p.id), 409, 'registration_closed');
        const cancelled = await createEvent(t, staff);
        await t.http.post(`${API}/events/${cancelled.id}/cancel`).set(staff.auth).send({ reason: 'Ditunda' });
        await expectProblem(await register(t, staff, cancelled.id, p.id), 409, 'event_not_open');
        const noWaitlist = await createEvent(t, staff, { capacity: 1, waitlistEnabled: false });
        expect((await register(t, staff, noWaitlist.id, p.id)).status).toBe(201);
        await expectProblem(
          await register(t, staff, noWaitlist.id, (await createParticipant(t, staff)).id),
          409,
          'event_full',
        );
      },
    );
  });

  describe('waitlist and cancellation', () => {
    it('waitlists beyond capacity, promotes the earliest on cancel and keeps positions 1..n', async () => {
      const e = await createEvent(t, staff, { capacity: 2 });
      const regs = [];
      for (let i = 0; i < 6; i++)
        regs.push((await register(t, admin, e.id, (await createParticipant(t, staff)).id)).body);
      expect(regs.map((r) => r.waitlistPosition)).toEqual([null, null, 1, 2, 3, 4]);
      // A waitlisted one leaves: the gap closes.
      expect((await t.http.post(`${API}/registrations/${regs[3].id}/cancel`).set(staff.auth)).body.status).toBe(
        'cancelled',
      );
      // A confirmed one leaves: the first waitlisted takes the seat.
      expect((await t.http.post(`${API}/registrations/${regs[0].id}/cancel`).set(admin.auth)).status).toBe(200);
      await expectProblem(await t.http.post(`${API}/registrations/${regs[0].id}/cancel`).set(admin.auth), 409);
      const list = await t.http.get(`${API}/events/${e.id}/registrations?status=waitlisted`).set(staff.auth);
      expect(list.body.data.map((r: { id: string; waitlistPosition: number }) => [r.id, r.waitlistPosition])).toEqual([
        [regs[4].id, 1],
        [regs[5].id, 2],
      ]);
      // Staff read the waitlist as people: each row carries the participant's name.
      const names = await Promise.all(
        [regs[4], regs[5]].map(
          async (r) => (await t.http.get(`${API}/participants/${r.participantId}`).set(staff.auth)).body.fullName,
        ),
      );
      expect(list.body.data.map((r: { participantName: string }) => r.participantName)).toEqual(names);
      expect((await t.http.get(`${API}/registrations/${regs[2].id}`).set(staff.auth)).body).toMatchObject({
        status: 'confirmed',
        waitlistPosition: null,
      });
      expect((await t.http.get(`${API}/events/${e.id}`)).body).toMatchObject({
        confirmedCount: 2,
        waitlistedCount: 2,
        seatsLeft: 0,
      });
      const all = await t.http.get(`${API}/events/${e.id}/registrations?limit=100`).set(staff.auth);
      expect(all.body.meta.total).toBe(6);
      await expectProblem(await t.http.get(`${API}/events/${e.id}/registrations?status=maybe`).set(staff.auth), 400);
    });

    it("lets the owner cancel and re-register, and hides others' registrations (404)", async () => {
      const e = await createEvent(t, staff);
      const me = await person();
      const other = await person();
      const r = (await selfRegister(me, e.id)).body;
      await expectProblem(await t.http.get(`${API}/registrations/${r.id}`).set(other.auth), 404);
      await expectProblem(await t.http.post(`${API}/registrations/${r.id}/cancel`).set(other.auth), 404);
      await expectProblem(await t.http.get(`${API}/registrations/${r.id}/ticket.png`).set(other.auth), 404);
      await expectProblem(await t.http.get(`${API}/registrations/${r.id}`).set(partner.auth), 403);
      expect((await t.http.get(`${API}/registrations/${r.id}`).set(me.auth)).body.id).toBe(r.id);
      expect((await t.http.post(`${API}/registrations/${r.id}/cancel`).set(me.auth)).body).toMatchObject({
        status: 'cancelled',
        cancelledAt: expect.any(String),
      });
      const again = await selfRegister(me, e.id);
      expect(again.status).toBe(201);
      expect(again.body.ticketCode).not.toBe(r.ticketCode);
      const mine = await t.http.get(`${API}/me/registrations`).set(me.auth);
      expect(mine.body.meta.total).toBe(2);
      await expectProblem(await t.http.get(`${API}/me/registrations`).set(staff.auth), 403);
      await expectProblem(await t.http.get(`${API}/events/${e.id}/registrations`).set(me.auth), 403);
      await expectProblem(
        await t.http.get(`${API}/registrations/00000000-0000-4000-8000-000000000000`).set(staff.auth),
        404,
      );
    });

    it('serves the ticket as a PNG QR code', async () => {
      const e = await createEvent(t, staff);
      const me = await person();
      const r = (await selfRegister(me, e.id)).body;
      const png = await t.http.get(`${API}/registrations/${r.id}/ticket.png`).set(me.auth).buffer(true);
      expect(png.status).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect((png.body as Buffer).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect((await t.http.get(`${API}/registrations/${r.id}/ticket.png`).set(staff.auth)).status).toBe(200);
      await expectProblem(await t.http.get(`${API}/registrations/${r.id}/ticket.png`), 401);
    });

    it('replays a registration with the same Idempotency-Key', async () => {
      const e = await createEvent(t, staff);
      const p = await createParticipant(t, staff);
      const send = () =>
        t.http
          .post(`${API}/events/${e.id}/registrations`)
          .set(staff.auth)
          .set('Idempotency-Key', `reg-${p.id}`)
          .send({ participantId: p.id });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
    });
  });
});

import { AttendanceCode } from '../src/attendance/attendance-code.entity.js';
import {
  ATTENDANCE_CODE_GUESSES_PER_ACCOUNT,
  ATTENDANCE_CODE_GUESSES_PER_ADDRESS,
} from '../src/attendance/attendance-code-rules.js';
import { checkIn, startEventNow } from './support/attendance-factory.js';
import { createPartner } from './support/foundation-factory.js';
import { inParallel } from './support/in-parallel.js';
import { registerSelf, type Self, selfParticipant } from './support/outcomes-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent } from './support/training-factory.js';

/**
 * Self check-in for online and hybrid trainings (issue 16): staff open an attendance code for a window; a
 * registered participant who enters it is checked in with source "code" and earns the certificate as after a
 * scan. Wrong and expired codes are 422; attempts are rate limited per account and per client address.
 * The app trusts X-Forwarded-For from loopback, so each test speaks from client addresses of its own.
 */
const ONLINE = { format: 'online', venue: null, kecamatanCode: null, onlineUrl: 'https://meet.example.id/literasi' };

let addressSeq = 0;
const freshAddress = () => `10.16.${Math.floor(++addressSeq / 250)}.${(addressSeq % 250) + 1}`;

describe('attendance codes and self check-in (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let admin: SignedIn;
  let partner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    staff = await t.signIn('staff');
    admin = await t.signIn('admin');
    partner = await t.signIn('partner', { partnerId: (await createPartner(t, admin)).id });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openCode = (eventId: string, who: SignedIn = staff, body: Record<string, unknown> = {}) =>
    t.http.post(`${API}/events/${eventId}/attendance-codes`).set(who.auth).send(body);
  const selfCheckIn = (who: SignedIn, eventId: string, code: string, address = freshAddress()) =>
    t.http.post(`${API}/events/${eventId}/self-check-in`).set(who.auth).set('X-Forwarded-For', address).send({ code });

  /** An online training running now, a registered participant (and `also`, registered too) and an open code. */
  async function session(
    overrides: Record<string, unknown> = {},
    also: Self[] = [],
  ): Promise<{ eventId: string; registrationId: string; who: Self; code: string; also: string[] }> {
    const event = await createEvent(t, staff, { ...ONLINE, ...overrides });
    const who = await selfParticipant(t);
    const r = await registerSelf(t, who, event.id);
    const registrations: string[] = [];
    for (const other of also) registrations.push((await registerSelf(t, other, event.id)).id);
    await startEventNow(t, event.id);
    const res = await openCode(event.id);
    expect(res.status).toBe(201);
    return { eventId: event.id, registrationId: r.id, who, code: res.body.code, also: registrations };
  }

  /** A code of the same shape that is not this one. */
  const wrong = (code: string) => (code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`);

  describe('POST /events/:id/attendance-codes', () => {
    it('opens a six-character code from now for 15 minutes by default, or validMinutes', async () => {
      const event = await createEvent(t, staff, {
        ...ONLINE,
        format: 'hybrid',
        venue: 'Aula Dinkominfo',
        kecamatanCode: '33.03.11',
      });
      await startEventNow(t, event.id);
      const before = Date.now();
      const res = await openCode(event.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        eventId: event.id,
        code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/),
        validFrom: expect.any(String),
        validUntil: expect.any(String),
      });
      const from = new Date(res.body.validFrom).getTime();
      expect(from).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(res.body.validUntil).getTime() - from).toBe(15 * 60_000);
      const long = await openCode(event.id, admin, { validMinutes: 90 });
      expect(long.status).toBe(201);
      expect(new Date(long.body.validUntil).getTime() - new Date(long.body.validFrom).getTime()).toBe(90 * 60_000);
    });

    it(
      'refuses an offline training (422 event_not_online), ' +
        'a training not yet on its day or cancelled (409), bad validMinutes (400)',
      async () => {
        const offline = await createEvent(t, staff);
        await startEventNow(t, offline.id);
        const res = await openCode(offline.id);
        expectProblem(res, 422);
        expect(res.body.code).toBe('event_not_online');

        const upcoming = await createEvent(t, staff, ONLINE);
        expectProblem(await openCode(upcoming.id), 409);
        const cancelled = await createEvent(t, staff, ONLINE);
        expect(
          (
            await t.http
              .post(`${API}/events/${cancelled.id}/cancel`)
              .set(staff.auth)
              .send({ reason: 'Narasumber sakit' })
          ).status,
        ).toBe(200);
        expectProblem(await openCode(cancelled.id), 409);
        expectProblem(await openCode('6f1c8a52-0d7e-4d0b-9a51-1c2f0e0b9d11'), 404);

        const running = await createEvent(t, staff, ONLINE);
        await startEventNow(t, running.id);
        for (const validMinutes of [0, 241, 1.5, '15'])
          expectProblem(await openCode(running.id, staff, { validMinutes }), 400);
        expect(
          Number(
            (
              await t.dataSource.query('SELECT COUNT(*) AS n FROM attendance_codes WHERE event_id IN (?, ?, ?, ?)', [
                offline.id,
                upcoming.id,
                cancelled.id,
                running.id,
              ])
            )[0].n,
          ),
        ).toBe(0);
      },
    );

    it('is for staff and admin only', async () => {
      const event = await createEvent(t, staff, ONLINE);
      await startEventNow(t, event.id);
      expectProblem(await openCode(event.id, await selfParticipant(t)), 403);
      expectProblem(await openCode(event.id, partner), 403);
      expectProblem(await t.http.post(`${API}/events/${event.id}/attendance-codes`).send({}), 401);
    });
  });

  describe('POST /events/:id/self-check-in', () => {
    it('checks the participant in with source code, which earns the certificate like a door scan', async () => {
      const s = await session();
      const res = await selfCheckIn(s.who, s.eventId, ` ${s.code.toLowerCase().slice(0, 3)}-${s.code.slice(3)} `);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        registrationId: s.registrationId,
        participantId: s.who.participantId,
        checkedInBy: s.who.id,
        source: 'code',
        alreadyCheckedIn: false,
        walkIn: false,
      });
      const again = await selfCheckIn(s.who, s.eventId, s.code);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ alreadyCheckedIn: true, source: 'code', checkedInAt: res.body.checkedInAt });

      const attendance = await t.http.get(`${API}/events/${s.eventId}/attendance`).set(staff.auth);
      expect(attendance.body.summary).toMatchObject({ attended: 1 });
      const pdf = await t.http.get(`${API}/registrations/${s.registrationId}/certificate.pdf`).set(s.who.auth);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
    });

    it('answers a door scan after a code check-in (and the reverse) as already checked in', async () => {
      const s = await session();
      expect((await selfCheckIn(s.who, s.eventId, s.code)).status).toBe(201);
      const scan = await checkIn(t, staff, s.eventId, { registrationId: s.registrationId });
      expect(scan.status).toBe(200);
      expect(scan.body).toMatchObject({ alreadyCheckedIn: true, source: 'code' });

      const d = await session();
      const door = await checkIn(t, staff, d.eventId, { registrationId: d.registrationId });
      expect(door.body).toMatchObject({ source: 'staff', checkedInBy: staff.id });
      expect((await selfCheckIn(d.who, d.eventId, d.code)).body).toMatchObject({
        alreadyCheckedIn: true,
        source: 'staff',
      });
    });

    it('refuses a wrong code (422 attendance_code_invalid), a code of another training too', async () => {
      const s = await session();
      const other = await session();
      for (const code of [wrong(s.code), other.code, '0000', 'not a code']) {
        const res = await selfCheckIn(s.who, s.eventId, code);
        expectProblem(res, 422);
        expect(res.body.code).toBe('attendance_code_invalid');
      }
      expect(
        Number(
          (
            await t.dataSource.query('SELECT COUNT(*) AS n FROM check_ins WHERE registration_id = ?', [
              s.registrationId,
            ])
          )[0].n,
        ),
      ).toBe(0);
    });

    it('refuses an expired code (422 attendance_code_expired) and accepts the current one', async () => {
      const s = await session();
      await t.dataSource
        .getRepository(AttendanceCode)
        .update({ eventId: s.eventId, code: s.code }, { validUntil: new Date(Date.now() - 1000) });
      const res = await selfCheckIn(s.who, s.eventId, s.code);
      expectProblem(res, 422);
      expect(res.body.code).toBe('attendance_code_expired');
      const fresh = await openCode(s.eventId);
      expect((await selfCheckIn(s.who, s.eventId, fresh.body.code)).status).toBe(201);
    });

    it('refuses the unregistered (409 not_registered), a waitlisted or cancelled registration (409)', async () => {
      const s = await session({ capacity: 1 });
      const outsider = await selfParticipant(t);
      const res = await selfCheckIn(outsider, s.eventId, s.code);
      expectProblem(res, 409);
      expect(res.body.code).toBe('not_registered');

      const event = await createEvent(t, staff, { ...ONLINE, capacity: 1 });
      await registerSelf(t, await selfParticipant(t), event.id);
      const waiting = await selfParticipant(t);
      expect((await registerSelf(t, waiting, event.id)).status).toBe('waitlisted');
      const cancelling = await selfParticipant(t);
      const cancelled = await registerSelf(t, cancelling, event.id);
      expect((await t.http.post(`${API}/registrations/${cancelled.id}/cancel`).set(cancelling.auth)).status).toBe(200);
      await startEventNow(t, event.id);
      const code = (await openCode(event.id)).body.code;
      expectProblem(await selfCheckIn(waiting, event.id, code), 409);
      const gone = await selfCheckIn(cancelling, event.id, code);
      expectProblem(gone, 409);
      expect(gone.body.code).toBe('not_registered');
      expect(
        Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM check_ins WHERE event_id = ?', [event.id]))[0].n),
      ).toBe(0);
    }, 90_000);

    it('is for participants only; an unknown event is 404', async () => {
      const s = await session();
      expectProblem(await selfCheckIn(staff, s.eventId, s.code), 403);
      expectProblem(await selfCheckIn(partner, s.eventId, s.code), 403);
      expectProblem(await t.http.post(`${API}/events/${s.eventId}/self-check-in`).send({ code: s.code }), 401);
      expectProblem(await selfCheckIn(s.who, '6f1c8a52-0d7e-4d0b-9a51-1c2f0e0b9d11', s.code), 404);
      expectProblem(await t.http.post(`${API}/events/${s.eventId}/self-check-in`).set(s.who.auth).send({}), 400);
    });
  });

  describe('rate limits', () => {
    it(
      `allows ${ATTENDANCE_CODE_GUESSES_PER_ACCOUNT} attempts per account in the window, ` +
        `then 429 even with the right code`,
      async () => {
        const s = await session();
        for (let i = 0; i < ATTENDANCE_CODE_GUESSES_PER_ACCOUNT; i++)
          expectProblem(await selfCheckIn(s.who, s.eventId, wrong(s.code)), 422);
        // From a new address too: the account's own limit.
        const limited = await selfCheckIn(s.who, s.eventId, s.code, freshAddress());
        expectProblem(limited, 429);
        expect(limited.body.code).toBe('rate_limited');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
        expect(
          Number(
            (
              await t.dataSource.query('SELECT COUNT(*) AS n FROM check_ins WHERE registration_id = ?', [
                s.registrationId,
              ])
            )[0].n,
          ),
        ).toBe(0);
      },
    );

    it('does not count a successful attempt', async () => {
      const s = await session();
      // The same participant is registered at a second session: checking in there must not use up an attempt.
      const second = await session({}, [s.who]);
      const r2 = { id: second.also[0] };
      for (let i = 0; i < ATTENDANCE_CODE_GUESSES_PER_ACCOUNT - 1; i++)
        expectProblem(await selfCheckIn(s.who, s.eventId, wrong(s.code)), 422);
      expect((await selfCheckIn(s.who, second.eventId, second.code)).body).toMatchObject({
        registrationId: r2.id,
        source: 'code',
      });
      // One attempt left: wrong (422), and only then the limit (429).
      expectProblem(await selfCheckIn(s.who, s.eventId, wrong(s.code)), 422);
      expectProblem(await selfCheckIn(s.who, s.eventId, s.code), 429);
    });

    it(`allows ${ATTENDANCE_CODE_GUESSES_PER_ADDRESS} attempts per client address, across accounts`, async () => {
      const perAccount = ATTENDANCE_CODE_GUESSES_PER_ACCOUNT;
      const accounts = Math.ceil(ATTENDANCE_CODE_GUESSES_PER_ADDRESS / perAccount);
      const guessers: Self[] = [];
      for (let a = 0; a < accounts; a++) guessers.push(await selfParticipant(t));
      const s = await session({}, guessers);
      const address = freshAddress();
      let sent = 0;
      for (const who of guessers) {
        for (let i = 0; i < perAccount && sent < ATTENDANCE_CODE_GUESSES_PER_ADDRESS; i++, sent++) {
          expectProblem(await selfCheckIn(who, s.eventId, wrong(s.code), address), 422);
        }
      }
      // A fresh account from that address is refused; the same account from another address is not.
      const res = await selfCheckIn(s.who, s.eventId, s.code, address);
      expectProblem(res, 429);
      expect(res.body.code).toBe('rate_limited');
      expect((await selfCheckIn(s.who, s.eventId, s.code, freshAddress())).status).toBe(201);
    }, 120_000); // six accounts signed in (argon2) and 31 attempts: slow on a busy machine

    it('lets no more than the limit through a burst of parallel guesses', async () => {
      const s = await session();
      const address = freshAddress();
      const results = await inParallel(
        Array.from({ length: 40 }, (_, i) => i),
        40,
        () => selfCheckIn(s.who, s.eventId, wrong(s.code), address),
      );
      const statuses = results.map((r) => r.status);
      const judged = statuses.filter((x) => x === 422).length;
      const limited = statuses.filter((x) => x === 429).length;
      // Every attempt is recorded before it is counted, so at most the limit are judged, whatever the interleaving.
      expect(judged + limited).toBe(40);
      expect(judged).toBeLessThanOrEqual(ATTENDANCE_CODE_GUESSES_PER_ACCOUNT);
      expect(judged).toBeGreaterThan(0);
      process.stdout.write(`40 parallel wrong guesses of one account: ${judged} × 422, ${limited} × 429\n`);
    });
  });
});

import ICAL from 'ical.js';
import { NotificationDispatcher } from '../src/notifications/dispatcher.js';
import { ReminderScheduler } from '../src/notifications/reminders.js';
import { checkIn, startEventNow } from './support/attendance-factory.js';
import { ALWAYS_OPEN, at, book, createStudio, nextWeekday } from './support/booking-factory.js';
import { createPartner } from './support/foundation-factory.js';
import {
  startMailSink,
  startWhatsAppSink,
  type MailSink,
  type WhatsAppSink,
  outboxRows,
  mailsTo,
  settleOutbox,
} from './support/notification-sinks.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, participantBody, register } from './support/training-factory.js';

const TOKEN = 'uji-token-whatsapp';

describe('notifications (e2e)', () => {
  let t: TestApp;
  let mail: MailSink;
  let wa: WhatsAppSink;
  let staff: SignedIn;
  let admin: SignedIn;
  let dispatcher: NotificationDispatcher;

  beforeAll(async () => {
    mail = await startMailSink();
    wa = await startWhatsAppSink();
    t = await createTestApp({
      SMTP_URL: mail.url,
      MAIL_FROM: 'Bangga Macapat <no-reply@uji.banggamacapat.id>',
      WHATSAPP_API_URL: wa.url,
      WHATSAPP_TOKEN: TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      NOTIFICATIONS_RETRY_BASE_MS: '50',
      NOTIFICATIONS_RETRY_MAX_MS: '1000',
      NOTIFICATIONS_MAX_ATTEMPTS: '20',
    });
    dispatcher = t.app.get(NotificationDispatcher);
    staff = await t.signIn('staff');
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.close();
    await mail.stop();
    await wa.close();
  });

  /** A participant account with its own profile (email and phone of its own). */
  const person = async (overrides: Record<string, unknown> = {}) => {
    const me = await t.signIn('participant');
    const email = `p${Math.random().toString(36).slice(2, 10)}@contoh.id`;
    const res = await t.http
      .put(`${API}/me/participant`)
      .set(me.auth)
      .send(participantBody({ email, ...overrides }));
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return { ...me, participantId: res.body.id as string, profileEmail: email, phone: res.body.phone as string };
  };
  const query = (sql: string, params?: unknown[]) => t.dataSource.query(sql, params);
  const rows = (where: string, params: unknown[]) => outboxRows(query, where, params);
  const settle = (ms?: number) => settleOutbox(dispatcher, query, ms);

  it(
    'a confirmed registration writes one row per channel; ' +
      'email (Indonesian, .ics) and WhatsApp (Cloud API template) are delivered',
    async () => {
      const e = await createEvent(t, staff, { title: 'Aman Bertransaksi Digital', venue: 'Balai Desa Bancar' });
      const me = await person();
      expect((await t.http.post(`${API}/events/${e.id}/registrations`).set(me.auth).send({})).status).toBe(201);
      const written = await rows('recipient_participant_id = ?', [me.participantId]);
      expect(written.map((r) => [r.kind, r.channel, r.status])).toEqual([
        ['registration_confirmed', 'email', 'pending'],
        ['registration_confirmed', 'in_app', 'sent'],
        ['registration_confirmed', 'whatsapp', 'pending'],
      ]);

      await settle();
      expect((await rows('recipient_participant_id = ?', [me.participantId])).map((r) => r.status)).toEqual([
        'sent',
        'sent',
        'sent',
      ]);
      const [email] = mailsTo(mail, me.profileEmail);
      expect(email.subject).toBe('Pendaftaran terkonfirmasi: Aman Bertransaksi Digital');
      expect(email.text).toContain('sudah terkonfirmasi');
      expect(email.text).toContain('Balai Desa Bancar');
      expect(email.text).toMatch(/pukul \d{2}\.\d{2} WIB/);
      expect(email.html).toContain('Berhenti berlangganan');
      expect(email.text).toMatch(/\/api\/v1\/notifications\/unsubscribe\?token=[A-Za-z0-9_-]+/);
      const ics = email.attachments.find((a) => a.filename === 'pelatihan.ics');
      expect(ics).toBeDefined();
      const vevent = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
      const ev = new ICAL.Event(vevent);
      expect(ev.summary).toBe('Aman Bertransaksi Digital');
      expect(ev.location).toBe('Balai Desa Bancar');
      // iCalendar times are whole seconds.
      expect(ev.startDate.toJSDate().getTime()).toBe(
        Math.floor(new Date(e.startsAt as string).getTime() / 1000) * 1000,
      );

      const request = wa.requests.find((r) => r.body.to === me.phone)!;
      expect(request.path).toBe('/v21.0/1234567890/messages');
      expect(request.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.body).toMatchObject({
        messaging_product: 'whatsapp',
        to: me.phone,
        type: 'template',
        template: { name: 'registration_confirmed', language: { code: 'id' }, components: [{ type: 'body' }] },
      });
      expect(request.body.template.components[0].parameters[0]).toEqual({
        type: 'text',
        text: 'Aman Bertransaksi Digital',
      });
      expect(me.phone).toMatch(/^\+628\d+$/);
    },
  );

  it(
    'shows in-app notifications newest first with the unread count, ' +
      "marks them read, and hides other people's (404)",
    async () => {
      const e = await createEvent(t, staff, { capacity: 1, title: 'Etika Bermedia Sosial' });
      const first = await person();
      const me = await person();
      expect((await t.http.post(`${API}/events/${e.id}/registrations`).set(first.auth).send({})).status).toBe(201);
      const mine = await t.http.post(`${API}/events/${e.id}/registrations`).set(me.auth).send({});
      expect(mine.body.status).toBe('waitlisted');
      const firstReg = (await t.http.get(`${API}/me/registrations`).set(first.auth)).body.data[0];
      expect((await t.http.post(`${API}/registrations/${firstReg.id}/cancel`).set(first.auth)).status).toBe(200);

      const list = await t.http.get(`${API}/me/notifications`).set(me.auth);
      expect(list.status).toBe(200);
      expect(list.body.data.map((n: { kind: string }) => n.kind)).toEqual([
        'registration_promoted',
        'registration_waitlisted',
      ]);
      expect(list.body.meta).toMatchObject({ page: 1, limit: 20, total: 2, unreadCount: 2 });
      expect(list.body.data[0]).toMatchObject({
        title: 'Kursi tersedia: Etika Bermedia Sosial',
        eventId: e.id,
        readAt: null,
      });
      expect(list.body.data[1].body).toContain('daftar tunggu nomor 1');

      const id = list.body.data[1].id;
      await expectProblem(await t.http.post(`${API}/me/notifications/${id}/read`).set(first.auth), 404);
      const read = await t.http.post(`${API}/me/notifications/${id}/read`).set(me.auth);
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      expect((await t.http.get(`${API}/me/notifications`).set(me.auth)).body.meta.unreadCount).toBe(1);
      await expectProblem(await t.http.post(`${API}/me/notifications/not-a-uuid/read`).set(me.auth), 400);
      await expectProblem(await t.http.get(`${API}/me/notifications`), 401);
      expect((await t.http.get(`${API}/me/notifications?limit=1&page=2`).set(me.auth)).body).toMatchObject({
        data: [{ id }],
        meta: { page: 2, limit: 1, total: 2 },
      });
    },
  );

  it('a refused registration (409: already registered) notifies nobody', async () => {
    // The trigger's own rules (a repeat writes nothing, a rollback leaves nothing) are in
    // test/service/notifications.service.spec.ts.
    const e = await createEvent(t, staff);
    const p = await createParticipant(t, staff);
    expect((await register(t, staff, e.id, p.id)).status).toBe(201);
    expect(await rows('recipient_participant_id = ?', [p.id])).toHaveLength(3);
    await expectProblem(await register(t, staff, e.id, p.id), 409);
    expect(await rows('recipient_participant_id = ?', [p.id])).toHaveLength(3);
  });

  it('tells registered and waitlisted people of a change of time or place (once each) and a cancellation', async () => {
    const e = await createEvent(t, staff, { capacity: 1 });
    const a = await createParticipant(t, staff);
    const b = await createParticipant(t, staff);
    await register(t, staff, e.id, a.id);
    await register(t, staff, e.id, b.id);
    const newStart = new Date(Date.now() + 72 * 3600_000);
    const patch = {
      startsAt: newStart.toISOString(),
      endsAt: new Date(newStart.getTime() + 3 * 3600_000).toISOString(),
    };
    expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send(patch)).status).toBe(200);
    expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send(patch)).status).toBe(200);
    expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ title: 'Judul baru' })).status).toBe(
      200,
    );
    expect(await rows("kind = 'event_changed' AND channel = 'in_app'", [])).toHaveLength(2);
    expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ venue: 'Gedung Korpri' })).status).toBe(
      200,
    );
    expect(await rows("kind = 'event_changed' AND channel = 'in_app'", [])).toHaveLength(4);

    expect(
      (await t.http.post(`${API}/events/${e.id}/cancel`).set(staff.auth).send({ reason: 'Narasumber berhalangan' }))
        .status,
    ).toBe(200);
    const cancelled = await rows("kind = 'event_cancelled' AND subject_id = ?", [e.id]);
    expect(cancelled).toHaveLength(6);
    await settle();
    const [m] = mail.messages.filter((x) => x.subject?.startsWith('Pelatihan dibatalkan'));
    expect(m.text).toContain('Alasan: Narasumber berhalangan');
    expect(m.attachments[0].content.toString()).toContain('METHOD:CANCEL');
  });

  it('raising the capacity promotes from the waitlist and tells each promoted person once', async () => {
    const e = await createEvent(t, staff, { capacity: 1 });
    const people = [
      await createParticipant(t, staff),
      await createParticipant(t, staff),
      await createParticipant(t, staff),
    ];
    for (const p of people) await register(t, staff, e.id, p.id);
    expect((await t.http.patch(`${API}/events/${e.id}`).set(staff.auth).send({ capacity: 3 })).status).toBe(200);
    const promoted = await rows(
      "kind = 'registration_promoted' AND channel = 'in_app' AND recipient_participant_id IN (?, ?, ?)",
      people.map((p) => p.id),
    );
    expect(promoted).toHaveLength(2);
  });

  it('tells the participant after check-in that the certificate can be downloaded', async () => {
    const e = await createEvent(t, staff);
    const p = await createParticipant(t, staff);
    const reg = await register(t, staff, e.id, p.id);
    await startEventNow(t, e.id);
    expect((await checkIn(t, staff, e.id, { registrationId: reg.body.id })).status).toBe(201);
    expect((await checkIn(t, staff, e.id, { registrationId: reg.body.id })).status).toBe(200);
    expect(await rows("kind = 'certificate_available' AND recipient_participant_id = ?", [p.id])).toHaveLength(3);
  });

  it('tells staff of a booking request and the partner of the decision, with the reason of a refusal', async () => {
    const org = await createPartner(t, admin);
    const partner = await t.signIn('partner', { partnerId: org.id });
    const studio = await createStudio(t, admin, { openingHours: ALWAYS_OPEN, minNoticeHours: 0 });
    const day = nextWeekday(3);
    const b1 = await book(t, partner, {
      studioId: studio.id,
      startsAt: at(day, '09:00'),
      endsAt: at(day, '10:00'),
      topic: 'Siaran literasi',
    });
    const b2 = await book(t, partner, {
      studioId: studio.id,
      startsAt: at(day, '13:00'),
      endsAt: at(day, '14:00'),
      topic: 'Rekaman podcast',
    });
    expect(
      (await rows("kind = 'booking_requested' AND subject_id = ? AND recipient_user_id = ?", [b1.id, staff.id])).length,
    ).toBe(3);
    expect((await t.http.post(`${API}/bookings/${b1.id}/approve`).set(staff.auth)).status).toBe(200);
    expect(
      (
        await t.http
          .post(`${API}/bookings/${b2.id}/reject`)
          .set(staff.auth)
          .send({ reason: 'Studio dipakai pelatihan' })
      ).status,
    ).toBe(200);
    const inbox = (await t.http.get(`${API}/me/notifications`).set(partner.auth)).body;
    expect(inbox.data.map((n: { kind: string }) => n.kind)).toEqual(['booking_rejected', 'booking_approved']);
    expect(inbox.data[0].body).toContain('Alasan: Studio dipakai pelatihan');
    // The approved booking's reminder, at 07:00 WIB the day before,
    // once however often the scheduler runs; none for the refused one.
    const reminders = t.app.get(ReminderScheduler);
    const due = new Date(Date.parse(`${day}T07:00:00+07:00`) - 24 * 3600_000);
    await reminders.run(new Date(due.getTime() - 60_000));
    expect(await rows("kind = 'booking_reminder_day' AND subject_id IN (?, ?)", [b1.id, b2.id])).toHaveLength(0);
    await reminders.run(due);
    await reminders.run(new Date(due.getTime() + 60_000));
    expect(
      (
        await rows("kind = 'booking_reminder_day' AND subject_id IN (?, ?) AND recipient_user_id = ?", [
          b1.id,
          b2.id,
          partner.id,
        ])
      ).map((r) => [r.subject_id, r.channel]),
    ).toEqual([
      [b1.id, 'email'],
      [b1.id, 'in_app'],
      [b1.id, 'whatsapp'],
    ]);
    expect((await t.http.post(`${API}/bookings/${b1.id}/cancel`).set(partner.auth).send({})).status).toBe(200);
    expect(
      (await rows("kind = 'booking_cancelled' AND subject_id = ? AND recipient_user_id = ?", [b1.id, staff.id])).length,
    ).toBe(3);
  });

  it(
    'POST /events/:id/messages: 202 with the audience size at once, ' +
      'two messages both go out, roles and input checked',
    async () => {
      const e = await createEvent(t, staff, { capacity: 2 });
      const people = [await person(), await person(), await person()];
      for (const p of people) await register(t, staff, e.id, p.participantId);
      const send = (who: SignedIn, body: Record<string, unknown>, id = e.id) =>
        t.http.post(`${API}/events/${id}/messages`).set(who.auth).send(body);
      const msg = { audience: 'registered', subject: 'Bawa laptop', body: 'Mohon membawa laptop dan kartu identitas.' };
      const first = await send(staff, msg);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ messageId: expect.any(String), recipients: 2 });
      expect((await send(admin, { ...msg, audience: 'waitlisted' })).body.recipients).toBe(1);
      expect((await send(staff, msg)).status).toBe(202);
      expect(
        await rows("kind = 'event_message' AND channel = 'in_app' AND recipient_participant_id = ?", [
          people[0].participantId,
        ]),
      ).toHaveLength(2);
      await expectProblem(await send(people[0], msg), 403);
      await expectProblem(await t.http.post(`${API}/events/${e.id}/messages`).send(msg), 401);
      await expectProblem(await send(staff, { ...msg, audience: 'everyone' }), 400);
      await expectProblem(await send(staff, { ...msg, subject: '' }), 400);
      await expectProblem(await send(staff, msg, '00000000-0000-4000-8000-000000000000'), 404);
      expect((await send(staff, { ...msg, audience: 'attended' })).body.recipients).toBe(0);
      expect((await send(staff, { ...msg, audience: 'no_show' })).body.recipients).toBe(2);
      await settle();
      const inbox = (await t.http.get(`${API}/me/notifications`).set(people[0].auth)).body.data;
      expect(inbox[0]).toMatchObject({ kind: 'event_message', title: 'Bawa laptop' });
      expect(mailsTo(mail, people[0].profileEmail).filter((m) => m.subject === 'Bawa laptop')).toHaveLength(3);
    },
  );

  it(
    'preferences: default on, turned off per channel (rows then skipped), ' +
      'and the email link unsubscribes without signing in',
    async () => {
      const me = await person();
      expect((await t.http.get(`${API}/me/notification-preferences`).set(me.auth)).body).toEqual({
        email: true,
        whatsapp: true,
        available: { email: true, whatsapp: true },
      });
      await expectProblem(
        await t.http.put(`${API}/me/notification-preferences`).set(me.auth).send({ email: 'no', whatsapp: true }),
        400,
      );
      expect(
        (await t.http.put(`${API}/me/notification-preferences`).set(me.auth).send({ email: true, whatsapp: false }))
          .body,
      ).toMatchObject({ email: true, whatsapp: false });
      const e = await createEvent(t, staff);
      await t.http.post(`${API}/events/${e.id}/registrations`).set(me.auth).send({});
      await settle();
      const after = await rows('recipient_participant_id = ?', [me.participantId]);
      expect(after.map((r) => [r.channel, r.status, r.last_error])).toEqual([
        ['email', 'sent', null],
        ['in_app', 'sent', null],
        ['whatsapp', 'skipped', 'WhatsApp turned off by the recipient'],
      ]);

      const link = /\/api\/v1\/notifications\/unsubscribe\?token=([A-Za-z0-9_-]+)/.exec(
        mailsTo(mail, me.profileEmail)[0].text!,
      )![1];
      expect(link).not.toContain(me.id);
      const page = await t.http.get(`${API}/notifications/unsubscribe?token=${link}`);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html');
      expect((await t.http.get(`${API}/me/notification-preferences`).set(me.auth)).body.email).toBe(true);
      expect((await t.http.post(`${API}/notifications/unsubscribe?token=${link}`)).status).toBe(200);
      expect((await t.http.get(`${API}/me/notification-preferences`).set(me.auth)).body).toMatchObject({
        email: false,
        whatsapp: false,
      });
      await expectProblem(await t.http.post(`${API}/notifications/unsubscribe?token=${link.slice(0, -2)}xx`), 400);
      await expectProblem(await t.http.post(`${API}/notifications/unsubscribe`), 400);
    },
  );

  it('a WhatsApp send that failed for good is listed for staff (participants may not see the list)', async () => {
    // Retry and backoff per provider answer are in test/service/notifications.service.spec.ts.
    const e = await createEvent(t, staff);
    const refused = await createParticipant(t, staff);
    wa.failNext(400);
    await register(t, staff, e.id, refused.id);
    await settle();
    const [failed] = await rows("channel = 'whatsapp' AND recipient_participant_id = ?", [refused.id]);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('whatsapp 400');
    const list = await t.http.get(`${API}/notifications/failed?channel=whatsapp`).set(staff.auth);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipientParticipantId: refused.id, attempts: 1, lastError: failed.last_error }),
      ]),
    );
    const me = await person();
    await expectProblem(await t.http.get(`${API}/notifications/failed`).set(me.auth), 403);
  });
});

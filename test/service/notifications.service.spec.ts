import { randomInt } from 'node:crypto';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { NotificationDispatcher } from '../../src/notifications/dispatcher.js';
import { NotificationSourcesModule } from '../../src/notification-sources/notification-sources.module.js';
import { NotificationsModule } from '../../src/notifications/notifications.module.js';
import { ReminderScheduler } from '../../src/notifications/reminders.js';
import { NotificationTriggers } from '../../src/notifications/notification-triggers.service.js';
import {
  startMailSink,
  startWhatsAppSink,
  type MailSink,
  type WhatsAppSink,
  outboxRows,
  mailsTo,
  settleOutbox,
} from '../support/notification-sinks.js';
import { type EventRow, factories, type Factories, type ParticipantRow } from './factories.js';
import { createServiceTest, type ServiceTest } from './service-test.js';

/**
 * The outbox's trigger, reminder and dispatcher rules (src/notifications) against real SMTP and WhatsApp sinks,
 * on data inserted directly; moved from test/notifications.e2e-spec.ts, which keeps what goes through routes.
 */

const TOKEN = 'uji-token-whatsapp';
let phoneSeq = randomInt(1_000_000, 9_000_000);
/** A phone number as the participants service stores it (E.164), unique within the run. */
const uniquePhone = () => `+628122${++phoneSeq}`;

describe('notifications (service)', () => {
  let st: ServiceTest;
  let f: Factories;
  let mail: MailSink;
  let wa: WhatsAppSink;
  let dispatcher: NotificationDispatcher;
  let uow: UnitOfWork;
  let triggers: NotificationTriggers;

  beforeAll(async () => {
    mail = await startMailSink();
    wa = await startWhatsAppSink();
    st = await createServiceTest([NotificationsModule, NotificationSourcesModule], {
      SMTP_URL: mail.url,
      MAIL_FROM: 'Bangga Macapat <no-reply@uji.banggamacapat.id>',
      WHATSAPP_API_URL: wa.url,
      WHATSAPP_TOKEN: TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      NOTIFICATIONS_RETRY_BASE_MS: '50',
      NOTIFICATIONS_RETRY_MAX_MS: '1000',
      NOTIFICATIONS_MAX_ATTEMPTS: '20',
    });
    f = factories(st);
    dispatcher = st.get(NotificationDispatcher);
    uow = st.get(UnitOfWork);
    triggers = st.get(NotificationTriggers);
  });
  afterAll(async () => {
    await st?.close();
    await mail.stop();
    await wa.close();
  });

  const person = (o: { email?: string } = {}) =>
    f.participant({ phone: uniquePhone(), email: o.email ?? 'siti@contoh.id' });
  /** A confirmed registration and the outbox rows its route writes in the same transaction (triggers.ts). */
  const registered = async (e: EventRow, p: ParticipantRow) => {
    const r = await f.registration(e.id, p.id, { source: 'staff' });
    await uow.run(null, (em) =>
      triggers.registered(em, { id: r.id, participantId: p.id, status: 'confirmed', waitlistPosition: null }, e),
    );
    return r;
  };
  const query = (sql: string, params?: unknown[]) => st.dataSource.query(sql, params);
  const rows = (where: string, params: unknown[]) => outboxRows(query, where, params);
  const settle = (ms?: number) => settleOutbox(dispatcher, query, ms);

  it('a repeated trigger writes nothing more, and a rolled-back change leaves no row', async () => {
    const e = await f.event();
    const p = await person();
    const r = await registered(e, p);
    const event = { id: e.id, title: 'x', startsAt: new Date(), endsAt: new Date(), venue: null };
    await uow.run(null, (em) =>
      triggers.registered(em, { id: r.id, participantId: p.id, status: 'confirmed', waitlistPosition: null }, event),
    );
    expect(await rows('recipient_participant_id = ?', [p.id])).toHaveLength(3);

    const other = await person();
    await expect(
      uow.run(null, async (em) => {
        await triggers.registered(
          em,
          {
            id: '00000000-0000-4000-8000-000000000001',
            participantId: other.id,
            status: 'confirmed',
            waitlistPosition: null,
          },
          event,
        );
        expect(
          await em.query('SELECT id FROM notifications WHERE recipient_participant_id = ?', [other.id]),
        ).toHaveLength(3);
        throw new Error('the change fails after writing its outbox rows');
      }),
    ).rejects.toThrow('the change fails');
    expect(await rows('recipient_participant_id = ?', [other.id])).toHaveLength(0);
  });

  it('writes reminders the day before (07:00 WIB) and two hours before, once however often it runs', async () => {
    const e = await f.event();
    const p = await person();
    await f.registration(e.id, p.id);
    const startsAt = e.startsAt;
    const reminders = st.get(ReminderScheduler);
    // 07:00 WIB of the Jakarta day before: computed independently, from the Jakarta date of the start.
    const jakartaDay = new Date(startsAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const expected = new Date(Date.parse(`${jakartaDay}T07:00:00+07:00`) - 24 * 3600_000);
    await reminders.run(new Date(expected.getTime() - 60_000));
    expect(await rows("kind LIKE 'event_reminder%' AND recipient_participant_id = ?", [p.id])).toHaveLength(0);
    await reminders.run(expected);
    await reminders.run(new Date(expected.getTime() + 60_000));
    expect(
      (await rows("kind = 'event_reminder_day' AND recipient_participant_id = ?", [p.id])).map((r) => r.channel),
    ).toEqual(['email', 'in_app', 'whatsapp']);
    await reminders.run(new Date(startsAt.getTime() - 2 * 3600_000 + 1000));
    await reminders.run(new Date(startsAt.getTime() - 3600_000));
    expect(await rows("kind = 'event_reminder_2h' AND recipient_participant_id = ?", [p.id])).toHaveLength(3);
  });

  it('WhatsApp: 429 and 5xx are retried with backoff, another 4xx fails for good', async () => {
    // Rows earlier tests left due are sent first, so the failures below meet this test's own sends.
    await settle();
    const e = await f.event();
    const retried = await person();
    wa.failNext(429, 503);
    await registered(e, retried);
    await settle();
    const [row] = await rows("channel = 'whatsapp' AND recipient_participant_id = ?", [retried.id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });

    const refused = await person();
    wa.failNext(400);
    await registered(e, refused);
    await settle();
    const [failed] = await rows("channel = 'whatsapp' AND recipient_participant_id = ?", [refused.id]);
    // A 400 is not retried: one attempt, however many the limit allows.
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('whatsapp 400');
    const [{ phone }] = await st.dataSource.query('SELECT phone FROM participants WHERE id = ?', [refused.id]);
    expect(phone).toMatch(/^\+628\d+$/);
    expect(failed.last_error).not.toContain(String(phone));
  });

  it('SMTP down for a while: sends retried with backoff until it is back, nothing lost, nothing twice', async () => {
    const e = await f.event();
    const emails = Array.from({ length: 5 }, () => `henti${Math.random().toString(36).slice(2, 9)}@contoh.id`);
    const people: ParticipantRow[] = [];
    for (const email of emails) people.push(await person({ email }));
    await mail.stop();
    for (const p of people) await registered(e, p);
    const outage = Date.now();
    // Ten seconds without a mail server, the dispatcher polling all along.
    while (Date.now() - outage < 10_000) {
      await dispatcher.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    const during = await rows(
      "channel = 'email' AND recipient_participant_id IN (?, ?, ?, ?, ?)",
      people.map((p) => p.id),
    );
    expect(during.every((r) => r.status === 'pending' && r.attempts >= 5 && r.last_error?.startsWith('smtp'))).toBe(
      true,
    );
    await mail.start();
    await settle(5000);
    const after = await rows(
      "channel = 'email' AND recipient_participant_id IN (?, ?, ?, ?, ?)",
      people.map((p) => p.id),
    );
    expect(after.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    for (const email of emails) expect(mailsTo(mail, email)).toHaveLength(1);
  });
});

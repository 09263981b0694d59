import { messageIdFor } from '../src/notifications/channels/email.channel.js';
import { startMailSink, type MailSink } from './support/notification-sinks.js';
import { createTestApp, type SignedIn, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';
import { createEvent, createParticipant, register } from './support/training-factory.js';

/**
 * SMTP down for a full minute, with the dispatcher running its own loop as in production and the retry
 * policy of production scaled to test time: exponential from a 1 s base (production: 30 s), ±25 % jitter,
 * a 10 s cap (production: 6 h) and 15 attempts (production: 8). Scaled so that, as in production, the
 * attempt budget outlasts the outage by a wide margin (here at least 86 s of waiting even with every
 * jitter at its shortest; production at least 47 min), while the cap keeps the wait after the server is
 * back short enough for CI. Production's own schedule over a one-minute outage is checked in
 * retry-policy.spec.ts.
 *
 * A minute of wall time, so it runs on one database only: MariaDB, the production database. SQLite runs
 * the ten-second variant in notifications.e2e-spec.ts, which drives the same code path.
 */
const OUTAGE_MS = 60_000;
const PEOPLE = 20;
const RETRY = { base: 1000, cap: 10_000, attempts: 15 };
const title = testingMysql()
  ? 'notifications: SMTP down for a minute (MariaDB)'
  : 'notifications: SMTP down for a minute (skipped on SQLite: ' +
    'a minute of wall time runs once, on MariaDB; SQLite runs the ten-second variant)';

(testingMysql() ? describe : describe.skip)(title, () => {
  let t: TestApp;
  let mail: MailSink;
  let staff: SignedIn;

  beforeAll(async () => {
    mail = await startMailSink();
    t = await createTestApp({
      SMTP_URL: mail.url,
      NOTIFICATIONS_DISPATCHER: 'in-process',
      NOTIFICATIONS_POLL_MS: '250',
      NOTIFICATIONS_RETRY_BASE_MS: String(RETRY.base),
      NOTIFICATIONS_RETRY_MAX_MS: String(RETRY.cap),
      NOTIFICATIONS_MAX_ATTEMPTS: String(RETRY.attempts),
    });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t?.close();
    await mail?.stop();
  });

  it('retries with jittered, capped backoff through the outage, then delivers every message exactly once', async () => {
    const e = await createEvent(t, staff);
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) =>
        createParticipant(t, staff, { email: `padam${i}.${Math.random().toString(36).slice(2, 8)}@contoh.id` }),
      ),
    );
    await mail.stop();
    const outage = Date.now();
    for (const p of people) await register(t, staff, e.id, p.id);
    const ids = people.map((p) => p.id);
    const rows = () =>
      t.dataSource.query(
        `SELECT id, dedupe_key, status, attempts, last_error, next_attempt_at FROM notifications ` +
          `WHERE channel = 'email' AND recipient_participant_id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      ) as Promise<
        {
          id: string;
          dedupe_key: string;
          status: string;
          attempts: number;
          last_error: string | null;
          next_attempt_at: Date | null;
        }[]
      >;

    // Through the outage: what the rows say every second. Nothing may give up; no wait may pass the cap
    // plus its jitter; rows that failed together must not all come back at the same instant.
    let longestWaitMs = 0;
    let spreadMs = 0;
    while (Date.now() - outage < OUTAGE_MS) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = Date.now();
      const seen = await rows();
      expect(seen.filter((r) => r.status === 'failed' || r.status === 'sent')).toEqual([]);
      const pending = seen.filter((r) => r.status === 'pending' && Number(r.attempts) > 1 && r.next_attempt_at);
      const due = pending.map((r) => new Date(r.next_attempt_at!).getTime());
      if (due.length > 0) {
        longestWaitMs = Math.max(longestWaitMs, ...due.map((d) => d - now));
        // Rows at the same attempt were scheduled together; jitter spreads them.
        const byAttempt = new Map<number, number[]>();
        for (const r of pending)
          byAttempt.set(Number(r.attempts), [
            ...(byAttempt.get(Number(r.attempts)) ?? []),
            new Date(r.next_attempt_at!).getTime(),
          ]);
        for (const times of byAttempt.values())
          if (times.length > 1) spreadMs = Math.max(spreadMs, Math.max(...times) - Math.min(...times));
      }
    }
    const during = await rows();
    const attemptsDuring = during.map((r) => Number(r.attempts));
    expect(during).toHaveLength(PEOPLE);
    expect(during.every((r) => r.status !== 'failed' && r.status !== 'sent')).toBe(true);
    expect(during.every((r) => /^smtp (ECONNECTION|ECONNREFUSED|ESOCKET)/.test(r.last_error ?? ''))).toBe(true);
    // At the production-like schedule a minute holds 8 to 9 attempts; allow for a loaded machine.
    expect(Math.min(...attemptsDuring)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...attemptsDuring)).toBeLessThan(RETRY.attempts);
    expect(longestWaitMs).toBeLessThanOrEqual(RETRY.cap * 1.25);
    expect(longestWaitMs).toBeGreaterThan(RETRY.cap * 0.5);
    expect(spreadMs).toBeGreaterThan(0);

    await mail.start();
    const back = Date.now();
    let after = await rows();
    while (after.some((r) => r.status !== 'sent')) {
      // The next attempt is at most the cap plus jitter away, and one poll.
      if (Date.now() - back > RETRY.cap * 1.25 + 10_000)
        throw new Error(`not delivered ${Date.now() - back} ms after SMTP came back: ${JSON.stringify(after)}`);
      await new Promise((r) => setTimeout(r, 200));
      after = await rows();
    }
    const deliveredInMs = Date.now() - back;

    // Every message once in the mailbox, and not a single extra copy even at the SMTP level.
    for (const r of after) {
      expect(mail.copies.get(messageIdFor(r.dedupe_key))).toBe(1);
      expect(r.last_error).toBeNull();
    }
    for (const p of people) {
      expect(
        mail.messages.filter((m) =>
          (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(p.email as string)),
        ),
      ).toHaveLength(1);
    }
    const attemptsBefore = new Map(during.map((r) => [r.id, Number(r.attempts)]));
    for (const r of after) expect(Number(r.attempts)).toBeGreaterThan(attemptsBefore.get(r.id)!);

    process.stdout.write(
      `SMTP outage test: ${PEOPLE} emails, SMTP down ${(OUTAGE_MS / 1000).toFixed(0)} s; ` +
        `attempts during the outage ${Math.min(...attemptsDuring)}–${Math.max(...attemptsDuring)} ` +
        `(limit ${RETRY.attempts}); longest scheduled wait ` +
        `${(longestWaitMs / 1000).toFixed(1)} s (cap ${RETRY.cap / 1000} s + 25 % jitter); ` +
        `jitter spread of rows failing together up to ${spreadMs} ms; ` +
        `all delivered ${(deliveredInMs / 1000).toFixed(1)} s after SMTP came back, each once\n`,
    );
  }, 150_000);
});

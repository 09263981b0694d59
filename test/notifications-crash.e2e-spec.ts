import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageIdFor } from '../src/notifications/channels/email.channel.js';
import { INTERRUPTED_WHATSAPP } from '../src/notifications/dispatcher.js';
import { inParallel } from './support/in-parallel.js';
import { startMailSink, startWhatsAppSink, type MailSink, type WhatsAppSink } from './support/notification-sinks.js';
import {
  call,
  ensureBuilt,
  ROOT,
  SERVER_ADMIN,
  SERVER_SECRETS,
  serverProcess,
  type ServerProcess,
} from './support/server-process.js';
import { openRawReader, type RawReader } from './support/raw-reader.js';
import { createTestDatabase, testingMysql, type TestDatabase } from './support/test-database.js';
import { eventBody, participantBody } from './support/training-factory.js';

/**
 * The dispatcher under kill -9, with real processes: an API process (dispatcher off) writes many outbox
 * rows; then dispatcher processes (`node dist/src/worker-cli.js`, what `npm run worker`
 * runs) send them to a real SMTP server and a WhatsApp stand-in in this test, both slow enough that
 * sends are in flight. On MariaDB two workers share the database (SKIP LOCKED claims), on SQLite one
 * runs. Worker 0 is killed at the very moment both receivers hold one of its messages taken but not yet
 * answered (the case that makes duplicates: the receiver has it, the dispatcher never heard so), then
 * restarted. What must hold afterwards, per unique key (dispatcher.ts says why):
 *  - in-app: one row, written `sent` by the change itself;
 *  - email: every row sent, and exactly one message per key in the mailbox. The interrupted email is
 *    sent again with the same Message-ID and the receiving server drops the copy (the sink keeps one
 *    message per Message-ID, as such a mail system does; it also counts every copy it accepted, so the
 *    test shows the copy was made and dropped, and that no other key ever got a second copy);
 *  - WhatsApp: no message twice, ever. The Cloud API cannot drop a copy, so the interrupted send is not
 *    repeated: exactly the rows in flight at the kill end `failed` with the interruption for staff
 *    (GET /notifications/failed), every other row is sent and received once.
 */
const onMysql = testingMysql();
const PEOPLE = 120;
const MESSAGES = 3;
const CONCURRENCY = 4;
const WORKER = join(ROOT, 'dist/src/worker-cli.js');

describe(
  `notification dispatcher: kill -9 mid-batch ` +
    `(${onMysql ? 'MariaDB, two worker processes' : 'SQLite, one worker process'})`,
  () => {
    let testDb: TestDatabase | undefined;
    let sqliteFile: string | undefined;
    let url: string;
    let api: ServerProcess;
    let mail: MailSink;
    let wa: WhatsAppSink;
    let reader: RawReader;
    const workers: { child?: ChildProcess; errors: string }[] = [];

    const workerEnv = (i: number) => ({
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      DATABASE_URL: url,
      SEED_DEMO_ON_FIRST_START: 'false',
      LOG_LEVEL: 'silent',
      ...SERVER_SECRETS,
      // Each worker logs in to SMTP and calls WhatsApp under its own name: the sinks tell whose message they hold.
      SMTP_URL: mail.urlFor(`w${i}`),
      WHATSAPP_API_URL: wa.url,
      WHATSAPP_TOKEN: `w${i}`,
      WHATSAPP_PHONE_NUMBER_ID: '555000111',
      NOTIFICATIONS_BATCH_SIZE: '20',
      NOTIFICATIONS_SEND_CONCURRENCY: String(CONCURRENCY),
      // Long enough that a loaded machine does not make the surviving worker outlive its own leases.
      NOTIFICATIONS_LEASE_SECONDS: '10',
      NOTIFICATIONS_POLL_MS: '200',
      NOTIFICATIONS_RETRY_BASE_MS: '200',
    });
    const startWorker = (i: number) => {
      const w = (workers[i] ??= { errors: '' });
      w.child = spawn(process.execPath, [WORKER], {
        cwd: ROOT,
        env: workerEnv(i),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      w.child.stderr!.on('data', (c: Buffer) => (w.errors += c.toString()));
    };
    const killWorker = async (i: number) => {
      const child = workers[i]?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const dead = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await dead;
    };
    const delivered = () => mail.messages.length + wa.requests.length;
    const notDone = async () =>
      Number(
        (
          await reader.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM notifications WHERE status IN ('pending', 'claimed', 'sending')",
          )
        )[0].n,
      );

    beforeAll(async () => {
      await ensureBuilt();
      mail = await startMailSink(0, 15);
      wa = await startWhatsAppSink(15);
      if (onMysql) {
        testDb = await createTestDatabase();
        url = testDb.url;
      } else {
        sqliteFile = join(tmpdir(), `bm-notify-crash-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
        url = `sqlite:${sqliteFile}`;
      }
      api = await serverProcess(url, {
        NOTIFICATIONS_DISPATCHER: 'off',
        SMTP_URL: mail.url,
        WHATSAPP_API_URL: wa.url,
        WHATSAPP_TOKEN: 'uji-token',
        WHATSAPP_PHONE_NUMBER_ID: '555000111',
      });
      await api.start();
      reader = await openRawReader(url);
    }, 240_000);

    afterAll(async () => {
      for (let i = 0; i < workers.length; i++) await killWorker(i);
      await api?.kill();
      await reader?.close();
      await mail?.stop();
      await wa?.close();
      await testDb?.drop();
      if (sqliteFile) for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
    });

    it(
      'after a kill mid-send and a restart: no message twice per unique key; ' +
        'every email and in-app message delivered, WhatsApp all but the send cut off',
      async () => {
        const login = await call(`${api.api}/auth/login`, {
          body: { email: SERVER_ADMIN.email, password: SERVER_ADMIN.password },
        });
        const token = login.body.accessToken as string;
        const event = await call(`${api.api}/events`, { token, body: eventBody({ capacity: PEOPLE }) });
        await call(`${api.api}/events/${event.body.id}/publish`, { token, method: 'POST' });
        await inParallel(
          Array.from({ length: PEOPLE }, (_, i) => i),
          8,
          async (i) => {
            const p = await call(`${api.api}/participants`, {
              token,
              body: participantBody({ email: `crash${i}.${randomBytes(3).toString('hex')}@contoh.id` }),
            });
            if (p.status !== 201) throw new Error(`participant: ${p.status} ${JSON.stringify(p.body)}`);
            const r = await call(`${api.api}/events/${event.body.id}/registrations`, {
              token,
              body: { participantId: p.body.id },
            });
            if (r.status !== 201) throw new Error(`registration: ${r.status} ${JSON.stringify(r.body)}`);
          },
        );
        for (let m = 0; m < MESSAGES; m++) {
          const res = await call(`${api.api}/events/${event.body.id}/messages`, {
            token,
            body: { audience: 'registered', subject: `Pesan ${m + 1}`, body: 'Isi pesan uji.' },
          });
          expect(res).toMatchObject({ status: 202, body: { recipients: PEOPLE } });
        }
        const [{ n: outbound }] = await reader.query<{ n: number }>(
          "SELECT COUNT(*) AS n FROM notifications WHERE channel <> 'in_app'",
        );
        expect(Number(outbound)).toBe(PEOPLE * (1 + MESSAGES) * 2);

        const started = Date.now();
        let killedAt = 0;
        // The kill, synchronously inside the receiver's handler: once sending is under way, the first moment
        // both receivers hold a message of worker 0 that they took and have not answered. Early, while the
        // registrations' rows go out (one email and one WhatsApp row each, due at the same instant, so a batch
        // mixes channels); the staff messages' rows may come channel by channel.
        const maybeKill = () => {
          if (killedAt || delivered() < Number(outbound) * 0.1) return;
          if ((mail.inFlight.get('w0') ?? 0) > 0 && (wa.inFlight.get('w0') ?? 0) > 0) {
            killedAt = Date.now();
            workers[0].child!.kill('SIGKILL');
          }
        };
        mail.onReceive = maybeKill;
        wa.onReceive = maybeKill;
        startWorker(0);
        if (onMysql) startWorker(1);
        while (!killedAt) {
          if (Date.now() - started > 120_000)
            throw new Error(`no kill: ${delivered()} delivered; ${workers.map((w) => w.errors).join('\n')}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        mail.onReceive = undefined;
        wa.onReceive = undefined;
        await new Promise((r) =>
          workers[0].child!.exitCode !== null || workers[0].child!.signalCode !== null
            ? r(null)
            : workers[0].child!.once('exit', r),
        );
        const atKill = delivered();
        // Rows held by a dispatcher right after the kill: the killed worker's (left there until their lease runs
        // out) and the surviving worker's (which it moves on under the same attempt). Which was which shows at the end.
        const held = await reader.query<{
          id: string;
          channel: string;
          status: string;
          attempts: number;
          dedupe_key: string;
        }>(
          "SELECT id, channel, status, attempts, dedupe_key FROM notifications WHERE status IN ('claimed', 'sending')",
        );
        await new Promise((r) => setTimeout(r, 500));
        startWorker(0);

        while ((await notDone()) > 0) {
          if (Date.now() - started > 240_000)
            throw new Error(`${await notDone()} rows still not done; ${workers.map((w) => w.errors).join('\n')}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        const seconds = (Date.now() - started) / 1000;
        const rows = await reader.query<{
          id: string;
          channel: string;
          status: string;
          attempts: number;
          dedupe_key: string;
          last_error: string | null;
        }>('SELECT id, channel, status, attempts, dedupe_key, last_error FROM notifications');

        // In-app: one row per unique key (the unique index), written sent by the change.
        const inApp = rows.filter((r) => r.channel === 'in_app');
        expect(inApp).toHaveLength(PEOPLE * (1 + MESSAGES));
        expect(inApp.every((r) => r.status === 'sent')).toBe(true);

        // Taken over after the kill: held then, and claimed again later (a higher attempt) or given up as interrupted.
        const final = new Map(rows.map((r) => [r.id, r]));
        const takenOver = held.filter(
          (h) =>
            Number(final.get(h.id)!.attempts) > Number(h.attempts) ||
            final.get(h.id)!.last_error === INTERRUPTED_WHATSAPP,
        );
        const neverStarted = takenOver.filter((h) => h.status === 'claimed').length;
        const cutOffEmail = takenOver.filter((h) => h.status === 'sending' && h.channel === 'email');
        const cutOffWhatsApp = takenOver.filter((h) => h.status === 'sending' && h.channel === 'whatsapp');
        expect(cutOffEmail.length + cutOffWhatsApp.length).toBeLessThanOrEqual(CONCURRENCY);

        // Email: every row sent; in the mailbox exactly one message per unique key and nothing else.
        const emailRows = rows.filter((r) => r.channel === 'email');
        expect(emailRows.filter((r) => r.status !== 'sent')).toEqual([]);
        const inMailbox = new Map<string, number>();
        for (const m of mail.messages)
          inMailbox.set(m.messageId ?? 'none', (inMailbox.get(m.messageId ?? 'none') ?? 0) + 1);
        const expectedIds = new Set(emailRows.map((r) => messageIdFor(r.dedupe_key)));
        expect(mail.messages).toHaveLength(emailRows.length);
        expect([...inMailbox.entries()].filter(([id, n]) => n !== 1 || !expectedIds.has(id))).toEqual([]);
        // Copies accepted at the SMTP level: only of emails in flight at the kill, sent again under the same
        // Message-ID and dropped by the receiver. Worker 0 was killed holding one that had arrived: its copy is there.
        const copied = [...mail.copies.entries()].filter(([, n]) => n > 1);
        const cutOffIds = new Set(cutOffEmail.map((r) => messageIdFor(r.dedupe_key)));
        expect(copied.filter(([id, n]) => !cutOffIds.has(id) || n > 2)).toEqual([]);
        expect(copied.length).toBeGreaterThan(0);

        // WhatsApp: no request twice for one message (one message per template, number and text here); only rows
        // in flight at the kill end failed as interrupted (at least the one worker 0 was killed holding); every
        // other row sent and received once.
        const waKey = (template: string, to: string, params: string[]) => `${template}|${to}|${params.join('|')}`;
        const waCount = new Map<string, number>();
        for (const r of wa.requests) {
          const key = waKey(
            r.body.template.name,
            r.body.to,
            r.body.template.components[0].parameters.map((p) => p.text),
          );
          waCount.set(key, (waCount.get(key) ?? 0) + 1);
        }
        expect([...waCount.values()].filter((n) => n !== 1)).toEqual([]);
        const waRows = rows.filter((r) => r.channel === 'whatsapp');
        const failed = waRows.filter((r) => r.status !== 'sent');
        expect(failed.map((r) => r.id).sort()).toEqual(cutOffWhatsApp.map((r) => r.id).sort());
        expect(failed.length).toBeGreaterThan(0);
        expect(failed.every((r) => r.status === 'failed' && r.last_error === INTERRUPTED_WHATSAPP)).toBe(true);
        // Received: each sent row once, plus those cut-off sends that had reached the receiver before the kill.
        expect(wa.requests.length).toBeGreaterThanOrEqual(waRows.length - failed.length);
        expect(wa.requests.length).toBeLessThanOrEqual(waRows.length);
        const arrivedOfCutOff = wa.requests.length - (waRows.length - failed.length);
        expect(arrivedOfCutOff).toBeGreaterThan(0);

        // Staff see the interrupted ones, with the reason.
        const list = await call(`${api.api}/notifications/failed?channel=whatsapp&limit=100`, { token });
        expect(list.status).toBe(200);
        expect(
          (list.body.data as { id: string; lastError: string }[]).filter(
            (f) => failed.some((r) => r.id === f.id) && f.lastError === INTERRUPTED_WHATSAPP,
          ),
        ).toHaveLength(failed.length);

        const reclaimed = [...emailRows, ...waRows].filter((r) => Number(r.attempts) > 1).length;
        process.stdout.write(
          `notifications crash test (${onMysql ? 'MariaDB, 2 workers' : 'SQLite, 1 worker'}): ` +
            `${outbound} outbound rows, ${atKill} delivered at the kill; ` +
            `cut off mid-send: ${cutOffEmail.length} email (resent, ${copied.length} of them had ` +
            `arrived and their copy was dropped by Message-ID) and ${cutOffWhatsApp.length} WhatsApp ` +
            `(failed as interrupted, ${arrivedOfCutOff} of them had arrived); ` +
            `${neverStarted} claimed but never started (sent after the lease); ` +
            `${reclaimed} rows with more than one attempt; ` +
            `duplicates per unique key: 0; all done in ${seconds.toFixed(1)} s ` +
            `(${(Number(outbound) / seconds).toFixed(0)} messages/s)\n`,
        );
      },
      300_000,
    );
  },
);

import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../src/database/database-url.js';
import { inParallel } from './support/in-parallel.js';
import { startMailSink, startWhatsAppSink, type MailSink, type WhatsAppSink } from './support/notification-sinks.js';
import { call, ensureBuilt, ROOT, SERVER_ADMIN, SERVER_SECRETS, serverProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, testingMysql, type TestDatabase } from './support/test-database.js';
import { eventBody, participantBody } from './support/training-factory.js';

/**
 * The dispatcher under kill -9, with real processes: an API process (dispatcher off) writes many outbox
 * rows; then dispatcher processes (`node dist/src/notifications/worker-cli.js`, what `npm run worker`
 * runs) send them to a real SMTP server and a WhatsApp stand-in in this test, both slow enough that
 * sends are in flight. On MariaDB two workers share the database (SKIP LOCKED claims), on SQLite one
 * runs. One is killed mid-batch and restarted; after that every row must be sent and every message
 * received. Delivery is at-least-once: a message the receiver accepted just before the kill, whose row
 * was not yet marked, is sent again when the lease runs out. So a message may arrive twice only if its
 * row was claimed by the killed worker (attempts > 1), at most as many as were in flight then, and an
 * email repeated keeps its Message-ID (the row id) for the receiver to drop. Nothing else twice.
 */
const onMysql = testingMysql();
const PEOPLE = 120;
const MESSAGES = 3;
const CONCURRENCY = 4;
const WORKER = join(ROOT, 'dist/src/notifications/worker-cli.js');

interface Reader {
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

describe(`notification dispatcher: kill -9 mid-batch (${onMysql ? 'MariaDB, two worker processes' : 'SQLite, one worker process'})`, () => {
  let testDb: TestDatabase | undefined;
  let sqliteFile: string | undefined;
  let url: string;
  let api: ServerProcess;
  let mail: MailSink;
  let wa: WhatsAppSink;
  let reader: Reader;
  const workers: { child?: ChildProcess; errors: string }[] = [];

  const workerEnv = () => ({
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    DATABASE_URL: url,
    SEED_DEMO_ON_FIRST_START: 'false',
    LOG_LEVEL: 'silent',
    ...SERVER_SECRETS,
    SMTP_URL: mail.url,
    WHATSAPP_API_URL: wa.url,
    WHATSAPP_TOKEN: 'uji-token',
    WHATSAPP_PHONE_NUMBER_ID: '555000111',
    NOTIFICATIONS_BATCH_SIZE: '40',
    NOTIFICATIONS_SEND_CONCURRENCY: String(CONCURRENCY),
    NOTIFICATIONS_LEASE_SECONDS: '5',
    NOTIFICATIONS_POLL_MS: '200',
    NOTIFICATIONS_RETRY_BASE_MS: '200',
  });
  const startWorker = (i: number) => {
    const w = (workers[i] ??= { errors: '' });
    w.child = spawn(process.execPath, [WORKER], { cwd: ROOT, env: workerEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
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

  beforeAll(async () => {
    await ensureBuilt();
    mail = await startMailSink(0, 15);
    wa = await startWhatsAppSink(15);
    if (onMysql) {
      testDb = await createTestDatabase();
      url = testDb.url;
      const db = parseDatabaseUrl(url);
      const conn = await mysql.createConnection({ host: db.host, port: db.port, user: db.username, password: db.password, database: db.database });
      reader = { query: async (sql, params) => (await conn.query(sql, params))[0] as any[], close: () => conn.end() };
    } else {
      sqliteFile = join(tmpdir(), `bm-notify-crash-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
      url = `sqlite:${sqliteFile}`;
    }
    api = await serverProcess(url, {
      NOTIFICATIONS_DISPATCHER: 'off', SMTP_URL: mail.url, WHATSAPP_API_URL: wa.url, WHATSAPP_TOKEN: 'uji-token', WHATSAPP_PHONE_NUMBER_ID: '555000111',
    });
    await api.start();
    if (!onMysql) {
      const conn = new Database(sqliteFile!, { readonly: true });
      reader = { query: async (sql, params = []) => conn.prepare(sql).all(...params) as any[], close: async () => void conn.close() };
    }
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

  it('after a kill and a restart every notification is sent, and none twice but those in flight at the kill', async () => {
    const login = await call(`${api.api}/auth/login`, { body: { email: SERVER_ADMIN.email, password: SERVER_ADMIN.password } });
    const token = login.body.accessToken as string;
    const event = await call(`${api.api}/events`, { token, body: eventBody({ capacity: PEOPLE }) });
    await call(`${api.api}/events/${event.body.id}/publish`, { token, method: 'POST' });
    await inParallel(Array.from({ length: PEOPLE }, (_, i) => i), 8, async (i) => {
      const p = await call(`${api.api}/participants`, { token, body: participantBody({ email: `crash${i}.${randomBytes(3).toString('hex')}@contoh.id` }) });
      if (p.status !== 201) throw new Error(`participant: ${p.status} ${JSON.stringify(p.body)}`);
      const r = await call(`${api.api}/events/${event.body.id}/registrations`, { token, body: { participantId: p.body.id } });
      if (r.status !== 201) throw new Error(`registration: ${r.status} ${JSON.stringify(r.body)}`);
    });
    for (let m = 0; m < MESSAGES; m++) {
      const res = await call(`${api.api}/events/${event.body.id}/messages`, { token, body: { audience: 'registered', subject: `Pesan ${m + 1}`, body: 'Isi pesan uji.' } });
      expect(res).toMatchObject({ status: 202, body: { recipients: PEOPLE } });
    }
    const [{ n: outbound }] = await reader.query<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE channel <> 'in_app'");
    expect(Number(outbound)).toBe(PEOPLE * (1 + MESSAGES) * 2);

    const started = Date.now();
    startWorker(0);
    if (onMysql) startWorker(1);
    // Kill the first worker once sending is well under way (so it holds claimed rows with sends in flight).
    while (delivered() < Number(outbound) * 0.3) {
      if (Date.now() - started > 120_000) throw new Error(`no progress: ${delivered()} delivered; ${workers.map((w) => w.errors).join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await killWorker(0);
    const atKill = delivered();
    const [{ n: stranded }] = await reader.query<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE status = 'sending'");
    await new Promise((r) => setTimeout(r, 500));
    startWorker(0);

    for (;;) {
      const [{ n }] = await reader.query<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE channel <> 'in_app' AND status <> 'sent'");
      if (Number(n) === 0) break;
      if (Date.now() - started > 240_000) throw new Error(`${n} rows still not sent; ${workers.map((w) => w.errors).join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;

    // Every email row arrived, under its own Message-ID.
    const emailRows = await reader.query<{ id: string; attempts: number }>("SELECT id, attempts FROM notifications WHERE channel = 'email'");
    const byMessageId = new Map<string, number>();
    for (const m of mail.messages) {
      const id = /^<([0-9a-f-]{36})@/.exec(m.messageId ?? '')?.[1] ?? 'none';
      byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
    }
    expect(emailRows.filter((r) => !byMessageId.has(r.id))).toEqual([]);
    expect(byMessageId.has('none')).toBe(false);

    // Every WhatsApp message arrived: one per (template, number, parameters), which is one per row here.
    const waCount = new Map<string, number>();
    for (const r of wa.requests) {
      const key = `${r.body.template.name}|${r.body.to}|${r.body.template.components[0].parameters.map((p) => p.text).join('|')}`;
      waCount.set(key, (waCount.get(key) ?? 0) + 1);
    }
    const waRows = await reader.query<{ attempts: number }>("SELECT attempts FROM notifications WHERE channel = 'whatsapp'");
    expect(waCount.size).toBe(waRows.length);

    // Repeats: only of rows the killed worker had claimed (taken again after its lease: attempts > 1),
    // no more than its sends in flight (both channels), and never from the surviving or restarted worker.
    const emailRepeats = emailRows.filter((r) => (byMessageId.get(r.id) ?? 0) > 1);
    for (const r of emailRepeats) expect(Number(r.attempts)).toBeGreaterThan(1);
    const waRepeats = [...waCount.values()].filter((n) => n > 1).length;
    const repeats = emailRepeats.length + waRepeats;
    expect([...byMessageId.values(), ...waCount.values()].every((n) => n <= 2)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
    const reclaimed = [...emailRows, ...waRows].filter((r) => Number(r.attempts) > 1).length;
    expect(reclaimed).toBeGreaterThan(0);

    process.stdout.write(
      `notifications crash test: ${outbound} outbound rows, ${atKill} delivered at the kill, ${stranded} rows stranded 'sending', ` +
      `${reclaimed} re-claimed after the lease, ${repeats} delivered twice (in flight at the kill), all sent in ${seconds.toFixed(1)} s ` +
      `(${(Number(outbound) / seconds).toFixed(0)} messages/s)\n`,
    );
  }, 300_000);
});

import mysql from 'mysql2/promise';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

/**
 * `npm run bench:notifications` (after `npm run build`): a staff message to RECIPIENTS (5,000) people on a
 * fresh MariaDB database (DATABASE_URL, default mysql://root@127.0.0.1:3306/bm_notify_load), sent by the
 * API process's own dispatcher (the default; NOTIFY_WORKER=1 sends from a separate `worker-cli` process
 * instead) to a local SMTP server and a WhatsApp Cloud API stand-in in this process. Prints: how long the
 * 202 took, messages per second delivered, and staff registrations per second (p50/p99) measured the
 * same way before the message and while it is being sent.
 */
const RECIPIENTS = Number(process.env.NOTIFY_RECIPIENTS ?? 5000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bm_notify_load';
const PORT = Number(process.env.BENCH_PORT ?? 3950);
const REG_SECONDS = Number(process.env.NOTIFY_REG_SECONDS ?? 10);
const REG_WIDTH = 20;
/** The built server to start (BENCH_SERVER, as in bench/run.ts): another build measured the same way for comparison. */
const SERVER_ENTRY = process.env.BENCH_SERVER ?? 'dist/src/main.js';
/** NOTIFY_REG_ONLY=1: only the registration run (e.g. against a build without notifications). */
const REG_ONLY = process.env.NOTIFY_REG_ONLY === '1';
const API = `http://127.0.0.1:${PORT}/api/v1`;
const SECRETS = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};
const ADMIN = { email: 'admin.beban@banggamacapat.id', password: 'rahasia-admin-123' };
const out = (line: string) => process.stdout.write(`${line}\n`);

async function json(
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${API}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

async function main(): Promise<void> {
  // The receiving ends: count what arrives.
  let mails = 0;
  let whatsapps = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        mails++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const wa = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      whatsapps++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.x"}]}');
    });
  });
  await new Promise<void>((r) => wa.listen(0, '127.0.0.1', () => r()));

  const url = new URL(DATABASE_URL);
  const dbName = url.pathname.slice(1);
  const admin = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: url.username,
    password: url.password,
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    PORT: String(PORT),
    DATABASE_URL,
    LOG_LEVEL: 'warn',
    SEED_DEMO_ON_FIRST_START: 'false',
    ...SECRETS,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    REGISTER_RATE_LIMIT: '1000000',
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    WHATSAPP_API_URL: `http://127.0.0.1:${(wa.address() as AddressInfo).port}/v21.0`,
    WHATSAPP_TOKEN: 'beban',
    WHATSAPP_PHONE_NUMBER_ID: '123',
    NOTIFICATIONS_DISPATCHER:
      process.env.NOTIFY_WORKER === '1' || process.env.NOTIFY_WORKER === 'off' ? 'off' : 'in-process',
  };
  const children: ChildProcess[] = [];
  const start = (entry: string) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=32', entry], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  };
  try {
    start(SERVER_ENTRY);
    for (let i = 0; ; i++) {
      if (
        await fetch(`${API}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 600) throw new Error('server did not start');
      await sleep(100);
    }
    if (process.env.NOTIFY_WORKER === '1') start('dist/src/worker-cli.js');
    const token = (await json('/auth/login', null, ADMIN)).body.accessToken as string;

    // The audience: RECIPIENTS confirmed registrations on one training, written directly (multi-row INSERTs).
    const eventBody = (capacity: number) => ({
      title: 'Literasi Digital Massal',
      description: 'Uji beban notifikasi.',
      pillar: 'digital_skills',
      format: 'offline',
      venue: 'Alun-alun Purbalingga',
      kecamatanCode: '33.03.05',
      startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 20 * 86_400_000 + 3 * 3_600_000).toISOString(),
      capacity,
    });
    const big = (await json('/events', token, eventBody(RECIPIENTS))).body.id as string;
    await json(`/events/${big}/publish`, token, {});
    // Registrations spread over 20 trainings, as bench/run.ts
    // spreads them: one training's lock would serialise them all.
    const small: string[] = [];
    for (let i = 0; i < 20; i++) {
      small.push((await json('/events', token, eventBody(100_000))).body.id as string);
      await json(`/events/${small[i]}/publish`, token, {});
    }
    const pool = mysql.createPool({ uri: DATABASE_URL, connectionLimit: 4 });
    const people: string[] = [];
    const spare: string[] = [];
    const participants: unknown[][] = [];
    for (let i = 0; i < RECIPIENTS + 20_000; i++) {
      const id = randomUUID();
      (i < RECIPIENTS ? people : spare).push(id);
      participants.push([
        id,
        `Warga ${i}`,
        `warga ${i}`,
        'female',
        '1990-01-15',
        1990,
        `+62812${String(10_000_000 + i).slice(-8)}`,
        `warga${i}@contoh.id`,
        '33.03.05',
        'Bancar',
        'umkm',
        new Date(),
        '2026-11',
      ]);
    }
    for (let i = 0; i < participants.length; i += 1000) {
      const batch = participants.slice(i, i + 1000);
      await pool.query(
        `INSERT INTO participants (id, full_name, name_search, gender, birth_date, birth_year, phone, ` +
          `email, kecamatan_code, village, occupation, consent_at, consent_policy_version) ` +
          `VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flat(),
      );
    }
    for (let i = 0; i < people.length; i += 1000) {
      const batch = people
        .slice(i, i + 1000)
        .map((p, j) => [
          randomUUID(),
          big,
          p,
          p,
          'confirmed',
          null,
          `T${String(i + j).padStart(9, '0')}`,
          'staff',
          new Date(),
          new Date(),
        ]);
      await pool.query(
        `INSERT INTO registrations (id, event_id, participant_id, active_key, status, waitlist_position, ` +
          `ticket_code, source, created_at, updated_at) ` +
          `VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flat(),
      );
    }
    await pool.query('UPDATE events SET confirmed_count = ? WHERE id = ?', [people.length, big]);

    // Staff registrations on behalf, REG_WIDTH in flight, for REG_SECONDS: req/s and p50/p99.
    let nextSpare = 0;
    const registrations = async (label: string) => {
      const latencies: number[] = [];
      let errors = 0;
      const until = Date.now() + REG_SECONDS * 1000;
      await Promise.all(
        Array.from({ length: REG_WIDTH }, async () => {
          while (Date.now() < until) {
            const n = nextSpare++;
            const r = await json(`/events/${small[n % small.length]}/registrations`, token, {
              participantId: spare[n],
            });
            if (r.status === 201) latencies.push(r.ms);
            else errors++;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * f))]?.toFixed(0);
      out(
        `registrations ${label}: ${(latencies.length / REG_SECONDS).toFixed(0)} req/s, ` +
          `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, ${errors} errors (load ${loadavg()[0].toFixed(1)})`,
      );
      return latencies.length / REG_SECONDS;
    };
    await registrations('before the message (registration notifications sending too)');
    if (REG_ONLY) return;
    // Let the registrations' own notifications drain first.
    const pending = async () =>
      Number(
        (
          (await pool.query(
            "SELECT COUNT(*) AS n FROM notifications WHERE status IN ('pending', 'claimed', 'sending')",
          )) as any
        )[0][0].n,
      );
    while ((await pending()) > 0) await sleep(200);

    const [mails0, was0] = [mails, whatsapps];
    const accepted = await json(`/events/${big}/messages`, token, {
      audience: 'registered',
      subject: 'Info penting',
      body: 'Mohon hadir 30 menit sebelum acara dimulai.',
    });
    out(
      `POST /events/:id/messages → ${accepted.status} ${JSON.stringify(accepted.body)} in ${accepted.ms.toFixed(0)} ms`,
    );
    const sentStarted = Date.now();
    await registrations('while the message is being sent');
    while ((await pending()) > 0) await sleep(100);
    const seconds = (Date.now() - sentStarted) / 1000;
    const delivered = mails - mails0 + (whatsapps - was0);
    out(
      `message delivered: ${mails - mails0} emails + ${whatsapps - was0} ` +
        `WhatsApp = ${delivered} (plus registrations' own) ` +
        `in ${seconds.toFixed(1)} s → ${(delivered / seconds).toFixed(0)} messages/s`,
    );
    const [[failed]] = (await pool.query(
      "SELECT COUNT(*) AS n FROM notifications WHERE status <> 'sent' AND channel <> 'in_app'",
    )) as any;
    out(`rows not sent: ${failed.n}`);
    await pool.end();
  } finally {
    for (const c of children) c.kill('SIGTERM');
    smtp.close();
    wa.close();
    await sleep(500);
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);

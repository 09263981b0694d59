import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

/**
 * `npm run bench:check-in-list` (builds first): what a door phone downloads when the scanner is opened
 * for a training of CHECKIN_REGISTRATIONS (2,000) registrations. Starts the built server on a fresh SQLite
 * file (or DATABASE_URL, e.g. a fresh MariaDB database), makes the registrations through the API (staff on
 * behalf of participants it adds), checks a quarter of them in, then times GET /events/:id/check-in-list
 * (full, and `?since=` with nothing changed) and prints the body's bytes, raw and gzipped.
 */
const REGISTRATIONS = Number(process.env.CHECKIN_REGISTRATIONS ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3960);
const RUNS = 7;
const WIDTH = 16;
const API = `http://127.0.0.1:${PORT}/api/v1`;
const ADMIN = { email: 'admin.pintu@banggamacapat.id', password: 'rahasia-admin-123' };
const out = (line: string) => process.stdout.write(`${line}\n`);

async function call(path: string, token: string | null, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs `task(i)` for 0..n-1, WIDTH at a time. */
async function each(n: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WIDTH }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bm-door-bench-'));
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
    SEED_DEMO_ON_FIRST_START: 'false',
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    REGISTER_RATE_LIMIT: '1000000',
  };
  const server: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${API}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('the server did not start');
      await sleep(200);
    }
    const admin = (await call('/auth/login', null, ADMIN)).accessToken as string;
    await call('/users', admin, {
      email: 'staf.pintu@banggamacapat.id',
      password: ADMIN.password,
      fullName: 'Staf Pintu',
      role: 'staff',
    });
    const staff = (await call('/auth/login', null, { email: 'staf.pintu@banggamacapat.id', password: ADMIN.password }))
      .accessToken as string;
    const startsAt = new Date(Date.now() + 3600_000);
    const event = await call('/events', staff, {
      title: 'Cakap Digital untuk UMKM',
      description: 'Pengukuran daftar pemindai pintu.',
      pillar: 'digital_skills',
      format: 'offline',
      venue: 'GOR Goentoer Darjono',
      kecamatanCode: '33.03.11',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
      capacity: REGISTRATIONS,
    });
    await call(`/events/${event.id}/publish`, staff, {});

    const made = performance.now();
    const registrations: string[] = [];
    await each(REGISTRATIONS, async (i) => {
      const person = await call('/participants', staff, {
        fullName: `Warga Purbalingga ${i + 1}`,
        gender: i % 2 ? 'male' : 'female',
        birthDate: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
        phone: `0812${String(10_000_000 + i)}`,
        kecamatanCode: '33.03.11',
        village: 'Bancar',
        occupation: 'umkm',
        consent: true,
      });
      registrations[i] = (await call(`/events/${event.id}/registrations`, staff, { participantId: person.id })).id;
    });
    out(`made ${REGISTRATIONS} registrations in ${((performance.now() - made) / 1000).toFixed(1)} s`);
    // Some already at the door: rows then carry a checkedInAt.
    await each(
      Math.floor(REGISTRATIONS / 4),
      async (i) => void (await call(`/events/${event.id}/check-ins`, staff, { registrationId: registrations[i] })),
    );

    const download = async (query = '') => {
      const started = performance.now();
      const res = await fetch(`${API}/events/${event.id}/check-in-list${query}`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - started;
      if (!res.ok) throw new Error(`check-in-list → ${res.status}`);
      return { ms, body };
    };
    await download();
    const full: number[] = [];
    let body = Buffer.alloc(0);
    for (let i = 0; i < RUNS; i++) {
      const r = await download();
      full.push(r.ms);
      body = r.body;
    }
    const list = JSON.parse(body.toString('utf8'));
    const since: number[] = [];
    let sinceBytes = 0;
    // The server reaches back 2 minutes before `since` (commits that land late): this is a phone's refresh
    // 2 minutes after its download, with nothing changed in between.
    const later = new Date(Date.parse(list.generatedAt) + 2 * 60_000 + 1000).toISOString();
    for (let i = 0; i < RUNS; i++) {
      const r = await download(`?since=${encodeURIComponent(later)}`);
      since.push(r.ms);
      sinceBytes = r.body.length;
    }
    out(
      `check-in list of ${list.data.length} registrations (${env.DATABASE_URL.split(':')[0]}): ` +
        `${body.length} bytes (${(body.length / 1024).toFixed(1)} KiB), ` +
        `${gzipSync(body).length} bytes gzipped; ${(body.length / list.data.length).toFixed(0)} bytes a row`,
    );
    out(
      `  full download: median ${median(full).toFixed(1)} ms, ` +
        `max ${Math.max(...full).toFixed(1)} ms (${RUNS} runs, loopback)`,
    );
    out(
      `  refresh (?since=) 2 minutes later, nothing changed: ` +
        `${sinceBytes} bytes, median ${median(since).toFixed(1)} ms`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

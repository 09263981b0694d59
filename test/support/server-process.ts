import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * Real server processes (`node dist/src/main.js`) for fault tests that need what an in-process app
 * cannot give: kill -9, a restart, a process of its own per instance.
 */
export const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');

export const SERVER_SECRETS = {
  JWT_SECRET: `crash-test-jwt-secret-${randomBytes(16).toString('hex')}`,
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};
export const SERVER_ADMIN = { email: 'admin.uji@banggamacapat.id', password: 'rahasia-admin-123' };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the server unless dist/src/main.js is newer than every source file. Type errors elsewhere
 * (other work in progress) do not stop tsc from emitting; only a missing main.js fails. Suites running
 * in parallel take turns through a lock directory, so no server starts from a half-written dist/.
 */
export async function ensureBuilt(): Promise<{ built: boolean; ms: number }> {
  const lock = join(ROOT, 'node_modules/.cache/server-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const waitUntil = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock left by a killed run is old.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > waitUntil) throw new Error(`${lock} held for 5 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'migrations')));
    if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= sources) return { built: false, ms: 0 };
    const started = Date.now();
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < started - 1000) {
      throw new Error(`build failed (exit ${tsc.status}):\n${tsc.stdout}\n${tsc.stderr}`);
    }
    return { built: true, ms: Date.now() - started };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcess {
  port: number;
  /** http://127.0.0.1:port/api/v1 */
  api: string;
  readonly alive: boolean;
  /** Starts (or restarts) the process and waits until /health answers 200; returns the milliseconds it took. */
  start(): Promise<number>;
  /** kill -9: no shutdown hooks, no goodbye to the database. */
  kill(): Promise<void>;
  /** Everything it wrote to stderr (start-up failures). */
  stderr(): string;
  /** Everything it wrote to stdout (its log lines, when LOG_LEVEL is not silent). */
  stdout(): string;
}

/** A server process on a free port with the environment a real deployment would give it. */
export async function serverProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const api = `http://127.0.0.1:${port}/api/v1`;
  let child: ChildProcess | undefined;
  let exited = true;
  let errors = '';
  let output = '';
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SEED_DEMO_ON_FIRST_START: 'false',
    LOG_LEVEL: 'silent',
    // Suites read the log lines as JSON.
    LOG_FORMAT: 'json',
    ...SERVER_SECRETS,
    ADMIN_EMAIL: SERVER_ADMIN.email,
    ADMIN_PASSWORD: SERVER_ADMIN.password,
    REGISTER_RATE_LIMIT: '100000',
    LOGIN_IP_RATE_LIMIT: '100000',
    ...env,
  };

  const server: ServerProcess = {
    port,
    api,
    get alive() {
      return !exited;
    },
    async start() {
      const started = Date.now();
      child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      exited = false;
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const gone = new Promise<never>((_, reject) =>
        child!.once('exit', (code, signal) => {
          exited = true;
          reject(new Error(`server exited (${code ?? signal}) before it was ready: ${errors}`));
        }),
      );
      gone.catch(() => undefined);
      const deadline = started + 60_000;
      while (Date.now() < deadline) {
        const ok = await Promise.race([
          fetch(`${api}/health`).then(
            (r) => r.status === 200,
            () => false,
          ),
          gone,
        ]);
        if (ok) return Date.now() - started;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server on port ${port} not ready after 60 s: ${errors}`);
    },
    async kill() {
      if (!child || exited) return;
      const dead = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await dead;
    },
    stderr: () => errors,
    stdout: () => output,
  };
  return server;
}

/** A JSON request that never throws: a dropped connection is `status: 0`. */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: any; headers: Headers | null; ms: number; error?: string }> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers, ms: Date.now() - started };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 0,
      body: null,
      headers: null,
      ms: Date.now() - started,
      error: cause?.code ?? cause?.message ?? (err as Error).message,
    };
  }
}

/**
 * Starts the real built server (node dist/src/main.js) for the browser tests on a fresh database: a new
 * SQLite file by default, or a new MySQL/MariaDB database on the server of TEST_DATABASE_URL (made and
 * dropped here, like test/support/test-database.ts). Playwright runs this as its webServer and stops it
 * with SIGTERM at the end; the database goes with it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { URL } from 'node:url';

const root = resolve(import.meta.dirname, '../../..');
const port = process.env.WEB_E2E_PORT;
if (!port) throw new Error('WEB_E2E_PORT is not set (playwright.config.ts sets it)');

if (!existsSync(join(root, 'dist/src/main.js')) || !existsSync(join(root, 'dist/web/index.html'))) {
  process.stdout.write('dist/ is missing: npm run build\n');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const base = process.env.TEST_DATABASE_URL ?? '';
let databaseUrl;
let drop = async () => undefined;
if (base.startsWith('mysql://')) {
  const server = new URL(base);
  const name = `bm_web_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const connect = () =>
    mysql.createConnection({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
  const admin = await connect();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  server.pathname = `/${name}`;
  databaseUrl = server.toString();
  drop = async () => {
    const conn = await connect();
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'bm-web-e2e-'));
  databaseUrl = `sqlite:${join(dir, 'e2e.sqlite')}`;
  drop = async () => rmSync(dir, { recursive: true, force: true });
}

const child = spawn(process.execPath, ['--max-semi-space-size=32', join(root, 'dist/src/main.js')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: port,
    DATABASE_URL: databaseUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    JWT_SECRET: `web-e2e-${randomBytes(24).toString('hex')}`,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: process.env.WEB_E2E_ADMIN_EMAIL,
    ADMIN_PASSWORD: process.env.WEB_E2E_ADMIN_PASSWORD,
    SEED_DEMO_ON_FIRST_START: 'false',
    LOG_LEVEL: 'warn',
    // Every test signs people up, logs in and sets NIKs from 127.0.0.1; the API suites test these limits.
    REGISTER_RATE_LIMIT: '100000',
    LOGIN_IP_RATE_LIMIT: '100000',
    LOGIN_VERIFY_QUEUE: '1000',
    NIK_CHANGE_ACCOUNT_LIMIT: '1000',
    NIK_CHANGE_IP_LIMIT: '100000',
  },
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  await drop().catch((err) => process.stderr.write(`could not drop the test database: ${err.message}\n`));
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
child.on('exit', (code) => {
  if (!stopping) void stop(code ?? 1);
});

/**
 * `npm run lighthouse`: Lighthouse (mobile emulation, its default) against the built server on a fresh
 * SQLite database with two trainings, printing the performance and accessibility scores of the first page
 * and of a training's page. Needs `npm run build` first and Chromium (CHROME_PATH, default /usr/bin/chromium).
 * Targets for the web app: performance ≥ 90, accessibility ≥ 95.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = resolve(import.meta.dirname, '../..');
const port = String(20000 + (process.pid % 20000));
const admin = { email: 'admin.lighthouse@uji.banggamacapat.id', password: 'rahasia-admin-lighthouse' };
const base = `http://127.0.0.1:${port}`;
process.env.CHROME_PATH ??= '/usr/bin/chromium';

const server = spawn(process.execPath, [resolve(root, 'web/e2e/support/server.mjs')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    TEST_DATABASE_URL: '',
    WEB_E2E_PORT: port,
    WEB_E2E_ADMIN_EMAIL: admin.email,
    WEB_E2E_ADMIN_PASSWORD: admin.password,
  },
});
const stopServer = () =>
  new Promise((r) => (server.exitCode !== null ? r() : (server.once('exit', r), server.kill('SIGTERM'))));

async function call(method, path, body, token) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

let chrome;
try {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 180) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const token = (await call('POST', '/auth/login', admin)).accessToken;
  const inHours = (h) => new Date(Date.now() + h * 3600_000).toISOString();
  let trainingId;
  for (const [title, pillar] of [
    ['Aman Bermedia Sosial bagi Pelajar SMP', 'digital_safety'],
    ['Literasi Digital untuk UMKM Purbalingga', 'digital_skills'],
  ]) {
    const e = await call(
      'POST',
      '/events',
      {
        title,
        pillar,
        description: 'Mengenali hoaks, menjaga data pribadi, dan bijak bermedia sosial.',
        format: 'offline',
        venue: 'Pendopo Dipokusumo',
        kecamatanCode: '33.03.11',
        startsAt: inHours(72),
        endsAt: inHours(75),
        capacity: 30,
      },
      token,
    );
    await call('POST', `/events/${e.id}/publish`, undefined, token);
    trainingId ??= e.id;
  }

  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const scores = [];
  for (const path of ['/', `/pelatihan/${trainingId}`]) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const { performance, accessibility } = result.lhr.categories;
    const line =
      `${path}: performance ${Math.round(performance.score * 100)}, ` +
      `accessibility ${Math.round(accessibility.score * 100)}`;
    scores.push(line);
    process.stdout.write(`lighthouse (mobile) ${line}\n`);
    for (const id of [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
    ]) {
      process.stdout.write(`  ${result.lhr.audits[id].title}: ${result.lhr.audits[id].displayValue}\n`);
    }
    if (process.env.LIGHTHOUSE_DETAILS) {
      for (const id of ['bootup-time', 'mainthread-work-breakdown', 'long-tasks', 'layout-shifts']) {
        process.stdout.write(`  ${id}: ${JSON.stringify(result.lhr.audits[id]?.details?.items?.slice(0, 6))}\n`);
      }
    }
  }
} finally {
  await chrome?.kill();
  await stopServer();
}

import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the web app against the real built server on a fresh database (support/server.mjs):
 * SQLite by default, MySQL/MariaDB with TEST_DATABASE_URL=mysql://…. Debian's Chromium drives them
 * (Playwright's own browser download cannot work here): CHROMIUM_PATH, default /usr/bin/chromium.
 */
// Set once in the main process; workers inherit the environment, so they all see the same server.
process.env.WEB_E2E_PORT ??= String(20000 + (process.pid % 20000));
process.env.WEB_E2E_ADMIN_EMAIL ??= 'admin.web@uji.banggamacapat.id';
process.env.WEB_E2E_ADMIN_PASSWORD ??= 'rahasia-admin-web-123';
const baseURL = `http://127.0.0.1:${process.env.WEB_E2E_PORT}`;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
  ],
};

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.pw\.ts$/,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // .ci/run asks for a JSON report (WEB_E2E_JSON) to count the results; CI=1 alone writes it under test-results/.
  reporter:
    process.env.WEB_E2E_JSON || process.env.CI
      ? [['list'], ['json', { outputFile: process.env.WEB_E2E_JSON ?? 'test-results/web-e2e.json' }]]
      : 'list',
  outputDir: 'test-results',
  use: {
    baseURL,
    locale: 'id-ID',
    timezoneId: 'America/Los_Angeles',
    launchOptions,
    trace: 'off',
    screenshot: 'off',
    serviceWorkers: 'allow',
  },
  projects: [
    {
      name: 'phone',
      testIgnore: /budget\.pw\.ts$/,
      use: {
        ...devices['Pixel 5'],
        viewport: { width: 360, height: 640 },
        screen: { width: 360, height: 640 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        browserName: 'chromium',
        launchOptions,
      },
    },
    {
      name: 'desktop',
      testIgnore: /budget\.pw\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    { name: 'budget', testMatch: /budget\.pw\.ts$/, use: { launchOptions } },
  ],
  webServer: {
    command: 'node web/e2e/support/server.mjs',
    cwd: '../..',
    url: `${baseURL}/api/v1/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});

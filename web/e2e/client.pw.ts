import { expect, test } from '@playwright/test';
import { logIn, register, signUp, staff, training, withProfile } from './support/api.js';

/** The API client's behaviour under failure, provoked by intercepting the app's own requests. */

test('parallel 401s share one refresh, and the requests then succeed', async ({ page }) => {
  const staffToken = await staff();
  const me = await withProfile(await signUp('Eko Saputro'));
  const [a, b] = [await training(staffToken), await training(staffToken)];
  await register(me, a.id);
  await register(me, b.id);
  await logIn(page, me);

  // Each ticket image is refused once, as if the access token had just expired: two 401s at the same time.
  const refused = new Set<string>();
  let bothRefused!: () => void;
  const refusedTwice = new Promise<void>((resolve) => (bothRefused = resolve));
  await page.route('**/api/v1/registrations/*/ticket.png', async (route) => {
    const url = route.request().url();
    if (refused.has(url)) return route.continue();
    refused.add(url);
    if (refused.size === 2) bothRefused();
    await route.fulfill({
      status: 401,
      contentType: 'application/problem+json',
      body: JSON.stringify({ status: 401, code: 'unauthorized' }),
    });
  });
  // The refresh answers only once both 401s are in (or after 5 s): on a slow machine the first refresh could
  // otherwise finish before the second image was even asked for, and a second refresh would then be right.
  await page.route('**/api/v1/auth/refresh', async (route) => {
    await Promise.race([refusedTwice, new Promise((resolve) => setTimeout(resolve, 5000))]);
    await route.continue();
  });
  let refreshes = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes++;
  });
  await page.getByRole('link', { name: 'Tiket saya' }).click();
  await expect(page.getByRole('img', { name: /^Kode QR tiket / })).toHaveCount(2);
  expect(refused.size).toBe(2);
  expect(refreshes).toBe(1);
});

test('a 401 that refreshing cannot fix sends the person to log in and back to where they were', async ({ page }) => {
  const me = await withProfile(await signUp('Fitri Handayani'));
  await logIn(page, me);
  await page.route('**/api/v1/auth/refresh', (route) =>
    route.fulfill({
      status: 401,
      contentType: 'application/problem+json',
      body: '{"status":401,"code":"token_revoked"}',
    }),
  );
  await page.route('**/api/v1/me/registrations*', (route) =>
    route.fulfill({
      status: 401,
      contentType: 'application/problem+json',
      body: '{"status":401,"code":"unauthorized"}',
    }),
  );
  await page.getByRole('link', { name: 'Tiket saya' }).click();
  await expect(page).toHaveURL(`/masuk?next=${encodeURIComponent('/akun/tiket')}`);
  await page.unrouteAll();
  await page.getByLabel('Email').fill(me.email);
  await page.getByLabel('Kata sandi').fill(me.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL('/akun/tiket');
  await expect(page.getByRole('heading', { level: 1, name: 'Tiket saya' })).toBeVisible();
});

test('a registration retried after a network error reuses its Idempotency-Key', async ({ page }) => {
  const event = await training(await staff());
  const me = await withProfile(await signUp('Gita Permata'));
  await logIn(page, me);
  await page.goto(`/pelatihan/${event.id}`);

  const keys: string[] = [];
  await page.route(`**/api/v1/events/${event.id}/registrations`, async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    // The first attempt is lost on the way: the server never sees it.
    if (keys.length === 1) return route.abort('internetdisconnected');
    return route.continue();
  });
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Tidak ada koneksi internet');
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await expect(page.getByText('Anda sudah terdaftar.')).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(keys[1]).toBe(keys[0]);
});

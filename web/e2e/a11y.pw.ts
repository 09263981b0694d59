import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { call, logIn, register, signUp, staff, training, withProfile } from './support/api.js';

/** axe-core on every community page: no serious or critical violation (WCAG 2.1 A/AA rules and best practices). */
async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

test('public pages have no serious or critical accessibility violation', async ({ page }) => {
  const event = await training(await staff());
  await page.goto('/');
  await expect(page.getByRole('link', { name: event.title }).first()).toBeVisible();
  await expectAccessible(page, '/');

  await page.goto(`/pelatihan/${event.id}`);
  await expect(page.getByRole('button', { name: 'Daftar', exact: true })).toBeVisible();
  await expectAccessible(page, '/pelatihan/:id');

  await page.goto('/masuk');
  await expect(page.getByRole('button', { name: 'Masuk', exact: true })).toBeVisible();
  await expectAccessible(page, '/masuk');

  await page.goto('/daftar');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page, '/daftar with errors');

  await page.goto('/verifikasi/BM-2026-ZZZZZZZZ');
  await expect(page.getByRole('heading', { name: 'Sertifikat tidak ditemukan' })).toBeVisible();
  await expectAccessible(page, '/verifikasi/:number (unknown)');

  await page.goto('/pelatihan/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'Pelatihan tidak ditemukan' })).toBeVisible();
  await expectAccessible(page, 'not found');
});

test('account pages and the verification page have no serious or critical accessibility violation', async ({
  page,
}) => {
  const staffToken = await staff();
  const startsAt = new Date(Date.now() + 3 * 60_000);
  const event = await training(staffToken, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
  });
  const other = await training(staffToken);
  const me = await withProfile(await signUp('Rina Kartika'));
  const attended = await register(me, event.id);
  await register(me, other.id);
  await call('POST', `/events/${event.id}/check-ins`, { ticketCode: attended.ticketCode }, staffToken, 201);

  await logIn(page, me);
  await page.goto('/akun/profil');
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Rina Kartika');
  await expectAccessible(page, '/akun/profil');
  await page.getByRole('button', { name: 'Hapus data saya', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, '/akun/profil confirmation');
  await page.getByRole('button', { name: 'Batal' }).click();

  await page.goto('/akun/tiket');
  await expect(page.getByRole('link', { name: 'Unduh sertifikat' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Batalkan' })).toBeVisible();
  await expectAccessible(page, '/akun/tiket');

  // The certificate is issued by its first download.
  await fetch(`${page.url().split('/akun')[0]}/api/v1/registrations/${attended.id}/certificate.pdf`, {
    headers: { Authorization: `Bearer ${me.token}` },
  });
  const { certificateNumber } = await call<{ certificateNumber: string }>(
    'GET',
    `/registrations/${attended.id}`,
    undefined,
    me.token,
  );
  await page.goto(`/verifikasi/${certificateNumber}`);
  await expect(page.getByRole('heading', { name: 'Sertifikat sah' })).toBeVisible();
  await expectAccessible(page, '/verifikasi/:number');
});

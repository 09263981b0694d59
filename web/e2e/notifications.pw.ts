import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { call, logIn, register, signUp, staff, training, withProfile } from './support/api.js';

interface Listed {
  data: { id: string; kind: string; title: string; createdAt: string; readAt: string | null }[];
  meta: { total: number; unreadCount: number };
}

/** `Senin, 7 Desember 2026 · 09.00 WIB`, computed here independently of the app's formatter. */
function jakarta(iso: string): string {
  const f = new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} · ${p.hour}.${p.minute} WIB`;
}

const navLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: /^Pemberitahuan/ });

test(
  'a registration shows as one unread in the navigation, ' +
    'reads in Indonesian on the page, and marking it read clears the count',
  async ({ page }) => {
    const staffToken = await staff();
    const event = await training(staffToken);
    const me = await withProfile(await signUp('Dewi Lestari'));
    await register(me, event.id);

    await logIn(page, me);
    await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan (1 belum dibaca)');
    await navLink(page).click();
    await expect(page).toHaveURL(/\/akun\/pemberitahuan$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Pemberitahuan' })).toBeVisible();

    const [row] = (await call<Listed>('GET', '/me/notifications', undefined, me.token)).data;
    expect(row.kind).toBe('registration_confirmed');
    const item = page.getByRole('listitem').filter({ hasText: event.title });
    await expect(item.getByRole('heading', { name: `Pendaftaran terkonfirmasi: ${event.title}` })).toBeVisible();
    await expect(item.getByText(`Pendaftaran Anda untuk pelatihan "${event.title}" pada`)).toBeVisible();
    await expect(item.getByText(/sudah terkonfirmasi\. Tunjukkan tiket QR Anda saat datang\./)).toBeVisible();
    await expect(item.locator('time')).toHaveText(jakarta(row.createdAt));
    await expect(item.getByText('Belum dibaca')).toBeVisible();
    // The letter's greeting and signature (they are for the email) are not in the list.
    await expect(item.getByText('Halo,')).toHaveCount(0);
    await expectAccessible(page, '/akun/pemberitahuan');

    await item.getByRole('button', { name: 'Tandai sudah dibaca' }).click();
    await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan');
    await expect(item.getByText('Belum dibaca')).toHaveCount(0);
    await expect(item.getByRole('button', { name: 'Tandai sudah dibaca' })).toHaveCount(0);
    await expect(page.getByText('Semua pemberitahuan sudah dibaca.')).toBeVisible();
    expect((await call<Listed>('GET', '/me/notifications', undefined, me.token)).meta.unreadCount).toBe(0);

    // A staff message reaches the person: its subject and body, and the count again after a reload.
    await call(
      'POST',
      `/events/${event.id}/messages`,
      {
        audience: 'registered',
        subject: 'Bawa KTP dan ponsel',
        body: 'Mohon datang 15 menit lebih awal.\nParkir di halaman belakang.',
      },
      staffToken,
      202,
    );
    await page.reload();
    await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan (1 belum dibaca)');
    const news = page.getByRole('listitem').filter({ hasText: 'Bawa KTP dan ponsel' });
    await expect(news.getByRole('heading', { name: 'Bawa KTP dan ponsel' })).toBeVisible();
    await expect(news.getByText('Pesan dari panitia', { exact: true })).toBeVisible();
    await expect(news.getByText(/Mohon datang 15 menit lebih awal\.\s+Parkir di halaman belakang\./)).toBeVisible();
    // Newest first.
    await expect(page.locator('.notifications > li').first()).toContainText('Bawa KTP dan ponsel');
    await expectAccessible(page, '/akun/pemberitahuan with a message');
  },
);

test('more than one page of notifications pages, newest first', async ({ page }) => {
  const staffToken = await staff();
  const event = await training(staffToken);
  const me = await withProfile(await signUp('Agus Salim'));
  await register(me, event.id);
  for (let i = 1; i <= 11; i++) {
    await call(
      'POST',
      `/events/${event.id}/messages`,
      { audience: 'registered', subject: `Kabar nomor ${i}`, body: `Isi kabar nomor ${i}.` },
      staffToken,
      202,
    );
  }

  await logIn(page, me, '/akun/pemberitahuan');
  await expect(page).toHaveURL(/\/akun\/pemberitahuan$/);
  await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan (12 belum dibaca)');
  await expect(page.getByText('Halaman 1 dari 2')).toBeVisible();
  await expect(page.locator('.notifications > li')).toHaveCount(10);
  await expect(page.locator('.notifications > li').first()).toContainText('Kabar nomor 11');
  await expect(page.getByRole('button', { name: 'Sebelumnya' })).toBeDisabled();

  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByText('Halaman 2 dari 2')).toBeVisible();
  await expect(page.locator('.notifications > li')).toHaveCount(2);
  await expect(page.locator('.notifications > li').last()).toContainText(`Pendaftaran terkonfirmasi: ${event.title}`);
  await expect(page.getByRole('button', { name: 'Berikutnya' })).toBeDisabled();
  await expectAccessible(page, '/akun/pemberitahuan page 2');
});

test('preferences are saved, read back after a reload, and a refusal is said in Indonesian', async ({ page }) => {
  const me = await signUp('Budi Santoso');
  await logIn(page, me, '/akun/pemberitahuan');
  await expect(page).toHaveURL(/\/akun\/pemberitahuan$/);
  await expect(page.getByText('Belum ada pemberitahuan.')).toBeVisible();
  const email = page.getByRole('checkbox', { name: 'Email' });
  const whatsapp = page.getByRole('checkbox', { name: 'WhatsApp' });
  await expect(email).toBeChecked();
  await expect(whatsapp).toBeChecked();

  await email.uncheck();
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(page.getByText('Pengaturan pemberitahuan disimpan.')).toBeVisible();
  expect(await call('GET', '/me/notification-preferences', undefined, me.token)).toMatchObject({
    email: false,
    whatsapp: true,
  });

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Email' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'WhatsApp' })).toBeChecked();

  // The server refuses (busy): the person reads why, in Indonesian, and nothing changed.
  await page.route('**/api/v1/me/notification-preferences', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 503, title: 'Service Unavailable', code: 'service_unavailable' }),
        })
      : route.continue(),
  );
  await page.getByRole('checkbox', { name: 'WhatsApp' }).uncheck();
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Layanan sedang sibuk atau tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
  );
  expect(await call('GET', '/me/notification-preferences', undefined, me.token)).toMatchObject({
    email: false,
    whatsapp: true,
  });
});

test('the navigation asks for the count once a minute at most while moving around, then again', async ({ page }) => {
  const staffToken = await staff();
  const event = await training(staffToken);
  const me = await withProfile(await signUp('Wulan Sari'));
  await register(me, event.id);
  await page.clock.install();
  let asked = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/me/notifications?limit=1')) asked++;
  });

  await logIn(page, me);
  await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan (1 belum dibaca)');
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  for (let round = 0; round < 3; round++) {
    await nav.getByRole('link', { name: 'Tiket saya' }).click();
    await expect(page).toHaveURL(/\/akun\/tiket$/);
    await nav.getByRole('link', { name: 'Profil' }).click();
    await expect(page).toHaveURL(/\/akun\/profil$/);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  }
  expect(asked).toBe(1);

  // A new notification arrives; a minute later the next navigation shows it.
  await call(
    'POST',
    `/events/${event.id}/messages`,
    { audience: 'registered', subject: 'Ruang pindah', body: 'Pelatihan pindah ke aula lantai 2.' },
    staffToken,
    202,
  );
  await page.clock.fastForward('01:01');
  await nav.getByRole('link', { name: 'Pelatihan' }).click();
  await expect(navLink(page)).toHaveAccessibleName('Pemberitahuan (2 belum dibaca)');
  expect(asked).toBe(2);
});

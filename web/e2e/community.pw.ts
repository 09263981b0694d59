import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import {
  call,
  logIn,
  nikFor,
  phone,
  register,
  signUp,
  staff,
  training,
  uniqueEmail,
  withProfile,
} from './support/api.js';

/** Fills /akun/profil as a person would (an adult woman from Bojongsari unless told otherwise). */
async function fillProfile(page: Page, options: { birthDate?: string; nik?: string } = {}) {
  const birthDate = options.birthDate ?? '1992-03-04';
  await page.getByLabel('NIK').fill(options.nik ?? nikFor(birthDate, 'female'));
  await page.getByLabel('Tanggal lahir').fill(birthDate);
  await page.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
  await page.getByLabel('Nomor HP').fill(phone());
  await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Bojongsari' });
  await page.getByLabel('Desa/Kelurahan').fill('Bojongsari');
  await page.getByLabel('Pekerjaan').selectOption({ label: 'Pelaku UMKM' });
  await page.getByLabel('Saya setuju').check();
}

test('sign up, complete the profile, register, see the ticket, and still see it offline after a reload', async ({
  page,
  context,
}) => {
  const event = await training(await staff());
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Ratna Widiastuti');
  await page.getByLabel('Email').fill(uniqueEmail('ratna'));
  await page.getByLabel('Kata sandi').fill('rahasia-ratna-1');
  await page.getByRole('button', { name: 'Buat akun' }).click();

  await expect(page).toHaveURL(/\/akun\/profil$/);
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Ratna Widiastuti');
  await fillProfile(page);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Profil Anda tersimpan.')).toBeVisible();

  await page.goto(`/pelatihan/${event.id}`);
  await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await expect(page.getByText('Anda sudah terdaftar.')).toBeVisible();

  await page.getByRole('link', { name: 'Tiket saya' }).first().click();
  await expect(page).toHaveURL(/\/akun\/tiket$/);
  const ticket = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(ticket.getByText('Terkonfirmasi')).toBeVisible();
  const code = (await ticket.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6,}$/);
  await expect(ticket.getByRole('img', { name: `Kode QR tiket ${code}` })).toBeVisible();

  // The service worker has the app shell once it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/Anda sedang luring/)).toBeVisible();
  await expect(page.getByText(/Tanpa internet: menampilkan tiket yang tersimpan/)).toBeVisible();
  const offlineTicket = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(offlineTicket.locator('.code')).toHaveText(code);
  await expect(offlineTicket.getByRole('img', { name: `Kode QR tiket ${code}` })).toBeVisible();
  expect(
    await offlineTicket.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
  ).toBe(true);
  await context.setOffline(false);

  // Logging out revokes the session and forgets the kept tickets.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible();
  expect(
    await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('bm.tickets.') || k === 'bm.refreshToken'),
    ),
  ).toEqual([]);
});

test('a full training puts the person on the waitlist and shows their position', async ({ page }) => {
  const staffToken = await staff();
  const event = await training(staffToken, { capacity: 1 });
  await register(await withProfile(await signUp('Peserta Pertama')), event.id);
  const me = await withProfile(await signUp('Dwi Lestari'));

  await logIn(page, me);
  await page.goto(`/pelatihan/${event.id}`);
  await expect(page.getByText('Kursi penuh · daftar tunggu dibuka')).toBeVisible();
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await expect(page.getByText('Anda di daftar tunggu nomor 1.')).toBeVisible();
  await expect(page.getByText('Kursi penuh · 1 orang di daftar tunggu')).toBeVisible();

  await page.goto('/akun/tiket');
  const ticket = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(ticket.getByText('Daftar tunggu', { exact: true })).toBeVisible();
  await expect(ticket.getByText('daftar tunggu nomor 1')).toBeVisible();
});

test('registering while logged out goes to log in (and the missing profile), then comes back and finishes', async ({
  page,
}) => {
  const event = await training(await staff());
  const me = await signUp('Bayu Prasetyo');

  await page.goto(`/pelatihan/${event.id}`);
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await expect(page).toHaveURL(`/masuk?next=${encodeURIComponent(`/pelatihan/${event.id}`)}`);
  await page.getByLabel('Email').fill(me.email);
  await page.getByLabel('Kata sandi').fill(me.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();

  // No profile yet: the profile comes first, then the registration is finished on the training's page.
  await expect(page).toHaveURL(/\/akun\/profil\?next=/);
  await fillProfile(page, { birthDate: '1988-11-20' });
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page).toHaveURL(`/pelatihan/${event.id}`);
  await expect(page.getByText('Anda sudah terdaftar.')).toBeVisible();
  const mine = await call<{ data: { eventId: string; status: string }[] }>(
    'GET',
    '/me/registrations',
    undefined,
    me.token,
  );
  expect(mine.data).toEqual([expect.objectContaining({ eventId: event.id, status: 'confirmed' })]);
});

test('a person with a profile who logs in to register comes straight back registered', async ({ page }) => {
  const event = await training(await staff());
  const me = await withProfile(await signUp('Sri Handayani'));
  await page.goto(`/pelatihan/${event.id}`);
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await page.getByLabel('Email').fill(me.email);
  await page.getByLabel('Kata sandi').fill(me.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(`/pelatihan/${event.id}`);
  await expect(page.getByText('Anda sudah terdaftar.')).toBeVisible();
});

test('export and erase one’s own data, with a confirmation first', async ({ page }) => {
  const me = await withProfile(await signUp('Wahyu Nugroho'));
  await logIn(page, me);
  await page.goto('/akun/profil');
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Wahyu Nugroho');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Unduh data saya' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('data-saya-bangga-macapat.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported.profile).toMatchObject({ fullName: 'Wahyu Nugroho', village: 'Bancar' });

  await page.getByRole('button', { name: 'Hapus data saya', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Hapus data pribadi Anda?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(dialog).toBeHidden();
  expect((await call('GET', '/me/participant', undefined, me.token)).fullName).toBe('Wahyu Nugroho');

  await page.getByRole('button', { name: 'Hapus data saya', exact: true }).click();
  await dialog.getByRole('button', { name: 'Ya, hapus data saya' }).click();
  await expect(page.getByText(/Data pribadi Anda sudah dihapus/)).toBeVisible();
  const after = await call('GET', '/me/participant', undefined, me.token, 200).catch(() => null);
  expect(after?.fullName ?? '').not.toBe('Wahyu Nugroho');
  expect(after?.nikMasked ?? null).toBeNull();
});

test('after staff check the person in, the certificate downloads and its verification page says it is valid', async ({
  page,
}) => {
  const staffToken = await staff();
  // Check-in opens on the event's day (Asia/Jakarta): a training starting in a few minutes.
  const startsAt = new Date(Date.now() + 3 * 60_000);
  const event = await training(staffToken, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
  });
  const me = await withProfile(await signUp('Agus Salim'));
  const registration = await register(me, event.id);
  await call('POST', `/events/${event.id}/check-ins`, { ticketCode: registration.ticketCode }, staffToken, 201);

  await logIn(page, me);
  await page.goto('/akun/tiket');
  const ticket = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(ticket.getByText('Hadir', { exact: true })).toBeVisible();
  await expect(ticket.getByRole('button', { name: 'Batalkan' })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    ticket.getByRole('link', { name: 'Unduh sertifikat' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sertifikat-BM-\d{4}-[A-Z0-9]{8}\.pdf$/);
  expect(
    readFileSync(await download.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  const { certificateNumber } = await call<{ certificateNumber: string }>(
    'GET',
    `/registrations/${registration.id}`,
    undefined,
    me.token,
  );
  await page.goto(`/verifikasi/${certificateNumber}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sertifikat sah' })).toBeVisible();
  await expect(page.getByText('Agus Salim')).toBeVisible();
  await expect(page.getByText(event.title)).toBeVisible();

  await page.goto('/verifikasi/BM-2026-ZZZZZZZZ');
  await expect(page.getByRole('heading', { level: 1, name: 'Sertifikat tidak ditemukan' })).toBeVisible();
});

test('cancelling a registration asks first, then shows it cancelled', async ({ page }) => {
  const event = await training(await staff());
  const me = await withProfile(await signUp('Lina Marlina'));
  await register(me, event.id);
  await logIn(page, me);
  await page.goto('/akun/tiket');
  const ticket = page.getByRole('listitem').filter({ hasText: event.title });
  await ticket.getByRole('button', { name: 'Batalkan' }).click();
  await page
    .getByRole('dialog', { name: 'Batalkan pendaftaran?' })
    .getByRole('button', { name: 'Ya, batalkan' })
    .click();
  await expect(page.getByText(`Pendaftaran ${event.title} dibatalkan.`)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: event.title }).getByText('Dibatalkan')).toBeVisible();
});

test('form errors are shown in Indonesian next to their fields, and a lost network keeps what was typed', async ({
  page,
  context,
}) => {
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Tono');
  await page.getByLabel('Email').fill(uniqueEmail('tono'));
  await page.getByLabel('Kata sandi').fill('pendek');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByLabel('Kata sandi')).toHaveAccessibleDescription(/Kata sandi minimal 8 karakter\./);
  await expect(page.getByLabel('Kata sandi')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email')).not.toHaveAttribute('aria-invalid', 'true');

  const me = await signUp('Tono Sutrisno');
  await logIn(page, me);
  await page.goto('/akun/profil');
  await fillProfile(page, { nik: '1234567890' });
  await page.getByRole('button', { name: 'Simpan' }).click();
  const nik = page.getByLabel('NIK');
  await expect(nik).toHaveAccessibleDescription(/NIK harus 16 angka/);
  await expect(page.locator('#nik-error')).toHaveText(
    'NIK harus 16 angka dan sesuai dengan tanggal lahir serta jenis kelamin Anda.',
  );
  // The error sits right under its own field.
  const [fieldBox, errorBox] = [await nik.boundingBox(), await page.locator('#nik-error').boundingBox()];
  expect(errorBox!.y).toBeGreaterThan(fieldBox!.y);
  expect(errorBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);

  await context.setOffline(true);
  await nik.fill(nikFor('1992-03-04', 'female'));
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('alert')).toContainText('Tidak ada koneksi internet');
  await expect(page.getByLabel('Desa/Kelurahan')).toHaveValue('Bojongsari');
  await expect(page.getByLabel('Saya setuju')).toBeChecked();
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Profil Anda tersimpan.')).toBeVisible();
});

test('a person under 18 gets the guardian consent, and the API’s field errors land next to those fields', async ({
  page,
}) => {
  const me = await signUp('Nabila Putri');
  await logIn(page, me);
  await page.goto('/akun/profil');
  await expect(page.getByLabel('Nama orang tua/wali')).toHaveCount(0);
  const birthDate = `${new Date().getFullYear() - 15}-05-10`;
  await fillProfile(page, { birthDate });
  await expect(page.getByText(/orang tua atau wali memberikan persetujuan/)).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByLabel('Nama orang tua/wali')).toHaveAccessibleDescription('Tulis nama orang tua atau wali.');
  await page.getByLabel('Nama orang tua/wali').fill('Sutarni');
  // Without the guardian's consent the API refuses and names the field: its message sits under the box.
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByLabel('Orang tua/wali menyetujui')).toHaveAccessibleDescription(
    'Orang tua atau wali perlu menyetujui pemrosesan data pribadi.',
  );
  await page.getByLabel('Orang tua/wali menyetujui').check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Profil Anda tersimpan.')).toBeVisible();
});

test('the list filters by pilar, kecamatan, daring/luring and text, and shares to WhatsApp', async ({ page }) => {
  const staffToken = await staff();
  const tag = Date.now().toString(36);
  const online = await training(staffToken, {
    title: `Etika Digital Daring ${tag}`,
    pillar: 'digital_ethics',
    format: 'online',
    venue: null,
    kecamatanCode: null,
    onlineUrl: 'https://meet.example/etika',
  });
  const offline = await training(staffToken, {
    title: `Budaya Digital Desa ${tag}`,
    pillar: 'digital_culture',
    kecamatanCode: '33.03.01',
  });

  await page.goto('/');
  await page.getByLabel('Cari pelatihan').fill(tag);
  await expect(page.getByRole('link', { name: online.title })).toBeVisible();
  await expect(page.getByRole('link', { name: offline.title })).toBeVisible();
  await page.getByLabel('Daring/luring').selectOption('online');
  await expect(page.getByRole('link', { name: offline.title })).toHaveCount(0);
  await expect(page.getByRole('link', { name: online.title })).toBeVisible();
  await page.getByLabel('Daring/luring').selectOption('');
  await page.getByLabel('Pilar').selectOption({ label: 'Budaya Digital' });
  await expect(page.getByRole('link', { name: online.title })).toHaveCount(0);
  await expect(page.getByRole('link', { name: offline.title })).toBeVisible();
  await page.getByLabel('Pilar').selectOption('');
  await page.getByLabel('Kecamatan').selectOption({ label: 'Kemangkon' });
  await expect(page.getByRole('link', { name: offline.title })).toBeVisible();
  await expect(page.getByRole('link', { name: online.title })).toHaveCount(0);
  // Filters live in the address: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('Kecamatan')).toHaveValue('33.03.01');
  await expect(page.getByRole('link', { name: offline.title })).toBeVisible();

  await page.getByRole('link', { name: offline.title }).click();
  await expect(page).toHaveURL(`/pelatihan/${offline.id}`);
  await expect(page.getByText('Sisa 30 dari 30 kursi')).toBeVisible();
  await expect(page.getByText('Kec. Kemangkon')).toBeVisible();
  const share = await page.getByRole('link', { name: 'Bagikan ke WhatsApp' }).getAttribute('href');
  expect(share).toMatch(/^https:\/\/wa\.me\/\?text=/);
  expect(decodeURIComponent(share!.split('text=')[1])).toContain(`/pelatihan/${offline.id}`);
});

test('an unknown training shows the not-found page with a 404 status', async ({ page }) => {
  const res = await page.goto('/pelatihan/00000000-0000-4000-8000-000000000000');
  expect(res!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Pelatihan tidak ditemukan' })).toBeVisible();
});

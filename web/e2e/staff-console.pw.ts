import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import {
  call,
  logIn,
  nikFor,
  PASSWORD,
  phone,
  register,
  signUp,
  training,
  uniqueEmail,
  withProfile,
} from './support/api.js';

/** A staff account that can log in through the form (support/api.ts `staff()` gives only a token). */
async function staffAccount() {
  const admin = await call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.WEB_E2E_ADMIN_EMAIL,
    password: process.env.WEB_E2E_ADMIN_PASSWORD,
  });
  const email = uniqueEmail('staf');
  await call(
    'POST',
    '/users',
    { email, password: PASSWORD, fullName: 'Staf Konsol', role: 'staff' },
    admin.accessToken,
  );
  const { accessToken } = await call<{ accessToken: string }>('POST', '/auth/login', { email, password: PASSWORD });
  return { email, password: PASSWORD, token: accessToken };
}

/** A Jakarta date `days` from now, YYYY-MM-DD. */
const wibDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + days * 86_400_000));

const card = (page: Page, title: string) =>
  page.locator('.staff-training').filter({ has: page.getByRole('link', { name: title, exact: true }) });

test('staff create, edit and publish a training; the published one is on the community page', async ({
  page,
  browser,
}) => {
  const me = await staffAccount();
  const tag = randomUUID().slice(0, 6);
  const title = `Kelas Aman Digital ${tag}`;
  const day = wibDay(20);

  await logIn(page, me, '/staf/pelatihan');
  await expect(page.getByRole('heading', { level: 1, name: 'Kelola pelatihan' })).toBeVisible();
  await expectAccessible(page, '/staf/pelatihan');

  await page.getByRole('button', { name: 'Buat pelatihan' }).click();
  await expect(page.getByRole('heading', { name: 'Buat pelatihan baru' })).toBeFocused();
  // The API's refusal shows in Indonesian next to the fields it names.
  await page.getByLabel('Tanggal mulai').fill(day);
  await page.getByLabel('Jam mulai').fill('09:00');
  await page.getByLabel('Tanggal selesai').fill(day);
  await page.getByLabel('Jam selesai').fill('12:00');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByLabel('Judul')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#title-error')).toHaveText('Tulis judul pelatihan (3 sampai 200 karakter).');
  await expect(page.locator('#pillar-error')).toHaveText('Pilih pilar literasi digital.');
  await expect(page.locator('#capacity-error')).toHaveText('Kuota berupa angka 1 sampai 100.000.');
  await expectAccessible(page, '/staf/pelatihan (form with errors)');

  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Pilar').selectOption('digital_safety');
  await page.getByLabel('Deskripsi').fill('Mengenali penipuan daring dan menjaga data pribadi.');
  await page.getByLabel('Tempat').fill('Aula Kecamatan Bukateja');
  await page.getByLabel('Kecamatan').selectOption({ label: 'Bukateja' });
  await page.getByLabel('Kuota peserta').fill('25');
  await page.getByLabel('Pelaku UMKM').check();
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByText(`“${title}” tersimpan sebagai draf.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelola pelatihan' })).toBeFocused();

  const created = card(page, title);
  await expect(created.getByText('Draf', { exact: true })).toBeVisible();
  // Typed in WIB, shown in WIB, though this browser runs in Los Angeles.
  await expect(created.getByText(/· 09\.00–12\.00 WIB$/)).toBeVisible();
  const listed = await call<{
    data: { id: string; startsAt: string; targetGroups: string[]; kecamatanCode: string }[];
  }>('GET', `/events?status=draft&q=${encodeURIComponent(title)}`, undefined, me.token);
  expect(listed.data).toHaveLength(1);
  const id = listed.data[0].id;
  expect(new Date(listed.data[0].startsAt).toISOString()).toBe(new Date(`${day}T09:00:00+07:00`).toISOString());
  expect(listed.data[0]).toMatchObject({ targetGroups: ['umkm'], kecamatanCode: '33.03.02' });

  // Edit: a new title and capacity, the same times.
  await created.getByRole('button', { name: 'Ubah' }).click();
  await expect(page.getByLabel('Jam mulai')).toHaveValue('09:00');
  await page.getByLabel('Judul').fill(`${title} Lanjutan`);
  await page.getByLabel('Kuota peserta').fill('40');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByText(`Perubahan “${title} Lanjutan” tersimpan.`)).toBeVisible();
  const edited = card(page, `${title} Lanjutan`);
  await expect(edited.getByText('0 dari 40 kursi terisi · 0 di daftar tunggu')).toBeVisible();
  await expect(edited.getByText(/· 09\.00–12\.00 WIB$/)).toBeVisible();

  await edited.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(page.getByText(`“${title} Lanjutan” sudah diterbitkan`)).toBeVisible();
  await expect(edited.getByText('Dibuka', { exact: true })).toBeVisible();
  await expect(edited.getByRole('button', { name: 'Terbitkan' })).toHaveCount(0);

  // A community member (no account) finds it on the first page.
  const visitor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const home = await visitor.newPage();
  await home.goto('/');
  await home.getByRole('searchbox', { name: 'Cari pelatihan' }).fill(tag);
  await expect(home.getByRole('link', { name: `${title} Lanjutan` })).toHaveAttribute('href', `/pelatihan/${id}`);
  await visitor.close();
});

test('staff cancel a training with a reason, and the list filters by status, pillar and title', async ({ page }) => {
  const me = await staffAccount();
  const tag = randomUUID().slice(0, 6);
  const { id, title } = await training(me.token, { title: `Kelas Aman Digital ${tag}` });
  const draft = `Kelas Etis Digital ${tag}`;
  await call(
    'POST',
    '/events',
    {
      title: draft,
      description: 'Draf.',
      pillar: 'digital_ethics',
      format: 'online',
      startsAt: new Date(Date.now() + 96 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 98 * 3600_000).toISOString(),
      capacity: 50,
    },
    me.token,
    201,
  );

  await logIn(page, me, '/staf/pelatihan');
  await page.getByLabel('Cari judul').fill(tag);
  await expect(page.locator('.staff-training')).toHaveCount(2);
  await expect(card(page, draft).getByText('Draf', { exact: true })).toBeVisible();
  const edited = card(page, title);

  // Cancel: the dialog asks for the reason, then the list says so.
  await edited.getByRole('button', { name: 'Batalkan pelatihan', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Batalkan pelatihan ini?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(dialog.getByText('Tulis alasan pembatalan (minimal 3 karakter).')).toBeVisible();
  await expectAccessible(page, '/staf/pelatihan (cancel dialog)');
  await dialog.getByLabel('Alasan pembatalan').fill('Narasumber berhalangan hadir');
  await dialog.getByRole('button', { name: 'Ya, batalkan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Kelola pelatihan' })).toBeFocused();
  await expect(edited.getByText('Dibatalkan', { exact: true })).toBeVisible();
  await expect(edited.getByText('Alasan dibatalkan: Narasumber berhalangan hadir')).toBeVisible();
  await expect(edited.getByRole('button', { name: 'Ubah' })).toHaveCount(0);
  expect(await call('GET', `/events/${id}`, undefined, me.token)).toMatchObject({
    status: 'cancelled',
    cancelReason: 'Narasumber berhalangan hadir',
  });

  // Every status is listed (a draft and a cancelled one here); the filters narrow it.
  await page.getByLabel('Pilar').selectOption('digital_ethics');
  await expect(page.locator('.staff-training')).toHaveCount(1);
  await expect(card(page, draft)).toBeVisible();
  await page.getByLabel('Status').selectOption('cancelled');
  await expect(page.getByText('Tidak ada pelatihan yang cocok.')).toBeVisible();
  await page.getByLabel('Pilar').selectOption('digital_safety');
  await expect(page.locator('.staff-training')).toHaveCount(1);
  await expect(card(page, title)).toBeVisible();
  await page.getByLabel('Status').selectOption('draft');
  await expect(page.getByText('Tidak ada pelatihan yang cocok.')).toBeVisible();
});

test('a training page lists registrations and the waitlist, and downloads the attendance as CSV and XLSX', async ({
  page,
}) => {
  const me = await staffAccount();
  const event = await training(me.token, {
    capacity: 2,
    format: 'hybrid',
    onlineUrl: 'https://meet.google.com/abc-defg-hij',
  });
  const names = ['Ani Wulandari', 'Budi Santoso', 'Citra Lestari'];
  const people = await Promise.all(
    names.map(async (n) => withProfile(await signUp(`${n} ${randomUUID().slice(0, 4)}`))),
  );
  for (const p of people) await register(p, event.id);

  await logIn(page, me, `/staf/pelatihan/${event.id}`);
  await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
  const summary = page.locator('.summary');
  await expect(
    summary
      .locator('div')
      .filter({ hasText: /^Terdaftar/ })
      .locator('dd'),
  ).toHaveText('2');
  await expect(
    summary
      .locator('div')
      .filter({ hasText: /^Hadir/ })
      .locator('dd'),
  ).toHaveText('0');
  await expect(
    summary
      .locator('div')
      .filter({ hasText: /^Daftar tunggu/ })
      .locator('dd'),
  ).toHaveText('1');
  await expect(
    summary
      .locator('div')
      .filter({ hasText: /^Dibatalkan/ })
      .locator('dd'),
  ).toHaveText('0');

  const confirmed = page.getByRole('region', { name: /^Peserta terdaftar/ });
  await expect(confirmed.getByRole('rowheader', { name: people[0].fullName })).toBeVisible();
  await expect(confirmed.getByRole('rowheader', { name: people[1].fullName })).toBeVisible();
  await expect(confirmed.getByRole('row').filter({ hasText: people[0].fullName })).toContainText(/330301\*+|\d{6}\*+/);
  const waitlist = page.getByRole('region', { name: /^Daftar tunggu/ });
  await expect(waitlist.getByRole('row').filter({ hasText: people[2].fullName }).getByRole('cell').first()).toHaveText(
    '1',
  );

  await expect(page.getByRole('link', { name: 'Buka pemindai' })).toHaveAttribute(
    'href',
    `/staf/pelatihan/${event.id}/pindai`,
  );
  await expect(page.getByRole('link', { name: 'Kode hadir' })).toHaveAttribute(
    'href',
    `/staf/pelatihan/${event.id}/kode-hadir`,
  );
  await expectAccessible(page, '/staf/pelatihan/:id');

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^daftar-hadir-.*\.csv$/);
  const text = (await readFile(await csv.path())).toString('utf8');
  const rows = text.trim().split(/\r?\n/);
  expect(rows[0]).toContain('Nama');
  expect(rows).toHaveLength(3);
  expect(text).toContain(people[0].fullName);
  expect(text).toContain(people[1].fullName);
  expect(text).not.toContain(people[2].fullName);

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh XLSX' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = await readFile(await xlsx.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.length).toBeGreaterThan(1000);

  // A cancellation moves the waitlisted person up; the page shows it after a reload.
  const first = await call<{ data: { id: string; participantName: string }[] }>(
    'GET',
    `/events/${event.id}/registrations?status=confirmed`,
    undefined,
    me.token,
  );
  await call('POST', `/registrations/${first.data[0].id}/cancel`, undefined, me.token);
  await page.reload();
  await expect(
    page.getByRole('region', { name: /^Peserta terdaftar/ }).getByRole('rowheader', { name: people[2].fullName }),
  ).toBeVisible();
  await expect(page.getByText('Tidak ada yang menunggu.')).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: /^Pendaftaran dibatalkan/ })
      .getByRole('rowheader', { name: first.data[0].participantName }),
  ).toBeVisible();
});

test('staff find participants by name and by NIK, and add a person without an account', async ({ page }) => {
  const me = await staffAccount();
  const tag = randomUUID().slice(0, 6);
  const nik = nikFor('1985-03-09', 'male');
  const darmoPhone = phone();
  await call(
    'POST',
    '/participants',
    {
      fullName: `Darmo Suwito ${tag}`,
      nik,
      gender: 'male',
      birthDate: '1985-03-09',
      phone: darmoPhone,
      kecamatanCode: '33.03.02',
      village: 'Kedungbenda',
      occupation: 'farmer',
      consent: true,
    },
    me.token,
    201,
  );
  // A namesake, so that each search below changes what is listed (one person where the name finds two).
  await call(
    'POST',
    '/participants',
    {
      fullName: `Darmo Suwito ${tag} Kedua`,
      gender: 'male',
      birthDate: '1990-07-01',
      phone: phone(),
      kecamatanCode: '33.03.02',
      village: 'Kedungbenda',
      occupation: 'farmer',
      consent: true,
    },
    me.token,
    201,
  );

  await logIn(page, me, '/staf/peserta');
  await expect(page.getByRole('heading', { level: 1, name: 'Peserta' })).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Cari peserta' });
  const byName = async () => {
    await search.fill(`darmo suwito ${tag}`);
    await expect(page.locator('.cards > li')).toHaveCount(2);
  };
  await byName();
  const found = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `Darmo Suwito ${tag}`, exact: true }) });
  await expect(found).toHaveCount(1);
  // The NIK only ever masked, as the API gives it.
  await expect(found).toContainText(`${nik.slice(0, 6)}**********`);
  await expect(found).not.toContainText(nik);
  await expectAccessible(page, '/staf/peserta');

  await search.fill(`${nik.slice(0, 4)} ${nik.slice(4, 8)} ${nik.slice(8, 12)} ${nik.slice(12)}`);
  await expect(page.locator('.cards > li')).toHaveCount(1);
  await expect(found).toBeVisible();
  await byName();
  await search.fill(darmoPhone);
  await expect(page.locator('.cards > li')).toHaveCount(1);
  await expect(found).toBeVisible();

  await page.getByRole('button', { name: 'Tambah peserta' }).click();
  await expect(page.getByRole('heading', { name: 'Tambah peserta tanpa akun' })).toBeFocused();
  await page.getByRole('button', { name: 'Simpan peserta' }).click();
  await expect(page.locator('#fullName-error')).toHaveText('Tulis nama lengkap peserta (minimal 2 huruf).');
  await expect(page.locator('#consent-error')).toHaveText('Peserta perlu menyetujui pemrosesan data pribadinya.');
  await expectAccessible(page, '/staf/peserta (add form with errors)');

  const name = `Sri Wahyuni ${tag}`;
  await page.getByLabel('Nama lengkap').fill(name);
  await page.getByLabel('Tanggal lahir').fill('1978-11-20');
  await page.getByLabel('Jenis kelamin').selectOption('female');
  await page.getByLabel('Nomor HP').fill(phone());
  await page.getByLabel('Kecamatan').selectOption({ label: 'Kemangkon' });
  await page.getByLabel('Desa/Kelurahan').fill('Kalialang');
  await page.getByLabel('Pekerjaan').selectOption('homemaker');
  await page.getByLabel('Peserta setuju').check();
  await page.getByRole('button', { name: 'Simpan peserta' }).click();
  await expect(page.getByText(`${name} sudah ditambahkan sebagai peserta.`)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Tanpa akun');
  const stored = await call<{ data: { fullName: string; userId: string | null; kecamatanCode: string }[] }>(
    'GET',
    `/participants?q=${encodeURIComponent(name)}`,
    undefined,
    me.token,
  );
  expect(stored.data).toEqual([expect.objectContaining({ fullName: name, userId: null, kecamatanCode: '33.03.01' })]);
});

test('a participant account opening the staff pages is told it has no access', async ({ page }) => {
  const person = await signUp('Eko Prasetyo');
  await logIn(page, person, '/staf/pelatihan');
  await expect(page.getByRole('heading', { level: 1, name: 'Tidak ada akses' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buat pelatihan' })).toHaveCount(0);
  await expectAccessible(page, '/staf/pelatihan as a participant');
  await page.goto('/staf/peserta');
  await expect(page.getByRole('heading', { level: 1, name: 'Tidak ada akses' })).toBeVisible();
});

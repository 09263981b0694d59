import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { call, logIn, PASSWORD, uniqueEmail } from './support/api.js';

interface Me {
  id: string;
  email: string;
  password: string;
  fullName: string;
  token: string;
}
interface AuditRow {
  id: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  createdAt: string;
}

const tag = () => randomUUID().slice(0, 8);

/**
 * An admin of this test's own: the trail filtered by this actor shows only what this test did, while
 * other workers change things through the server's admin at the same time.
 */
async function ownAdmin(): Promise<Me> {
  const root = await call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.WEB_E2E_ADMIN_EMAIL,
    password: process.env.WEB_E2E_ADMIN_PASSWORD,
  });
  return account(root.accessToken, 'admin', `Admin Uji ${tag()}`);
}

async function account(adminToken: string, role: 'admin' | 'staff', fullName: string): Promise<Me> {
  const email = uniqueEmail(role);
  const user = await call<{ id: string }>(
    'POST',
    '/users',
    { email, password: PASSWORD, fullName, role },
    adminToken,
    201,
  );
  const login = await call<{ accessToken: string }>('POST', '/auth/login', { email, password: PASSWORD });
  return { id: user.id, email, password: PASSWORD, fullName, token: login.accessToken };
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

const card = (page: Page, text: string): Locator => page.locator('.admin-list > li').filter({ hasText: text });
const entry = (page: Page, title: string): Locator =>
  page.locator('.audit-list > li').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

test(
  'an admin creates a partner and its account, who logs in in a second browser; ' +
    'deactivated, it cannot log in again; the trail shows it',
  async ({ page, browser, baseURL, viewport, isMobile }) => {
    const admin = await ownAdmin();
    const partnerName = `Komunitas Uji ${tag()}`;
    const partnerUser = { fullName: `Mitra Uji ${tag()}`, email: uniqueEmail('mitra'), password: 'rahasia-mitra-123' };

    await logIn(page, admin, '/admin/mitra');
    await expect(page.getByRole('heading', { level: 1, name: 'Mitra' })).toBeVisible();
    await expectAccessible(page, '/admin/mitra');

    // A partner; the API's refusal of the website is said in Indonesian at that field.
    const form = page.getByRole('region', { name: 'Tambah mitra' });
    await form.getByLabel('Nama mitra').fill(partnerName);
    await form.getByLabel('Jenis mitra').selectOption({ label: 'Media' });
    await form.getByLabel('Nama kontak').fill('Slamet Riyadi');
    await form.getByLabel('Nomor HP kontak').fill('0812 2700 1234');
    await form.getByLabel('Situs web').fill('komunitas-uji');
    await form.getByRole('button', { name: 'Simpan mitra' }).click();
    await expect(form.getByLabel('Situs web')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Tulis alamat situs lengkap, misalnya https://contoh.id.')).toBeVisible();
    await expect(form.getByLabel('Situs web')).toHaveAccessibleDescription(/Tulis alamat situs lengkap/);
    await form.getByLabel('Situs web').fill('https://komunitas-uji.example.id');
    await form.getByRole('button', { name: 'Simpan mitra' }).click();
    await expect(page.getByText(`Mitra ${partnerName} ditambahkan.`)).toBeVisible();
    const partnerCard = card(page, partnerName);
    await expect(partnerCard).toHaveCount(1);
    await expect(partnerCard.getByText('Kontak: Slamet Riyadi · +6281227001234')).toBeVisible();

    // Edited: a description.
    await partnerCard.getByRole('button', { name: 'Ubah' }).click();
    await partnerCard.getByLabel('Deskripsi').fill('Relawan literasi digital di Kutasari.');
    await partnerCard.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(page.getByText(`Perubahan mitra ${partnerName} disimpan.`)).toBeVisible();
    await expect(card(page, partnerName).getByText('Relawan literasi digital di Kutasari.')).toBeVisible();
    const [partner] = (
      await call<{ data: { id: string; name: string }[] }>(
        'GET',
        `/partners?q=${encodeURIComponent(partnerName)}`,
        undefined,
        admin.token,
      )
    ).data;
    expect(partner.name).toBe(partnerName);

    // Its account, from the partner's card: the partner is chosen already.
    await card(page, partnerName).getByRole('link', { name: 'Tambah akun mitra' }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/pengguna\\?mitra=${partner.id}$`));
    const newUser = page.getByRole('region', { name: 'Tambah akun' });
    await expect(newUser.getByLabel('Peran')).toHaveValue('partner');
    await expect(newUser.getByLabel('Mitra')).toHaveValue(partner.id);
    await newUser.getByLabel('Nama lengkap').fill(partnerUser.fullName);
    await newUser.getByLabel('Email').fill(admin.email);
    await newUser.getByLabel('Kata sandi awal').fill(partnerUser.password);
    await newUser.getByRole('button', { name: 'Buat akun' }).click();
    // A taken email is refused at the email field, in the admin's words.
    await expect(newUser.getByText('Email ini sudah dipakai akun lain.')).toBeVisible();
    await expect(newUser.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await newUser.getByLabel('Email').fill(partnerUser.email);
    await newUser.getByRole('button', { name: 'Buat akun' }).click();
    await expect(page.getByText(`Akun ${partnerUser.fullName} (${partnerUser.email}) dibuat.`)).toBeVisible();
    await expect(card(page, partnerUser.email).getByText(`Mitra: ${partnerName}`)).toBeVisible();
    await expectAccessible(page, '/admin/pengguna');

    // The partner logs in, in a browser of its own, and lands on the partner's pages.
    const other = await browser.newContext({
      baseURL,
      viewport,
      isMobile,
      locale: 'id-ID',
      timezoneId: 'America/Los_Angeles',
    });
    const partnerPage = await other.newPage();
    await logIn(partnerPage, partnerUser, '/mitra/studio');
    await expect(partnerPage).toHaveURL(/\/mitra\/studio$/);
    await expect(
      partnerPage.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Jadwal studio' }),
    ).toBeVisible();
    await expect(partnerPage.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(partnerPage.getByRole('heading', { level: 1, name: 'Tidak ada akses' })).toHaveCount(0);

    // The partner's account deactivated, after a confirmation: it can no longer log in.
    await page.getByLabel('Cari pengguna').fill(partnerUser.email);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await card(page, partnerUser.email).getByRole('button', { name: 'Nonaktifkan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nonaktifkan akun?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, '/admin/pengguna with the confirmation');
    await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
    await expect(
      page.getByText(`Akun ${partnerUser.fullName} dinonaktifkan. Ia tidak dapat masuk lagi.`),
    ).toBeVisible();
    await expect(card(page, partnerUser.email).getByText('Nonaktif', { exact: true })).toBeVisible();
    await expect(card(page, partnerUser.email).getByRole('button', { name: 'Aktifkan kembali' })).toBeVisible();

    await partnerPage.reload();
    await expect(partnerPage).toHaveURL(/\/masuk\?next=/);
    await partnerPage.getByLabel('Email').fill(partnerUser.email);
    await partnerPage.getByLabel('Kata sandi').fill(partnerUser.password);
    await partnerPage.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(partnerPage.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
    await expect(partnerPage.getByRole('button', { name: 'Keluar' })).toHaveCount(0);
    await other.close();

    // The trail: this admin's changes, filtered by who and what; times in WIB.
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jejak audit' })).toBeVisible();
    await page.getByLabel('Pelaku').fill(admin.email);
    await page.getByLabel('Aksi').selectOption({ label: 'Diubah' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByText('2 catatan', { exact: true })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`pelaku=${admin.id}&aksi=update$`));
    const deactivation = entry(page, `Akun pengguna diubah: ${partnerUser.fullName}`);
    await expect(deactivation.getByText(`Oleh: ${admin.fullName} (${admin.email}) · Admin`)).toBeVisible();
    await expect(deactivation.getByRole('listitem').filter({ hasText: 'Aktif' })).toHaveText(
      'Aktif: Ya → menjadi Tidak',
    );
    const edit = entry(page, `Mitra diubah: ${partnerName}`);
    await expect(edit.getByRole('listitem')).toHaveText([
      'Deskripsi: (kosong) → menjadi Relawan literasi digital di Kutasari.',
    ]);
    const rows = (
      await call<{ data: AuditRow[] }>('GET', `/audit-logs?actorId=${admin.id}&action=update`, undefined, admin.token)
    ).data;
    const row = rows.find((r) => r.entityId === partner.id) as AuditRow;
    await expect(edit.locator('time')).toHaveText(jakarta(row.createdAt));

    await page.getByLabel('Aksi').selectOption({ label: 'Dibuat' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByText('2 catatan', { exact: true })).toBeVisible();
    await expect(
      entry(page, `Akun pengguna dibuat: ${partnerUser.fullName}`).getByRole('listitem').filter({ hasText: 'Peran' }),
    ).toHaveText('Peran: Mitra');
    const created = entry(page, `Mitra dibuat: ${partnerName}`);
    await expect(created.getByRole('listitem').filter({ hasText: 'Jenis' })).toHaveText('Jenis: Media');
    await expect(created.getByRole('listitem').filter({ hasText: 'Nomor HP kontak' })).toHaveText(
      'Nomor HP kontak: +6281227001234',
    );
  },
);

test('an admin changes a role (a partner role needs its partner); the trail finds it by who, what and WIB day', async ({
  page,
}) => {
  const admin = await ownAdmin();
  const staffer = await account(admin.token, 'staff', `Staf Pindah ${tag()}`);
  const partnerName = `Mitra Tujuan ${tag()}`;
  const partner = await call<{ id: string }>(
    'POST',
    '/partners',
    { name: partnerName, type: 'education' },
    admin.token,
    201,
  );
  await logIn(page, admin, '/admin/pengguna');
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna' })).toBeVisible();
  // A role changed: to partner needs a partner (said at that field), then with one.
  await page.getByLabel('Cari pengguna').fill(staffer.email);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const stafferCard = card(page, staffer.email);
  await expect(stafferCard).toHaveCount(1);
  await expect(stafferCard.getByText('Petugas Dinkominfo', { exact: true })).toBeVisible();
  await stafferCard.getByRole('button', { name: 'Ubah peran' }).click();
  await stafferCard.getByLabel('Peran baru').selectOption('partner');
  await stafferCard.getByRole('button', { name: 'Simpan peran' }).click();
  await expect(stafferCard.getByText('Pilih mitra untuk akun mitra.')).toBeVisible();
  await expect(stafferCard.getByLabel('Mitra')).toHaveAttribute('aria-invalid', 'true');
  await stafferCard.getByLabel('Mitra').selectOption(partner.id);
  await stafferCard.getByRole('button', { name: 'Simpan peran' }).click();
  await expect(page.getByText(`Peran ${staffer.fullName} sekarang Mitra.`)).toBeVisible();
  await expect(card(page, staffer.email).getByText(`Mitra: ${partnerName}`)).toBeVisible();
  expect(await call('GET', `/users/${staffer.id}`, undefined, admin.token)).toMatchObject({
    role: 'partner',
    partnerId: partner.id,
  });

  // The trail: who and what.
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('Pelaku').fill(admin.email);
  await page.getByLabel('Aksi').selectOption({ label: 'Diubah' });
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await expect(page.getByText('1 catatan', { exact: true })).toBeVisible();
  const roleChange = entry(page, `Akun pengguna diubah: ${staffer.fullName}`);
  await expect(roleChange.getByText(`Oleh: ${admin.fullName} (${admin.email}) · Admin`)).toBeVisible();
  await expect(roleChange.getByRole('listitem').filter({ hasText: 'Peran' })).toHaveText(
    'Peran: Petugas Dinkominfo → menjadi Mitra',
  );
  await expect(roleChange.getByRole('listitem').filter({ hasText: 'ID mitra' })).toContainText(partner.id);
  await expectAccessible(page, '/admin/audit');

  // What: creations of partners only, within today's WIB date, sent as +07:00 instants.
  await page.getByLabel('Aksi').selectOption({ label: 'Dibuat' });
  await page.getByLabel('Jenis data').selectOption({ label: 'Mitra' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  await page.getByLabel('Dari tanggal').fill(today);
  await page.getByLabel('Sampai tanggal').fill(today);
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/audit-logs?'));
  await page.getByRole('button', { name: 'Terapkan' }).click();
  const sent = new URL((await asked).url()).searchParams;
  expect(sent.get('from')).toBe(`${today}T00:00:00+07:00`);
  expect(sent.get('to')).toBe(`${today}T23:59:59.999+07:00`);
  expect(sent.get('entityType')).toBe('partner');
  await expect(page.getByText('1 catatan', { exact: true })).toBeVisible();
  const created = entry(page, `Mitra dibuat: ${partnerName}`);
  await expect(created.getByRole('listitem').filter({ hasText: 'Jenis' })).toHaveText('Jenis: Pendidikan');

  // An end before the start is refused at that field.
  await page.getByLabel('Dari tanggal').fill('2026-12-10');
  await page.getByLabel('Sampai tanggal').fill('2026-12-01');
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await expect(page.getByText('Tanggal akhir tidak boleh sebelum tanggal awal.')).toBeVisible();
  await expect(page.getByLabel('Sampai tanggal')).toHaveAttribute('aria-invalid', 'true');
});

test('the trail pages newest first, and opens filtered from an address', async ({ page }) => {
  const admin = await ownAdmin();
  const name = `Mitra Berhalaman ${tag()}`;
  const partner = await call<{ id: string }>('POST', '/partners', { name, type: 'community' }, admin.token, 201);
  for (let i = 1; i <= 21; i++)
    await call('PATCH', `/partners/${partner.id}`, { description: `Versi ${i}` }, admin.token);

  await logIn(page, admin, `/admin/audit?pelaku=${admin.id}`);
  await expect(page.getByText('22 catatan', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Pelaku')).toHaveValue(admin.email);
  const items = page.locator('.audit-list > li');
  await expect(items).toHaveCount(20);
  await expect(page.getByText('Halaman 1 dari 2')).toBeVisible();
  await expect(items.first().getByRole('listitem')).toHaveText('Deskripsi: Versi 20 → menjadi Versi 21');
  await expect(page.getByRole('button', { name: 'Sebelumnya' })).toBeDisabled();

  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByText('Halaman 2 dari 2')).toBeVisible();
  await expect(page).toHaveURL(/halaman=2$/);
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByRole('listitem')).toHaveText('Deskripsi: (kosong) → menjadi Versi 1');
  await expect(items.nth(1).getByRole('heading')).toHaveText(`Mitra dibuat: ${name}`);
  await expect(page.getByRole('button', { name: 'Berikutnya' })).toBeDisabled();
  await expectAccessible(page, '/admin/audit page 2');

  // The menu's link starts over: no filter, first page.
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByLabel('Pelaku')).toHaveValue('');
  await expect(page.getByText(/^Halaman 1 dari \d+$/)).toBeVisible();

  // One partner's history, as its card links to it.
  await page.goto(`/admin/audit?jenis=partner&id=${partner.id}&aksi=create`);
  await expect(page.getByText('1 catatan', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Jenis data')).toHaveValue('partner');
  await expect(page.getByLabel('ID data')).toHaveValue(partner.id);
});

test('staff opening the admin pages are told they have no access', async ({ page }) => {
  const admin = await ownAdmin();
  const staffer = await account(admin.token, 'staff', `Staf Biasa ${tag()}`);
  await logIn(page, staffer, '/admin/pengguna');
  await expect(page).toHaveURL(/\/admin\/pengguna$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tidak ada akses' })).toBeVisible();
  await expect(page.getByText('Halaman ini hanya untuk admin.')).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengguna' }),
  ).toHaveCount(0);
  for (const path of ['/admin/mitra', '/admin/audit']) {
    await page.goto(path);
    // A full load: session refresh and the page's own chunk, slow on a busy test machine.
    await expect(page.getByRole('heading', { level: 1, name: 'Tidak ada akses' })).toBeVisible({ timeout: 20_000 });
  }
});

test('accounts page through a search; a partner is deactivated and an account reactivated', async ({ page }) => {
  const admin = await ownAdmin();
  const group = `Kelompok${tag()}`;
  const made = await Promise.all(
    Array.from({ length: 21 }, async (_, i) => {
      const email = uniqueEmail(`p${i + 1}`);
      return {
        email,
        ...(await call<{ id: string }>(
          'POST',
          '/users',
          { email, password: PASSWORD, fullName: `${group} Anggota ${i + 1}`, role: 'staff' },
          admin.token,
          201,
        )),
      };
    }),
  );
  const sleeper = made[0];
  await call('PATCH', `/users/${sleeper.id}`, { isActive: false }, admin.token);
  const partnerName = `Mitra Tidur ${tag()}`;
  await call('POST', '/partners', { name: partnerName, type: 'ngo' }, admin.token, 201);

  await logIn(page, admin, '/admin/pengguna');
  await page.getByLabel('Cari pengguna').fill(group.toLowerCase());
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.getByText('21 akun', { exact: true })).toBeVisible();
  await expect(page.locator('.admin-list > li')).toHaveCount(20);
  await expect(page.getByText('Halaman 1 dari 2')).toBeVisible();
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByText('Halaman 2 dari 2')).toBeVisible();
  await expect(page.locator('.admin-list > li')).toHaveCount(1);
  await page.getByRole('button', { name: 'Sebelumnya' }).click();
  await expect(page.locator('.admin-list > li')).toHaveCount(20);

  // Only staff: the role filter narrows the search (the server's admin is no match anyway).
  await page.getByLabel('Saring peran').selectOption({ label: 'Peserta' });
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.getByText('Tidak ada akun yang cocok.')).toBeVisible();

  // A deactivated account comes back and can log in again.
  await page.getByLabel('Cari pengguna').fill(sleeper.email);
  await page.getByLabel('Saring peran').selectOption({ label: 'Semua peran' });
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const sleeperCard = card(page, sleeper.email);
  await expect(sleeperCard.getByText('Nonaktif', { exact: true })).toBeVisible();
  await call('POST', '/auth/login', { email: sleeper.email, password: PASSWORD }, undefined, 401);
  await sleeperCard.getByRole('button', { name: 'Aktifkan kembali' }).click();
  await expect(page.getByText(`Akun ${group} Anggota 1 aktif kembali.`)).toBeVisible();
  await expect(card(page, sleeper.email).getByRole('button', { name: 'Nonaktifkan' })).toBeVisible();
  await call('POST', '/auth/login', { email: sleeper.email, password: PASSWORD }, undefined, 200);

  // A partner deactivated after a confirmation leaves the public list; the admin still finds it.
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Mitra' }).click();
  await page.getByLabel('Cari mitra').fill(partnerName);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await card(page, partnerName).getByRole('button', { name: 'Nonaktifkan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nonaktifkan mitra?' });
  await dialog.getByRole('button', { name: 'Batal' }).click();
  await expect(dialog).toBeHidden();
  expect(
    (await call<{ meta: { total: number } }>('GET', `/partners?q=${encodeURIComponent(partnerName)}`)).meta.total,
  ).toBe(1);
  await card(page, partnerName).getByRole('button', { name: 'Nonaktifkan' }).click();
  await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(page.getByText(`Mitra ${partnerName} dinonaktifkan.`)).toBeVisible();
  await expect(card(page, partnerName).getByText('Nonaktif', { exact: true })).toBeVisible();
  expect(
    (await call<{ meta: { total: number } }>('GET', `/partners?q=${encodeURIComponent(partnerName)}`)).meta.total,
  ).toBe(0);
  await expectAccessible(page, '/admin/mitra with an inactive partner');
});

import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/axe.js';
import { call, logIn } from './support/api.js';
import {
  admin,
  book,
  dayAfter,
  longDay,
  nextMonday,
  openStudio,
  partnerAccount,
  staffAccount,
  studio,
} from './support/studio.js';

/** The slot button of one start on one day: its accessible name is the whole range and the day. */
const slot = (page: Page, day: string, from: string, to: string) =>
  page.getByRole('button', { name: `${from}–${to} WIB, ${longDay(day)}`, exact: true });

async function showNextWeek(page: Page) {
  await page.getByRole('button', { name: 'Minggu berikutnya' }).click();
  await expect(slot(page, nextMonday(), '08.00', '09.00')).toBeVisible();
}

test(
  'a partner books a free slot and sees it pending; ' +
    'staff approve it; the partner sees it approved and the slot gone',
  async ({ page, browser }) => {
    const s = await studio();
    const partner = await partnerAccount('Komunitas Podcast');
    const staff = await staffAccount();
    const wednesday = dayAfter(nextMonday(), 2);

    await logIn(page, partner, '/mitra/studio');
    await expect(page.getByRole('heading', { level: 1, name: 'Jadwal studio' })).toBeVisible();
    await openStudio(page, '/mitra/studio', s);
    await showNextWeek(page);
    // The lunch break is no slot: 11.00 is the morning's last start (an hour), 13.00 the afternoon's first.
    await expect(slot(page, wednesday, '12.00', '13.00')).toHaveCount(0);
    await expect(slot(page, wednesday, '11.00', '12.00')).toBeVisible();
    await expectAccessible(page, '/mitra/studio');

    await slot(page, wednesday, '09.00', '10.00').click();
    await expect(page.getByText(`Jadwal dipilih: ${longDay(wednesday)} · 09.00–10.00 WIB`)).toBeVisible();
    await page.getByLabel('Topik').fill('Podcast Literasi Keuangan Digital');
    await page.getByLabel('Deskripsi').fill('Dua narasumber, perlu dua mikrofon.');
    await page.getByLabel('Jumlah tamu').fill('3');
    await page.getByRole('button', { name: 'Ajukan jadwal' }).click();
    await expect(
      page.getByText('Jadwal "Podcast Literasi Keuangan Digital" diajukan dan menunggu persetujuan petugas.'),
    ).toBeVisible();
    const mine = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Podcast Literasi Keuangan Digital' }) });
    await expect(mine.getByText('Menunggu persetujuan')).toBeVisible();
    await expect(mine.getByText(`${longDay(wednesday)} · 09.00–10.00 WIB`)).toBeVisible();
    // Held while pending: the slot and the next start within the 15-minute buffer are gone from the week.
    await expect(slot(page, wednesday, '09.00', '10.00')).toHaveCount(0);
    await expect(slot(page, wednesday, '10.00', '11.00')).toHaveCount(0);

    const staffPage = await (await browser.newContext()).newPage();
    await logIn(staffPage, staff, '/staf/studio');
    await openStudio(staffPage, '/staf/studio', s);
    const request = staffPage
      .getByRole('listitem')
      .filter({ has: staffPage.getByRole('heading', { name: 'Podcast Literasi Keuangan Digital' }) });
    await expect(request.getByText(partner.partnerName)).toBeVisible();
    await expectAccessible(staffPage, '/staf/studio');
    await request.getByRole('button', { name: 'Setujui' }).click();
    await expect(staffPage.getByText('Pengajuan "Podcast Literasi Keuangan Digital" disetujui.')).toBeVisible();
    await expect(staffPage.getByRole('heading', { name: /^Menunggu keputusan \(0\)$/ })).toBeVisible();
    await expect(
      staffPage.getByRole('region', { name: 'Jadwal disetujui' }).getByText('Podcast Literasi Keuangan Digital'),
    ).toBeVisible();
    await staffPage.context().close();

    await page.reload();
    await openStudio(page, '/mitra/studio', s);
    await expect(mine.getByText('Disetujui', { exact: true })).toBeVisible();
    await showNextWeek(page);
    await expect(slot(page, wednesday, '09.00', '10.00')).toHaveCount(0);
    await expect(slot(page, wednesday, '11.00', '12.00')).toBeVisible();

    // Cancelling before it starts (with a confirmation) frees the slot again.
    await mine.getByRole('button', { name: 'Batalkan' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect(mine.getByText('Dibatalkan', { exact: true })).toBeVisible();
    await expect(slot(page, wednesday, '09.00', '10.00')).toBeVisible();
  },
);

test('two partners race for a slot: the loser reads the Indonesian refusal, the week without it', async ({
  browser,
}) => {
  const s = await studio();
  const [a, b] = await Promise.all([partnerAccount('ORARI'), partnerAccount('RAPI')]);
  const thursday = dayAfter(nextMonday(), 3);
  const pages = await Promise.all(
    [a, b].map(async (who) => {
      const page = await (await browser.newContext()).newPage();
      await logIn(page, who, '/mitra/studio');
      await openStudio(page, '/mitra/studio', s);
      await showNextWeek(page);
      await slot(page, thursday, '14.00', '15.00').click();
      await page.getByLabel('Topik').fill(`Siaran ${who.partnerName}`);
      return page;
    }),
  );

  await Promise.all(pages.map((page) => page.getByRole('button', { name: 'Ajukan jadwal' }).click()));
  const won = (page: Page) => page.getByText(/diajukan dan menunggu persetujuan petugas\.$/);
  const lost = (page: Page) => page.getByText('Jadwal ini sudah dipakai. Pilih jadwal lain.');
  await expect
    .poll(async () => (await Promise.all(pages.flatMap((p) => [won(p).count(), lost(p).count()]))).join(','))
    .toMatch(/^(1,0,0,1|0,1,1,0)$/);
  const loser = (await won(pages[0]).count()) === 1 ? pages[1] : pages[0];
  await expect(slot(loser, thursday, '14.00', '15.00')).toHaveCount(0);
  await expect(loser.getByText('Belum ada pengajuan untuk studio ini.')).toBeVisible();

  const held = await call<{ data: { status: string }[] }>(
    'GET',
    `/bookings?studioId=${s.id}`,
    undefined,
    await admin(),
  );
  expect(held.data.map((x) => x.status)).toEqual(['pending']);
  await Promise.all(pages.map((p) => p.context().close()));
});

test('staff see a conflict, reject with a reason, and the partner reads the reason', async ({ page, browser }) => {
  const s = await studio();
  const partner = await partnerAccount('Bank Jateng');
  const staff = await staffAccount();
  const friday = dayAfter(nextMonday(), 4);
  // Requested in another order than they take place; a second apart, as SQLite keeps createdAt to the second.
  await book(partner, s.id, friday, '13:00', '15:00', 'Talkshow keuangan syariah');
  await new Promise((r) => setTimeout(r, 1100));
  await book(partner, s.id, friday, '08:00', '09:00', 'Rekaman iklan layanan');
  // A closure made after the request: the request now clashes with it, and staff must see that.
  await call(
    'POST',
    `/studios/${s.id}/closures`,
    { startsAt: `${friday}T14:00:00+07:00`, endsAt: `${friday}T16:00:00+07:00`, reason: 'Perawatan alat' },
    staff.token,
    201,
  );
  // And Friday afternoons now end at 14:00: the request lies partly outside the hours as they are now.
  const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, opens: '08:00', closes: '12:00' },
    { weekday, opens: '13:00', closes: weekday === 5 ? '14:00' : '16:00' },
  ]);
  await call('PATCH', `/studios/${s.id}`, { openingHours: hours }, await admin());

  const staffPage = await (await browser.newContext()).newPage();
  await logIn(staffPage, staff, '/staf/studio');
  await openStudio(staffPage, '/staf/studio', s);
  const requests = staffPage
    .getByRole('region', { name: /^Menunggu keputusan/ })
    .getByRole('listitem')
    .filter({ has: staffPage.getByRole('heading', { level: 3 }) });
  // Oldest request first.
  await expect(requests.getByRole('heading', { level: 3 })).toHaveText([
    'Talkshow keuangan syariah',
    'Rekaman iklan layanan',
  ]);
  const clash = staffPage.getByRole('group', { name: 'Bentrok: Talkshow keuangan syariah' });
  await expect(clash.getByText(/^Studio tutup: Perawatan alat/)).toBeVisible();
  await expect(clash.getByText('Di luar jam buka studio yang berlaku sekarang')).toBeVisible();
  await expect(staffPage.getByRole('group', { name: 'Bentrok: Rekaman iklan layanan' })).toHaveCount(0);
  await expect(
    staffPage.getByRole('region', { name: 'Penutupan studio' }).getByText('Perawatan alat', { exact: true }),
  ).toBeVisible();
  await expectAccessible(staffPage, '/staf/studio with a conflict');

  await requests.nth(0).getByRole('button', { name: 'Tolak' }).click();
  const dialog = staffPage.getByRole('dialog', { name: 'Tolak pengajuan?' });
  await dialog.getByRole('button', { name: 'Kirim penolakan' }).click();
  await expect(dialog.getByText('Tulis alasan penolakan agar mitra tahu (minimal 2 karakter).')).toBeVisible();
  await expectAccessible(staffPage, '/staf/studio rejecting');
  await dialog.getByLabel('Alasan penolakan').fill('Studio tutup untuk perawatan alat. Silakan pilih hari lain.');
  await dialog.getByRole('button', { name: 'Kirim penolakan' }).click();
  await expect(staffPage.getByText('Pengajuan "Talkshow keuangan syariah" ditolak.')).toBeVisible();
  await expect(requests).toHaveCount(1);
  await staffPage.context().close();

  await logIn(page, partner, '/mitra/studio');
  await openStudio(page, '/mitra/studio', s);
  const rejected = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Talkshow keuangan syariah' }) });
  await expect(rejected.getByText('Ditolak', { exact: true })).toBeVisible();
  await expect(
    rejected.getByText('Alasan penolakan: Studio tutup untuk perawatan alat. Silakan pilih hari lain.'),
  ).toBeVisible();
  await expect(rejected.getByRole('button', { name: 'Batalkan' })).toHaveCount(0);

  // A pending request can still be changed: a new topic and a new time.
  const pending = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Rekaman iklan layanan' }) });
  await pending.getByRole('button', { name: 'Ubah Rekaman iklan layanan' }).click();
  await showNextWeek(page);
  await slot(page, friday, '10.00', '11.00').click();
  await page.getByLabel('Topik').fill('Rekaman iklan layanan publik');
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  const moved = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Rekaman iklan layanan publik' }) });
  await expect(moved.getByText(`${longDay(friday)} · 10.00–11.00 WIB`)).toBeVisible();
  await expect(slot(page, friday, '08.00', '09.00')).toBeVisible();
});

test('the partner subscribes to its calendar by link or QR code, and can replace the link', async ({ page }) => {
  const s = await studio();
  const partner = await partnerAccount('FK Metra');
  await book(partner, s.id, dayAfter(nextMonday(), 5), '09:00', '10:00', 'Siaran komunitas radio');

  await logIn(page, partner, '/mitra/studio');
  const link = page.getByRole('link', { name: 'Langganan kalender' });
  await expect(link).toHaveAttribute(
    'href',
    new RegExp(`^webcal://127\\.0\\.0\\.1:\\d+/api/v1/partners/${partner.partnerId}/calendar\\.ics\\?token=[\\w-]+$`),
  );
  await expect(page.getByRole('img', { name: 'Kode QR tautan kalender: pindai dengan kamera ponsel' })).toBeVisible();
  const address = await page.getByLabel('Alamat kalender').inputValue();
  expect(address).toBe((await link.getAttribute('href'))!.replace('webcal://', 'http://'));
  const feed = await page.request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('Siaran komunitas radio');

  await page.getByRole('button', { name: 'Ganti tautan kalender' }).click();
  await page.getByRole('dialog', { name: 'Ganti tautan kalender?' }).getByRole('button', { name: 'Ya, ganti' }).click();
  await expect(page.getByText(/^Tautan kalender diganti\./)).toBeVisible();
  await expect(page.getByLabel('Alamat kalender')).not.toHaveValue(address);
  expect((await page.request.get(address)).status()).toBe(404);
  await expect(page.getByRole('img', { name: 'Kode QR tautan kalender: pindai dengan kamera ponsel' })).toBeVisible();
  await expectAccessible(page, '/mitra/studio with bookings');
});

test('an admin sets opening hours with a break and the rules; staff read them and manage closures', async ({
  page,
  browser,
}) => {
  const s = await studio();
  const staff = await staffAccount();
  const saturday = dayAfter(nextMonday(), 5);

  await logIn(
    page,
    { email: process.env.WEB_E2E_ADMIN_EMAIL!, password: process.env.WEB_E2E_ADMIN_PASSWORD! },
    '/staf/studio',
  );
  await openStudio(page, '/staf/studio', s);
  const rules = page.getByRole('region', { name: 'Jam buka dan aturan' });
  // A range that closes before it opens is refused, in Indonesian, next to the hours.
  await rules.getByLabel('Sabtu rentang 2, tutup').fill('12:30');
  await rules.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(rules.getByText(/^Jam buka belum benar/)).toBeVisible();
  // Saturday: one morning range only; a 30-minute grid and a 30-minute buffer.
  await rules.getByRole('button', { name: 'Hapus rentang 2 hari Sabtu' }).click();
  await rules.getByLabel('Satuan waktu (menit)').fill('30');
  await rules.getByLabel('Jeda antar jadwal (menit)').fill('30');
  await rules.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(rules.getByText('Pengaturan studio disimpan.')).toBeVisible();
  const saved = await call<{
    openingHours: { weekday: number; opens: string; closes: string }[];
    slotMinutes: number;
    bufferMinutes: number;
  }>('GET', `/studios/${s.id}`, undefined, staff.token);
  expect(saved.openingHours.filter((h) => h.weekday === 6)).toEqual([{ weekday: 6, opens: '08:00', closes: '12:00' }]);
  expect(saved.openingHours.filter((h) => h.weekday === 5)).toHaveLength(2);
  expect([saved.slotMinutes, saved.bufferMinutes]).toEqual([30, 30]);
  await expectAccessible(page, '/staf/studio as admin');

  const staffPage = await (await browser.newContext()).newPage();
  await logIn(staffPage, staff, '/staf/studio');
  await openStudio(staffPage, '/staf/studio', s);
  const readOnly = staffPage.getByRole('region', { name: 'Jam buka dan aturan' });
  await expect(readOnly.getByText('Hanya admin yang dapat mengubah jam buka dan aturan studio.')).toBeVisible();
  await expect(readOnly.getByRole('button', { name: 'Simpan pengaturan' })).toHaveCount(0);

  const closures = staffPage.getByRole('region', { name: 'Penutupan studio' });
  await closures.getByLabel('Mulai (WIB)').fill(`${saturday}T08:00`);
  await closures.getByLabel('Selesai (WIB)').fill(`${saturday}T12:00`);
  await closures.getByLabel('Alasan').fill('Rapat koordinasi dinas');
  await closures.getByRole('button', { name: 'Tambah penutupan' }).click();
  await expect(closures.getByText('Penutupan "Rapat koordinasi dinas" ditambahkan.')).toBeVisible();
  await expect(closures.getByText(`${longDay(saturday)} · 08.00–12.00 WIB`)).toBeVisible();
  const [closure] = (
    await call<{ data: { startsAt: string; endsAt: string }[] }>(
      'GET',
      `/studios/${s.id}/closures`,
      undefined,
      staff.token,
    )
  ).data;
  expect([new Date(closure.startsAt).toISOString(), new Date(closure.endsAt).toISOString()]).toEqual([
    new Date(`${saturday}T08:00:00+07:00`).toISOString(),
    new Date(`${saturday}T12:00:00+07:00`).toISOString(),
  ]);
  expect(
    (
      await call<{ slots: unknown[] }>(
        'GET',
        `/studios/${s.id}/availability?date=${saturday}&duration=30`,
        undefined,
        staff.token,
      )
    ).slots,
  ).toEqual([]);

  await closures.getByRole('button', { name: 'Hapus penutupan Rapat koordinasi dinas' }).click();
  await expect(closures.getByText('Penutupan "Rapat koordinasi dinas" dihapus.')).toBeVisible();
  await expect(closures.getByText('Tidak ada penutupan yang akan datang.')).toBeVisible();
  await staffPage.context().close();
});

test('staff record a session that has started as completed or as a no-show', async ({ page }) => {
  // The API lets no booking be made in the past, and these actions wait until it started: the list of
  // approved bookings is answered here with two sessions of this morning, and the two actions are caught.
  const s = await studio();
  const staff = await staffAccount();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const started = (id: string, topic: string, status = 'approved') => ({
    id,
    studioId: s.id,
    partnerId: '00000000-0000-4000-8000-000000000001',
    partnerName: 'Mitra Contoh',
    createdBy: staff.userId,
    startsAt: `${today}T00:00:00+07:00`,
    endsAt: `${today}T00:30:00+07:00`,
    topic,
    description: null,
    guestCount: null,
    status,
    statusReason: null,
    decidedBy: staff.userId,
    decidedAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
  const sessions = [
    started('00000000-0000-4000-8000-00000000000a', 'Siaran pagi'),
    started('00000000-0000-4000-8000-00000000000b', 'Rekaman siang'),
  ];
  const sent: string[] = [];
  await page.route(/\/api\/v1\/bookings\?.*status=approved/, (route) =>
    route.fulfill({
      json: {
        data: sessions.filter((b) => b.status === 'approved'),
        meta: { page: 1, limit: 100, total: sessions.length },
      },
    }),
  );
  await page.route(/\/api\/v1\/bookings\/[^/]+\/(complete|no-show)$/, async (route) => {
    const [, id, action] = /bookings\/([^/]+)\/([a-z-]+)$/.exec(route.request().url())!;
    sent.push(`${route.request().method()} ${action} ${id}`);
    const b = sessions.find((x) => x.id === id)!;
    b.status = action === 'complete' ? 'completed' : 'no_show';
    await route.fulfill({ json: b });
  });

  await logIn(page, staff, '/staf/studio');
  await openStudio(page, '/staf/studio', s);
  const approved = page.getByRole('region', { name: 'Jadwal disetujui' });
  await approved
    .getByRole('listitem')
    .filter({ hasText: 'Siaran pagi' })
    .getByRole('button', { name: 'Tandai selesai' })
    .click();
  await expect(page.getByText('"Siaran pagi" ditandai selesai.')).toBeVisible();
  await approved
    .getByRole('listitem')
    .filter({ hasText: 'Rekaman siang' })
    .getByRole('button', { name: 'Tandai tidak hadir' })
    .click();
  await expect(page.getByText('"Rekaman siang" ditandai tidak hadir.')).toBeVisible();
  expect(sent).toEqual([`POST complete ${sessions[0].id}`, `POST no-show ${sessions[1].id}`]);
  await expect(approved.getByText('Belum ada jadwal yang disetujui.')).toBeVisible();
});

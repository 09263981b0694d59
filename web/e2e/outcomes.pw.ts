import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test, type TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import { call, logIn, PASSWORD, register, signUp, uniqueEmail, withProfile } from './support/api.js';
import { expectAccessible } from './support/axe.js';

/**
 * Learning outcomes in the browser (issues 13 and 16): question sets, the pre and post tests, the attendance
 * code shown by staff and typed by the participant, the rating, and the reports page with its charts,
 * tables and downloads. Each test makes its own staff, participant, partner and training.
 */

const adminToken = () =>
  call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.WEB_E2E_ADMIN_EMAIL,
    password: process.env.WEB_E2E_ADMIN_PASSWORD,
  }).then((r) => r.accessToken);

async function staffAccount(): Promise<{ email: string; password: string; token: string }> {
  const email = uniqueEmail('staf');
  await call(
    'POST',
    '/users',
    { email, password: PASSWORD, fullName: 'Staf Dinkominfo', role: 'staff' },
    await adminToken(),
  );
  const token = (await call<{ accessToken: string }>('POST', '/auth/login', { email, password: PASSWORD })).accessToken;
  return { email, password: PASSWORD, token };
}

/** The Etis Digital set every run uses: the correct answer is always the first option. */
const ETHICS_SET = {
  questions: Array.from({ length: 5 }, (_, i) => ({
    text: `Pertanyaan etika ${i + 1}: sikap yang tepat?`,
    options: ['Menghargai orang lain', 'Menyebar ulang tanpa izin', 'Membalas dengan kasar'],
    correctIndex: 0,
  })),
};

/**
 * Sets the ethics question set unless it is already this one: the phone and desktop runs share the
 * server, and a new version between loading and sending a test would be refused (quiz_changed).
 */
async function ensureEthicsSet(staffToken: string) {
  const current = await call<{ data: { questions: unknown }[] }>(
    'GET',
    '/pillars/digital_ethics/quiz/versions?limit=1',
    undefined,
    staffToken,
  );
  if (JSON.stringify(current.data[0]?.questions) !== JSON.stringify(ETHICS_SET.questions)) {
    await call('PUT', '/pillars/digital_ethics/quiz', ETHICS_SET, staffToken);
  }
}

/** Later today in Jakarta (the attendance code opens on the training's own day), before its start. */
async function startLaterToday(): Promise<Date> {
  const jakartaMidnight = (() => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    return new Date(`${day}T00:00:00+07:00`).getTime() + 24 * 3600_000;
  })();
  const left = jakartaMidnight - Date.now();
  if (left < 3 * 60_000) {
    // Too close to midnight WIB for a start "later today": wait for the new day.
    await new Promise((r) => setTimeout(r, left + 1000));
    return startLaterToday();
  }
  return new Date(Date.now() + Math.min(60 * 60_000, left - 90_000));
}

async function onlineTraining(staffToken: string, partnerId: string) {
  const startsAt = await startLaterToday();
  const title = `Etika Bermedia Daring ${randomUUID().slice(0, 6)}`;
  const created = await call<{ id: string }>(
    'POST',
    '/events',
    {
      title,
      description: 'Etika berkomunikasi di ruang digital, disiarkan lewat Zoom.',
      pillar: 'digital_ethics',
      format: 'online',
      onlineUrl: 'https://zoom.example/j/123',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      capacity: 30,
      partnerIds: [partnerId],
    },
    staffToken,
  );
  await call('POST', `/events/${created.id}/publish`, undefined, staffToken);
  return { id: created.id, title };
}

/** A second person's browser, with the same device as the test's project (phone or desktop). */
async function newPage(browser: Browser, use: TestInfo['project']['use']): Promise<Page> {
  const { baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, locale, timezoneId, userAgent } = use;
  const context = await browser.newContext({
    baseURL,
    viewport,
    isMobile,
    hasTouch,
    deviceScaleFactor,
    locale,
    timezoneId,
    userAgent,
  });
  return context.newPage();
}

/** Answers every question of the test page: the first option for the first `right` questions, else the second. */
async function answer(page: Page, right: number) {
  const questions = page.getByRole('group', { name: /Pertanyaan etika/ });
  await expect(questions).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await questions
      .nth(i)
      .getByRole('radio', { name: i < right ? 'Menghargai orang lain' : 'Menyebar ulang tanpa izin' })
      .check();
  }
}

test('staff publish a new question set version; older versions stay readable', async ({ page }) => {
  const staff = await staffAccount();
  await logIn(page, staff);
  await page.getByRole('link', { name: 'Soal tes' }).click();
  await expect(page).toHaveURL(/\/staf\/soal$/);
  await page.getByLabel('Pilar').selectOption({ label: 'Budaya Digital' });
  await expect(page.getByRole('heading', { level: 2, name: /Versi \d+ \(berlaku\)|Belum ada soal/ })).toBeVisible();
  await expectAccessible(page, '/staf/soal');

  await page.getByRole('button', { name: 'Buat versi baru' }).click();
  const editor = page.getByRole('form', { name: /Versi baru soal Budaya Digital/ });
  // Start from a clean slate whatever the current version holds: five questions of two options.
  while ((await editor.getByRole('group', { name: /^Pertanyaan \d+$/ }).count()) > 5) {
    await editor
      .getByRole('button', { name: /^Hapus pertanyaan/ })
      .last()
      .click();
  }
  for (let i = 1; i <= 5; i++) {
    const q = editor.getByRole('group', { name: `Pertanyaan ${i}`, exact: true });
    while ((await q.getByRole('button', { name: /^Hapus pilihan/ }).count()) > 0)
      await q
        .getByRole('button', { name: /^Hapus pilihan/ })
        .last()
        .click();
    await q.getByLabel(`Teks pertanyaan ${i}`).fill(i === 3 ? '' : `Budaya ${i}: gotong royong di ruang digital?`);
    await q.getByLabel('Pilihan A', { exact: true }).fill('Ya');
    await q.getByLabel('Pilihan B', { exact: true }).fill('Tidak');
    await q.getByRole('radio', { name: 'A benar' }).check();
  }
  await editor.getByRole('button', { name: 'Simpan versi baru' }).click();
  // An empty question is named next to it, and nothing is sent.
  await expect(
    editor.getByRole('group', { name: 'Pertanyaan 3', exact: true }).getByText('Tulis pertanyaannya.'),
  ).toBeVisible();
  await expectAccessible(page, '/staf/soal editor with an error');
  await editor.getByLabel('Teks pertanyaan 3').fill('Budaya 3: menghormati perbedaan pendapat?');
  await editor.getByRole('button', { name: 'Tambah pertanyaan' }).click();
  const sixth = editor.getByRole('group', { name: 'Pertanyaan 6', exact: true });
  await sixth.getByLabel('Teks pertanyaan 6').fill('Budaya 6: bahasa daerah boleh dipakai di media sosial?');
  await sixth.getByLabel('Pilihan A', { exact: true }).fill('Tidak boleh');
  await sixth.getByLabel('Pilihan B', { exact: true }).fill('Boleh');
  await sixth.getByRole('radio', { name: 'B benar' }).check();
  await editor.getByRole('button', { name: 'Simpan versi baru' }).click();

  const saved = page.getByText(/Versi (\d+) soal Budaya Digital disimpan/);
  await expect(saved).toBeVisible();
  const version = Number(/Versi (\d+)/.exec((await saved.textContent())!)![1]);
  await expect(page.getByRole('heading', { level: 2, name: `Versi ${version} (berlaku)` })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: `Versi ${version} (berlaku)` })
      .getByText('Budaya 6: bahasa daerah boleh dipakai di media sosial?'),
  ).toBeVisible();
  const api = await call<{ data: { version: number; questions: { text: string; correctIndex: number }[] }[] }>(
    'GET',
    '/pillars/digital_culture/quiz/versions?limit=100',
    undefined,
    staff.token,
  );
  const mine = api.data.find((v) => v.version === version)!;
  expect(mine.questions).toHaveLength(6);
  expect(mine.questions[5]).toMatchObject({
    text: 'Budaya 6: bahasa daerah boleh dipakai di media sosial?',
    correctIndex: 1,
  });
  if (version > 1) {
    await expect(page.getByRole('heading', { level: 2, name: 'Versi sebelumnya' })).toBeVisible();
    await page.getByText(new RegExp(`^Versi ${version - 1} ·`)).click();
    await expectAccessible(page, '/staf/soal older versions');
  }
});

test('pre-test, attendance code, post-test and rating, then the reports count the participant', async ({
  page,
  browser,
}, testInfo) => {
  // Two people, seven pages and four downloads: about 50 s on the shared 2-core machine, so room for a slow moment.
  test.setTimeout(120_000);
  const staff = await staffAccount();
  await ensureEthicsSet(staff.token);
  const partnerName = `Komunitas Uji ${randomUUID().slice(0, 8)}`;
  const partner = await call<{ id: string }>(
    'POST',
    '/partners',
    { name: partnerName, type: 'community' },
    await adminToken(),
  );
  const event = await onlineTraining(staff.token, partner.id);
  const person = await withProfile(await signUp('Dewi Lestari'));
  const registration = await register(person, event.id);

  // The participant takes the pre-test from the ticket page.
  await logIn(page, person);
  await page.goto('/akun/tiket');
  const ticket = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(ticket.getByRole('link', { name: 'Kerjakan tes akhir' })).toHaveCount(0);
  await expect(ticket.getByRole('link', { name: 'Beri penilaian' })).toHaveCount(0);
  await ticket.getByRole('link', { name: 'Kerjakan tes awal' }).click();
  await expect(page).toHaveURL(new RegExp(`/akun/tes/${event.id}/awal$`));
  await expect(page.getByRole('heading', { level: 1, name: `Tes awal: ${event.title}` })).toBeVisible();
  await answer(page, 2);
  await expectAccessible(page, '/akun/tes awal');
  await page.getByRole('button', { name: 'Kirim jawaban' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nilai tes awal Anda: 40 dari 100' })).toBeVisible();
  await expect(page.getByText('2 dari 5 jawaban benar.')).toBeVisible();
  await expectAccessible(page, '/akun/tes score');
  // Once only: coming back shows the score, not the questions.
  await page.goto(`/akun/tes/${event.id}/awal`);
  await expect(page.getByText('Nilai tes awal Anda: 40 dari 100')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirim jawaban' })).toHaveCount(0);
  // The post-test is not open before attending, and the page says why.
  await page.goto(`/akun/tes/${event.id}/akhir`);
  await expect(page.getByText('Tes akhir dan penilaian terbuka setelah Anda tercatat hadir.')).toBeVisible();

  // Staff open an attendance code and show it big.
  const staffPage = await newPage(browser, testInfo.project.use);
  await logIn(staffPage, staff);
  await staffPage.goto(`/staf/pelatihan/${event.id}/kode-hadir`);
  await expect(staffPage.getByRole('heading', { level: 1, name: `Kode hadir: ${event.title}` })).toBeVisible();
  await staffPage.getByLabel('Berlaku selama (menit)').fill('30');
  await staffPage.getByRole('button', { name: 'Buka kode hadir' }).click();
  const shown = staffPage.locator('.attendance-code__value');
  await expect(shown).toHaveText(/^[A-Z2-9]{6}$/);
  const code = (await shown.textContent())!;
  await expect(staffPage.getByText(/Berlaku sampai pukul \d{2}\.\d{2} WIB · sisa (29|30) menit/)).toBeVisible();
  const fontSize = await shown.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(48);
  await expectAccessible(staffPage, '/staf/pelatihan/:id/kode-hadir');
  expect(await staffPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // A wrong code is refused in Indonesian next to the field; the right one counts the participant present.
  await page.goto('/akun/tiket');
  const card = page.getByRole('listitem').filter({ hasText: event.title });
  await card.getByLabel('Kode hadir').fill(code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ');
  await card.getByRole('button', { name: 'Kirim kode hadir' }).click();
  await expect(card.getByText('Kode presensi salah. Periksa kembali kode dari panitia.')).toBeVisible();
  await expect(card.getByLabel('Kode hadir')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, '/akun/tiket with a refused attendance code');
  await card.getByLabel('Kode hadir').fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
  await card.getByRole('button', { name: 'Kirim kode hadir' }).click();
  await expect(page.getByText(`Anda tercatat hadir di ${event.title}.`)).toBeVisible();
  await expect(card.getByText('Hadir', { exact: true })).toBeVisible();
  await expect(card.getByLabel('Kode hadir')).toHaveCount(0);
  await expect(card.getByText('Tes awal: nilai 40')).toBeVisible();
  await expect(card.getByRole('link', { name: 'Kerjakan tes awal' })).toHaveCount(0);
  // The API has the check-in, made by the code (a repeat answers with the first one).
  const again = await call<{ alreadyCheckedIn: boolean; source: string; registrationId: string }>(
    'POST',
    `/events/${event.id}/self-check-in`,
    { code },
    person.token,
    200,
  );
  expect(again).toMatchObject({ alreadyCheckedIn: true, source: 'code', registrationId: registration.id });

  // Post-test and rating, each once.
  await card.getByRole('link', { name: 'Kerjakan tes akhir' }).click();
  await expect(page).toHaveURL(new RegExp(`/akun/tes/${event.id}/akhir$`));
  await answer(page, 5);
  await page.getByRole('button', { name: 'Kirim jawaban' }).click();
  await expect(page.getByText('Nilai tes akhir Anda: 100 dari 100')).toBeVisible();
  await page.getByRole('link', { name: 'Kembali ke Tiket saya' }).click();
  const rated = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(rated.getByText('Tes akhir: nilai 100')).toBeVisible();
  await rated.getByRole('link', { name: 'Beri penilaian' }).click();
  await expect(page).toHaveURL(new RegExp(`/akun/penilaian/${event.id}$`));
  await page.getByRole('button', { name: 'Kirim penilaian' }).click();
  await expect(page.getByText('Pilih nilai 1 sampai 5.')).toBeVisible();
  await page.getByLabel('4 — Baik').check();
  await page.getByLabel('Komentar (boleh kosong)').fill('Materinya jelas, contoh kasusnya dekat dengan kami.');
  await expectAccessible(page, '/akun/penilaian');
  await page.getByRole('button', { name: 'Kirim penilaian' }).click();
  await expect(page.getByText(/Terima kasih atas penilaian Anda\. Nilai Anda: 4 dari 5/)).toBeVisible();
  await page.goto('/akun/tiket');
  const done = page.getByRole('listitem').filter({ hasText: event.title });
  await expect(done.getByText('Penilaian Anda: 4 dari 5')).toBeVisible();
  await expect(done.getByRole('link', { name: /Kerjakan tes|Beri penilaian/ })).toHaveCount(0);

  // Staff read the reports by partner (this test's own partner holds only this participant).
  await staffPage.getByRole('link', { name: 'Laporan' }).click();
  await expect(staffPage).toHaveURL(/\/staf\/laporan$/);
  await expect(staffPage.getByRole('table', { name: /Tabel partisipasi menurut pilar/i })).toBeVisible();
  await staffPage.getByLabel('Kelompokkan menurut').selectOption({ label: 'Kelompok umur' });
  await expect(staffPage.getByRole('table', { name: /Tabel partisipasi menurut kelompok umur/i })).toBeVisible();
  await staffPage.getByLabel('Kelompokkan menurut').selectOption({ label: 'Mitra' });
  const participation = staffPage.getByRole('table', { name: 'Tabel partisipasi menurut mitra' });
  const row = participation.getByRole('row', { name: new RegExp(partnerName) });
  // Kegiatan, Pendaftaran, Hadir, Peserta unik, Hadir unik
  await expect(row.getByRole('cell')).toHaveText(['1', '1', '1', '1', '1']);
  await expect(
    staffPage
      .getByRole('figure', { name: /Grafik partisipasi menurut mitra/ })
      .getByRole('img', { name: /Grafik batang pendaftaran/ }),
  ).toBeVisible();
  const outcomes = staffPage.getByRole('table', { name: 'Tabel hasil belajar menurut mitra' });
  // n, mean pre, mean post, gain, CI (n < 2: none), mean rating, ratings
  await expect(outcomes.getByRole('row', { name: new RegExp(partnerName) }).getByRole('cell')).toHaveText([
    '1',
    '40,0',
    '100,0',
    '60,0',
    '–',
    '4,0',
    '1',
  ]);
  await expect(
    staffPage.getByRole('figure', { name: /Grafik hasil belajar menurut mitra/ }).getByRole('img'),
  ).toBeVisible();
  await expectAccessible(staffPage, '/staf/laporan');
  // Mobile first: the page itself never scrolls sideways (wide tables scroll inside their own region).
  expect(await staffPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const [csv] = await Promise.all([
    staffPage.waitForEvent('download'),
    staffPage.getByRole('link', { name: 'Unduh CSV', exact: true }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^laporan-partisipasi-partner-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(lines[0]).toBe('Kode,Uraian,Kegiatan,Pendaftaran,Hadir,Peserta unik,Hadir unik');
  expect(lines).toContain(`${partner.id},${partnerName},1,1,1,1,1`);

  const [xlsx] = await Promise.all([
    staffPage.waitForEvent('download'),
    staffPage.getByRole('link', { name: 'Unduh XLSX', exact: true }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/^laporan-partisipasi-partner-.*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  const sheetRows = book.worksheets[0]
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));
  expect(sheetRows).toContainEqual([partner.id, partnerName, 1, 1, 1, 1, 1]);

  const [outcomesCsv] = await Promise.all([
    staffPage.waitForEvent('download'),
    staffPage.getByRole('link', { name: 'Unduh CSV hasil belajar' }).click(),
  ]);
  expect(outcomesCsv.suggestedFilename()).toMatch(/^laporan-hasil-belajar-partner-.*\.csv$/);
  const outcomeLine = readFileSync(await outcomesCsv.path(), 'utf8')
    .split('\r\n')
    .find((l) => l.startsWith(partner.id));
  expect(outcomeLine).toBe(`${partner.id},${partnerName},1,1,1,40,100,60,,,4,1`);
  const [outcomesXlsx] = await Promise.all([
    staffPage.waitForEvent('download'),
    staffPage.getByRole('link', { name: 'Unduh XLSX hasil belajar' }).click(),
  ]);
  const outcomesBook = new ExcelJS.Workbook();
  await outcomesBook.xlsx.readFile(await outcomesXlsx.path());
  const outcomeRow = outcomesBook.worksheets[0]
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1))
    .find((r) => r[0] === partner.id);
  expect(outcomeRow?.slice(0, 8)).toEqual([partner.id, partnerName, 1, 1, 1, 40, 100, 60]);
  await staffPage.context().close();
});

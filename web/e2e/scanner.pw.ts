import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, expect, type Page, test } from '@playwright/test';
import QRCode from 'qrcode';
import { expectAccessible } from './support/axe.js';
import { call, logIn, type Person, register, signUp, staffPerson, training, withProfile } from './support/api.js';

/**
 * The door scanner (/staf/pelatihan/:id/pindai): opened once online it decides offline from the phone's
 * IndexedDB, queues check-ins with their scan time, survives a reload, and sends them when the network
 * returns; two phones scanning one ticket leave one check-in with the first scan's time.
 */

/** A training that starts later today in Jakarta: the door opens on the training's own day. */
function todayLater(): { startsAt: string; endsAt: string } {
  const now = Date.now();
  const offset = 7 * 3600_000;
  const midnight = Math.floor((now + offset) / 86_400_000) * 86_400_000 + 86_400_000 - offset;
  const start = now + Math.max(60_000, Math.min(3600_000, midnight - now - 120_000));
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3 * 3600_000).toISOString() };
}

async function scannerReadyOffline(page: Page) {
  // The service worker controls the page and keeps every hashed file the page loaded (the lazy scanner chunk too).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const loaded = performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.startsWith('/assets/'));
          const cache = await caches.open('bm-shell-v2');
          const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
          return {
            scanner: loaded.some((p) => /\/assets\/pindai-[^/]+\.js$/.test(p)),
            missing: loaded.filter((p) => !kept.has(p)),
          };
        }),
      { timeout: 15_000 },
    )
    .toEqual({ scanner: true, missing: [] });
}

async function scan(page: Page, code: string) {
  await page.getByLabel('Kode tiket').fill(code);
  await page.getByRole('button', { name: 'Catat hadir', exact: true }).click();
}

const answer = (page: Page) => page.locator('.door-answer');

/** What the phone keeps in IndexedDB (bm-door: tickets, lists, queue), read without the app. */
function stored<T>(page: Page, store: 'tickets' | 'lists' | 'queue'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('bm-door');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(name).objectStore(name).getAll();
          get.onsuccess = () => {
            resolve(get.result as T[]);
            open.result.close();
          };
        };
      }),
    store,
  );
}
const queueOf = (page: Page) => stored<{ ticketCode: string; scannedAt: string; state: string }>(page, 'queue');

async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'id-ID',
    timezoneId: 'America/Los_Angeles',
  });
}

interface Door {
  staff: Person;
  eventId: string;
  title: string;
  otherTitle: string;
  confirmed: { name: string; code: string }[];
  waitlisted: string;
  cancelled: string;
  otherTraining: string;
}

async function makeDoor(): Promise<Door> {
  const staff = await staffPerson();
  const when = todayLater();
  const event = await training(staff.token, { ...when, capacity: 3 });
  const other = await training(staff.token, {
    ...when,
    title: `Etika Digital Sekolah ${Date.now().toString(36)}`,
    pillar: 'digital_ethics',
  });
  const people = await Promise.all(
    ['Ani Susanti', 'Bayu Pratama', 'Citra Dewi', 'Dodi Waitlist', 'Eka Batal', 'Fajar Lain'].map(async (n) =>
      withProfile(await signUp(n)),
    ),
  );
  const confirmed: { name: string; code: string }[] = [];
  for (const p of people.slice(0, 3))
    confirmed.push({ name: p.fullName, code: (await register(p, event.id)).ticketCode });
  const waitlisted = await register(people[3], event.id);
  expect(waitlisted.status).toBe('waitlisted');
  const cancelled = await register(people[4], event.id);
  await call('POST', `/registrations/${cancelled.id}/cancel`, undefined, staff.token);
  const elsewhere = await register(people[5], other.id);
  return {
    staff,
    eventId: event.id,
    title: event.title,
    otherTitle: other.title,
    confirmed,
    waitlisted: waitlisted.ticketCode,
    cancelled: cancelled.ticketCode,
    otherTraining: elsewhere.ticketCode,
  };
}

const spaced = (code: string) => `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`;

test(
  'decides offline, keeps the queue across a reload, ' +
    'sends it with the scan times, and two phones leave one check-in',
  async ({ page, context, browser }, testInfo) => {
    test.skip(
      testInfo.project.name !== 'phone',
      'the offline door is a phone flow; the desktop run would only repeat it',
    );
    test.setTimeout(120_000);
    const door = await makeDoor();
    const [ani, bayu] = door.confirmed;
    const path = `/staf/pelatihan/${door.eventId}/pindai`;

    await logIn(page, door.staff, path);
    await expect(page).toHaveURL(path);
    await expect(page.getByText(door.title)).toBeVisible();
    await expect(page.getByText('5 tiket tersimpan di perangkat', { exact: false })).toBeVisible();
    await scannerReadyOffline(page);

    // A second door phone opens the same list now, before anything is scanned.
    const other = await phoneContext(browser, testInfo.project.use.baseURL!);
    const phone2 = await other.newPage();
    await logIn(phone2, await staffPerson('Staf Pintu Dua'), path);
    await expect(phone2.getByText('5 tiket tersimpan di perangkat', { exact: false })).toBeVisible();

    await context.setOffline(true);
    await expect(page.getByText(/Anda sedang luring/)).toBeVisible();

    await scan(page, spaced(ani.code));
    await expect(answer(page)).toContainText('Silakan masuk');
    await expect(answer(page)).toContainText(ani.name);
    await expect(answer(page)).toContainText('Tersimpan di perangkat');
    await scan(page, bayu.code.toLowerCase());
    await expect(answer(page)).toContainText(bayu.name);
    await expect(answer(page)).toContainText('Tersimpan di perangkat');
    await scan(page, ani.code);
    await expect(answer(page)).toContainText('Sudah hadir');
    await expect(answer(page)).toContainText(`${ani.name} · tercatat pertama pukul`);
    await expect(page.getByText('2 belum terkirim')).toBeVisible();

    // The other refusals, all offline.
    await scan(page, door.waitlisted);
    await expect(answer(page)).toContainText('Masih di daftar tunggu');
    await scan(page, door.cancelled);
    await expect(answer(page)).toContainText('Pendaftaran dibatalkan');
    await scan(page, door.otherTraining);
    await expect(answer(page)).toContainText('Tiket pelatihan lain');
    await expect(answer(page)).toContainText(door.otherTitle);
    await scan(page, 'ZZZZ-ZZZZ-ZZ');
    await expect(answer(page)).toContainText('Tiket tidak dikenal');
    await scan(page, 'abc');
    await expect(answer(page)).toContainText('Kode tiket tidak sah');
    await expect(page.getByText(/Peserta tanpa tiket hanya bisa dicari/)).toBeVisible();
    await expectAccessible(page, 'pemindai (luring)');

    // From typed code to answer on the phone profile, offline, with the CPU slowed 4× like a low-end phone:
    // the page marks each answer (performance.measure from the submit to the answer in the DOM).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.evaluate(() => performance.clearMeasures('door-answer'));
      await scan(page, i % 2 ? ani.code : door.waitlisted);
      await expect.poll(() => page.evaluate(() => performance.getEntriesByName('door-answer').length)).toBe(1);
      timings.push(await page.evaluate(() => performance.getEntriesByName('door-answer')[0].duration));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    timings.sort((a, b) => a - b);
    process.stdout.write(
      `door: typed code → answer offline (phone profile, CPU 4× slower): ` +
        `median ${timings[5].toFixed(1)} ms, max ${timings[9].toFixed(1)} ms\n`,
    );
    // The target is 50 ms; the slowest of ten may meet a busy test machine, the median may not.
    expect(timings[5]).toBeLessThan(50);

    // A reload without network: the page, its chunks, the list and the queue are all on the phone.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Pemindai pintu' })).toBeVisible();
    await expect(page.getByText('2 belum terkirim')).toBeVisible();
    await scan(page, ani.code);
    await expect(answer(page)).toContainText('Sudah hadir');
    const queued = await queueOf(page);
    expect(queued.map((q) => [q.ticketCode, q.state]).sort()).toEqual(
      [
        [ani.code, 'queued'],
        [bayu.code, 'queued'],
      ].sort(),
    );
    const scannedAt = Object.fromEntries(queued.map((q) => [q.ticketCode, q.scannedAt]));

    // The second phone, still offline with the list it took before, scans Bayu after the first phone did.
    await other.setOffline(true);
    await page.waitForTimeout(1_100);
    await scan(phone2, bayu.code);
    await expect(answer(phone2)).toContainText('Silakan masuk');
    await expect(answer(phone2)).toContainText('Tersimpan di perangkat');

    await context.setOffline(false);
    await expect(page.getByText('Terkirim · semua 2 pindaian sudah terkirim')).toBeVisible();
    const attendance = async () =>
      (
        await call<{ data: { ticketCode: string; checkedInAt: string | null }[] }>(
          'GET',
          `/events/${door.eventId}/attendance?attended=true`,
          undefined,
          door.staff.token,
        )
      ).data;
    const sent = await attendance();
    expect(sent.map((r) => [r.ticketCode, new Date(r.checkedInAt!).toISOString()]).sort()).toEqual(
      [
        [ani.code, scannedAt[ani.code]],
        [bayu.code, scannedAt[bayu.code]],
      ].sort(),
    );

    // The second phone syncs later: still one check-in for Bayu, at the first phone's (earlier) scan time.
    await other.setOffline(false);
    await expect(phone2.getByText('Terkirim · semua 1 pindaian sudah terkirim')).toBeVisible();
    const after = await attendance();
    expect(after.filter((r) => r.ticketCode === bayu.code).map((r) => new Date(r.checkedInAt!).toISOString())).toEqual([
      scannedAt[bayu.code],
    ]);
    expect(after).toHaveLength(2);
    // Its list now has the server's first time.
    await scan(phone2, bayu.code);
    await expect(answer(phone2)).toContainText('Sudah hadir');
    await other.close();
  },
);

test('walk-ins: find a person or add one, and check them in online', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'one run is enough for the online walk-in form');
  const staff = await staffPerson();
  // Walk-ins take seats: a training with room for them.
  const event = await training(staff.token, { ...todayLater(), capacity: 30 });
  const door = { staff, eventId: event.id };
  const known = await call<{ id: string; fullName: string }>(
    'POST',
    '/participants',
    {
      fullName: `Gita Walkin ${Date.now().toString(36)}`,
      gender: 'female',
      birthDate: '1985-06-01',
      phone: '081234567001',
      kecamatanCode: '33.03.11',
      village: 'Bancar',
      occupation: 'farmer',
      consent: true,
    },
    door.staff.token,
    201,
  );
  await logIn(page, door.staff, `/staf/pelatihan/${door.eventId}/pindai`);
  await expect(page.getByText('0 tiket tersimpan di perangkat', { exact: false })).toBeVisible();

  await page.getByLabel('Cari peserta').fill(known.fullName);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByRole('button', { name: `Hadirkan ${known.fullName}` }).click();
  await expect(page.getByText(`${known.fullName} tercatat hadir.`)).toBeVisible();

  await page.getByRole('button', { name: 'Tambah peserta' }).click();
  const form = page.getByRole('form', { name: 'Tambah peserta' });
  await form.getByRole('button', { name: 'Simpan dan catat hadir' }).click();
  // Refused by the API (problem+json errors), each message next to its field.
  await expect(form.locator('#walkin-fullName-error')).toBeVisible();
  await expect(form.getByLabel('Nama lengkap')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Nama lengkap').fill('Hadi Datang Langsung');
  await form.getByLabel('Tanggal lahir').fill('1979-02-03');
  await form.getByLabel('Jenis kelamin').selectOption({ label: 'Laki-laki' });
  await form.getByLabel('Nomor HP').fill('081234567002');
  await form.getByLabel('Kecamatan').selectOption({ label: 'Bojongsari' });
  await form.getByLabel('Desa/Kelurahan').fill('Bojongsari');
  await form.getByLabel('Pekerjaan').selectOption({ label: 'Petani' });
  await form.getByLabel('Saya setuju').check();
  await form.getByRole('button', { name: 'Simpan dan catat hadir' }).click();
  await expect(page.getByText('Hadi Datang Langsung tercatat hadir.')).toBeVisible();
  await expectAccessible(page, 'pemindai (peserta tanpa tiket)');

  const rows = (
    await call<{ data: { fullName: string; source: string }[] }>(
      'GET',
      `/events/${door.eventId}/attendance?attended=true`,
      undefined,
      door.staff.token,
    )
  ).data;
  expect(rows.map((r) => [r.fullName, r.source]).sort()).toEqual(
    [
      [known.fullName, 'walk_in'],
      ['Hadi Datang Langsung', 'walk_in'],
    ].sort(),
  );
  // The walk-ins are in the door's list too (a refresh after each), so a second scan of their ticket says so.
  await expect(page.getByText('2 tiket tersimpan di perangkat', { exact: false })).toBeVisible();
  // (Other trainings of the same day, other tests' too, are kept beside it to recognise their tickets.)
  expect((await stored<{ eventId: string }>(page, 'tickets')).filter((t) => t.eventId === door.eventId)).toHaveLength(
    2,
  );

  // Logging out takes the participants' names and codes off the phone.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('link', { name: 'Masuk', exact: true })).toBeVisible();
  await expect
    .poll(async () => [(await stored(page, 'tickets')).length, (await stored(page, 'lists')).length])
    .toEqual([0, 0]);
});

/** A y4m video (what Chromium's fake camera plays) of one QR code on white, 4:2:0. */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = 10;
  const side = Math.ceil(((modules + 8) * scale) / 16) * 16;
  const width = side + 160;
  const height = side;
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  for (let y = 0; y < modules; y++) {
    for (let x = 0; x < modules; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++)
        luma.fill(
          16,
          (top + y * scale + dy) * width + left + x * scale,
          (top + y * scale + dy) * width + left + (x + 1) * scale,
        );
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'bm-qr-')), 'ticket.y4m');
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]),
  );
  return file;
}

test('the camera reads a ticket QR (Chromium fake camera playing a QR video)', async ({ baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'one camera run is enough');
  const door = await makeDoor();
  const [ani] = door.confirmed;
  const video = qrVideo(ani.code);
  const use = testInfo.project.use;
  const browser = await chromium.launch({
    ...use.launchOptions,
    args: [
      ...(use.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await phoneContext(browser, baseURL!);
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await logIn(page, door.staff, `/staf/pelatihan/${door.eventId}/pindai`);
    await expect(page.getByText('5 tiket tersimpan di perangkat', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Nyalakan kamera' }).click();
    await expect(page.getByRole('button', { name: 'Matikan kamera' })).toBeVisible();
    await expect(answer(page)).toContainText('Silakan masuk', { timeout: 15_000 });
    await expect(answer(page)).toContainText(ani.name);
    await expect(answer(page)).toContainText('Terkirim');
    // The same code in front of the camera is one answer, not a stream of "already checked in".
    await page.waitForTimeout(4_000);
    await expect(answer(page)).toContainText('Silakan masuk');
    await page.getByRole('button', { name: 'Matikan kamera' }).click();
    const rows = (
      await call<{ data: { ticketCode: string }[] }>(
        'GET',
        `/events/${door.eventId}/attendance?attended=true`,
        undefined,
        door.staff.token,
      )
    ).data;
    expect(rows.map((r) => r.ticketCode)).toEqual([ani.code]);
  } finally {
    await browser.close();
  }
});

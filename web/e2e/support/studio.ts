import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { call, PASSWORD, uniqueEmail } from './api.js';

/**
 * Studio test data through the public API: every test makes its own studio (so tests running in parallel
 * never compete for one slot unless they mean to), its own partners and its own staff.
 */
let adminToken: Promise<string> | undefined;
export const admin = () =>
  (adminToken ??= call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.WEB_E2E_ADMIN_EMAIL,
    password: process.env.WEB_E2E_ADMIN_PASSWORD,
  }).then((r) => r.accessToken));

export interface Account {
  email: string;
  password: string;
  token: string;
  userId: string;
}

async function account(role: 'staff' | 'partner', fullName: string, partnerId?: string): Promise<Account> {
  const email = uniqueEmail(role === 'staff' ? 'staf' : 'mitra');
  const user = await call<{ id: string }>(
    'POST',
    '/users',
    { email, password: PASSWORD, fullName, role, partnerId },
    await admin(),
  );
  const { accessToken } = await call<{ accessToken: string }>('POST', '/auth/login', { email, password: PASSWORD });
  return { email, password: PASSWORD, token: accessToken, userId: user.id };
}

export const staffAccount = () => account('staff', 'Petugas Media Center');

export interface PartnerAccount extends Account {
  partnerId: string;
  partnerName: string;
}

export async function partnerAccount(name = 'Mitra'): Promise<PartnerAccount> {
  const partnerName = `${name} ${randomUUID().slice(0, 6)}`;
  const partner = await call<{ id: string }>(
    'POST',
    '/partners',
    { name: partnerName, type: 'community' },
    await admin(),
  );
  return { ...(await account('partner', `Pengurus ${partnerName}`, partner.id)), partnerId: partner.id, partnerName };
}

export interface StudioSeed {
  id: string;
  name: string;
}

/** Open every day 08:00–12:00 and 13:00–16:00 (a lunch break), hour slots, 15 minutes apart, no notice needed. */
export async function studio(overrides: Record<string, unknown> = {}): Promise<StudioSeed> {
  const name = `Studio Uji ${randomUUID().slice(0, 8)}`;
  const openingHours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, opens: '08:00', closes: '12:00' },
    { weekday, opens: '13:00', closes: '16:00' },
  ]);
  const created = await call<{ id: string }>(
    'POST',
    '/studios',
    {
      name,
      openingHours,
      slotMinutes: 60,
      bufferMinutes: 15,
      minNoticeHours: 0,
      maxDurationMinutes: 180,
      maxAdvanceDays: 60,
      ...overrides,
    },
    await admin(),
  );
  return { id: created.id, name };
}

/** Today and other days in Asia/Jakarta, as YYYY-MM-DD. */
const jakartaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
export function dayAfter(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00+07:00`);
  d.setUTCDate(d.getUTCDate() + n);
  return jakartaDay(d);
}
/** Monday of next week in Jakarta: its days lie wholly ahead, whatever the hour the test runs. */
export function nextMonday(): string {
  const today = jakartaDay(new Date());
  const weekday = ((new Date(`${today}T12:00:00+07:00`).getUTCDay() + 6) % 7) + 1;
  return dayAfter(today, 8 - weekday);
}

/** `Rabu, 9 Desember 2026`, computed here independently of the app's formatter. */
export function longDay(day: string): string {
  return new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00+07:00`));
}

export async function book(
  partner: PartnerAccount,
  studioId: string,
  day: string,
  from: string,
  to: string,
  topic: string,
) {
  return call<{ id: string; status: string }>(
    'POST',
    '/bookings',
    {
      studioId,
      startsAt: `${day}T${from}:00+07:00`,
      endsAt: `${day}T${to}:00+07:00`,
      topic,
    },
    partner.token,
    201,
  );
}

/** Other tests' studios exist on the same server: pick this test's own. */
export async function openStudio(page: Page, path: '/mitra/studio' | '/staf/studio', s: StudioSeed) {
  if (!page.url().endsWith(path)) await page.goto(path);
  // The choice of studio is offered only when there is more than one (a test run alone sees one).
  await expect(
    page.getByRole('heading', { level: 2, name: path === '/mitra/studio' ? 'Jadwal kosong' : /^Menunggu keputusan/ }),
  ).toBeVisible();
  const choice = page.getByLabel('Studio', { exact: true });
  if ((await choice.count()) > 0) await choice.selectOption({ label: s.name });
  else await expect(page.getByText(s.name).first()).toBeAttached();
}

import { randomInt, randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/**
 * Test data made through the public HTTP API of the server under test: every test makes its own people
 * and trainings. The admin comes from the server's ADMIN_EMAIL/ADMIN_PASSWORD (playwright.config.ts).
 */
const base = () => `http://127.0.0.1:${process.env.WEB_E2E_PORT}/api/v1`;
export const PASSWORD = 'rahasia-peserta-123';

export async function call<T = any>(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  expected?: number,
): Promise<T> {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (expected ? res.status !== expected : !res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const uniqueEmail = (who: string) =>
  `${who}.${Date.now().toString(36)}.${randomUUID().slice(0, 8)}@uji.banggamacapat.id`;

let adminToken: Promise<string> | undefined;
const admin = () =>
  (adminToken ??= call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.WEB_E2E_ADMIN_EMAIL,
    password: process.env.WEB_E2E_ADMIN_PASSWORD,
  }).then((r) => r.accessToken));

/** A staff account made by the admin, signed in. */
export async function staff(): Promise<string> {
  return (await staffPerson()).token;
}

/** A staff account made by the admin, with what the login form needs. */
export async function staffPerson(fullName = 'Staf Dinkominfo'): Promise<Person> {
  const email = uniqueEmail('staf');
  await call('POST', '/users', { email, password: PASSWORD, fullName, role: 'staff' }, await admin());
  const token = (await call<{ accessToken: string }>('POST', '/auth/login', { email, password: PASSWORD })).accessToken;
  return { email, password: PASSWORD, fullName, token };
}

export interface Person {
  email: string;
  password: string;
  fullName: string;
  token: string;
}

export async function signUp(fullName = 'Siti Rahayu'): Promise<Person> {
  const email = uniqueEmail('peserta');
  const res = await call<{ accessToken: string }>('POST', '/auth/register', { email, password: PASSWORD, fullName });
  return { email, password: PASSWORD, fullName, token: res.accessToken };
}

let niks = 0;
/**
 * A well-formed NIK for the birth date (women: day + 40). Its serial is unique per test worker process
 * (Playwright numbers its workers, TEST_WORKER_INDEX) and per call, so two tests never claim one NIK:
 * a random serial with the same birth date collided in a CI run (409 nik_taken).
 */
export function nikFor(birthDate: string, gender: 'male' | 'female'): string {
  const [y, m, d] = birthDate.split('-');
  const day = String(Number(d) + (gender === 'female' ? 40 : 0)).padStart(2, '0');
  const serial = ((Number(process.env.TEST_WORKER_INDEX ?? 0) * 500 + niks++) % 9999) + 1;
  return `330301${day}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`;
}
export const phone = () => `0812${String(randomInt(10_000_000, 99_999_999))}`;

export async function withProfile(person: Person): Promise<Person> {
  await call(
    'PUT',
    '/me/participant',
    {
      fullName: person.fullName,
      nik: nikFor('1990-01-15', 'female'),
      gender: 'female',
      birthDate: '1990-01-15',
      phone: phone(),
      kecamatanCode: '33.03.11',
      village: 'Bancar',
      occupation: 'umkm',
      consent: true,
    },
    person.token,
  );
  return person;
}

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

export interface TrainingSeed {
  id: string;
  title: string;
}

export async function training(staffToken: string, overrides: Record<string, unknown> = {}): Promise<TrainingSeed> {
  const title = (overrides.title as string) ?? `Aman Bermedia Sosial ${randomUUID().slice(0, 6)}`;
  const created = await call<{ id: string }>(
    'POST',
    '/events',
    {
      description: 'Mengenali hoaks, menjaga data pribadi, dan bijak bermedia sosial.',
      pillar: 'digital_safety',
      format: 'offline',
      venue: 'Pendopo Dipokusumo',
      kecamatanCode: '33.03.11',
      startsAt: inHours(72),
      endsAt: inHours(75),
      capacity: 30,
      ...overrides,
      title,
    },
    staffToken,
  );
  await call('POST', `/events/${created.id}/publish`, undefined, staffToken);
  return { id: created.id, title };
}

export async function register(person: Person, eventId: string) {
  return call<{ id: string; ticketCode: string; status: string; waitlistPosition: number | null }>(
    'POST',
    `/events/${eventId}/registrations`,
    {},
    person.token,
    201,
  );
}

/** Logs in through the app's own form, as a person would. */
export async function logIn(page: Page, person: Pick<Person, 'email' | 'password'>, next?: string) {
  await page.goto(next ? `/masuk?next=${encodeURIComponent(next)}` : '/masuk');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Kata sandi').fill(person.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

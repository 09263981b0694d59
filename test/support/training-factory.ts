import { randomInt } from 'node:crypto';
import { nikFor } from './nik-serial.js';
import { API, type SignedIn, type TestApp } from './test-app.js';

/** Kept here too: the e2e suites import it with the other factories. */
export { nikFor };

let phoneSeq = randomInt(100000, 900000);
export const uniquePhone = () => `08122${String(++phoneSeq % 10_000_000).padStart(7, '0')}`;

/** A valid adult profile body; override any field. */
export function participantBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const birthDate = (overrides.birthDate as string | undefined) ?? '1990-01-15';
  const gender = (overrides.gender as 'male' | 'female' | undefined) ?? 'female';
  return {
    fullName: 'Siti Rahayu',
    nik: nikFor(birthDate, gender),
    gender,
    birthDate,
    phone: uniquePhone(),
    email: 'siti@contoh.id',
    kecamatanCode: '33.03.11',
    village: 'Bancar',
    occupation: 'umkm',
    consent: true,
    ...overrides,
  };
}

export async function createParticipant(t: TestApp, staff: SignedIn, overrides: Record<string, unknown> = {}) {
  const res = await t.http.post(`${API}/participants`).set(staff.auth).send(participantBody(overrides));
  if (res.status !== 201) throw new Error(`participant create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; [k: string]: unknown };
}

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Literasi Digital untuk UMKM Purbalingga',
    description: 'Pemasaran daring dan keamanan transaksi untuk pelaku UMKM.',
    pillar: 'digital_skills',
    format: 'offline',
    venue: 'Pendopo Dipokusumo',
    kecamatanCode: '33.03.11',
    startsAt: hours(48),
    endsAt: hours(51),
    capacity: 30,
    targetGroups: ['umkm'],
    ...overrides,
  };
}

export async function createEvent(
  t: TestApp,
  staff: SignedIn,
  overrides: Record<string, unknown> = {},
  publish = true,
) {
  const res = await t.http.post(`${API}/events`).set(staff.auth).send(eventBody(overrides));
  if (res.status !== 201) throw new Error(`event create failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (!publish) return res.body as { id: string; [k: string]: unknown };
  const pub = await t.http.post(`${API}/events/${res.body.id}/publish`).set(staff.auth);
  if (pub.status !== 200) throw new Error(`publish failed: ${pub.status} ${JSON.stringify(pub.body)}`);
  return pub.body as { id: string; [k: string]: unknown };
}

export async function register(t: TestApp, staff: SignedIn, eventId: string, participantId: string) {
  return t.http.post(`${API}/events/${eventId}/registrations`).set(staff.auth).send({ participantId });
}

export { hours };

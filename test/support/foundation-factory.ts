import { randomBytes } from 'node:crypto';
import { API, type SignedIn, type TestApp, TEST_PASSWORD, uniqueEmail } from './test-app.js';

/** A partner name no other test in the run uses. */
export const uniquePartnerName = (prefix = 'Komunitas Digital') => `${prefix} ${randomBytes(4).toString('hex')}`;

export interface CreatedPartner {
  id: string;
  name: string;
  [field: string]: unknown;
}

/** Creates a partner through the API as the given admin; fails the test on anything but 201. */
export async function createPartner(
  t: TestApp,
  admin: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<CreatedPartner> {
  const res = await t.http
    .post(`${API}/partners`)
    .set(admin.auth)
    .send({
      name: uniquePartnerName(),
      type: 'community',
      description: 'Relawan literasi digital Purbalingga',
      contactName: 'Slamet Riyadi',
      contactEmail: 'kontak@komunitas.example.id',
      contactPhone: '0812-2700-1234',
      website: 'https://komunitas.example.id',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`partner create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Registers a participant through the public route and returns its tokens. */
export async function registerParticipant(t: TestApp, overrides: Record<string, unknown> = {}) {
  const email = uniqueEmail('warga');
  const res = await t.http
    .post(`${API}/auth/register`)
    .send({ email, password: TEST_PASSWORD, fullName: 'Sri Wahyuni', ...overrides });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    email,
    user: res.body.user,
    accessToken: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Number of rows of a table, optionally filtered by one column. */
export async function countRows(t: TestApp, table: string, where?: [string, unknown]): Promise<number> {
  const [sql, params] = where
    ? [`SELECT COUNT(*) AS n FROM ${table} WHERE ${where[0]} = ?`, [where[1]]]
    : [`SELECT COUNT(*) AS n FROM ${table}`, []];
  return Number((await t.dataSource.query(sql, params))[0].n);
}

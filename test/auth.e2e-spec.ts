import { API, createTestApp, expectProblem, type TestApp, uniqueEmail } from './support/test-app.js';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a participant and returns tokens', async () => {
    const email = uniqueEmail('Warga');
    const res = await t.http.post(`${API}/auth/register`).send({ email, password: 'kata-sandi-8', fullName: 'Budi Santoso', phone: '0812-3456-7890' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: email.toLowerCase(), role: 'participant', partnerId: null, phone: '+6281234567890' });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.body.user.passwordHash).toBeUndefined();
  });
});

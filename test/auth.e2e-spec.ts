import { JwtService } from '@nestjs/jwt';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_JWT_SECRET } from '../src/config/app-config.js';
import { bearer, countRows, registerParticipant } from './support/foundation-factory.js';
import { API, createTestApp, expectProblem, type TestApp, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const register = (body: Record<string, unknown>) => t.http.post(`${API}/auth/register`).send(body);
  const login = (body: Record<string, unknown>) => t.http.post(`${API}/auth/login`).send(body);
  const refresh = (refreshToken: string) => t.http.post(`${API}/auth/refresh`).send({ refreshToken });

  describe('POST /auth/register', () => {
    it('registers a participant and returns tokens', async () => {
      const email = uniqueEmail('Warga');
      const res = await register({
        email,
        password: 'kata-sandi-8',
        fullName: 'Budi Santoso',
        phone: '0812-3456-7890',
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        email: email.toLowerCase(),
        role: 'participant',
        partnerId: null,
        phone: '+6281234567890',
      });
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.refreshToken).toEqual(expect.any(String));
      expect(res.body.user.passwordHash).toBeUndefined();
      const me = await t.http.get(`${API}/auth/me`).set(bearer(res.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(res.body.user.id);
    });

    it.each([
      ['628123456789'.concat('0'), '+6281234567890'],
      ['+62 812 3456 7890', '+6281234567890'],
    ])('normalises the phone %s to E.164', async (phone, expected) => {
      const res = await register({ email: uniqueEmail('hp'), password: TEST_PASSWORD, fullName: 'Tri Utami', phone });
      expect(res.status).toBe(201);
      expect(res.body.user.phone).toBe(expected);
    });

    it('ignores a role in the body: refuses it as an unknown field', async () => {
      const email = uniqueEmail('naik');
      const res = await register({ email, password: TEST_PASSWORD, fullName: 'Coba Admin', role: 'admin' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
      expect(await countRows(t, 'users', ['email', email])).toBe(0);
    });

    it('refuses a taken email with 409, also in different letter case', async () => {
      const email = uniqueEmail('kembar');
      expect((await register({ email, password: TEST_PASSWORD, fullName: 'Pertama' })).status).toBe(201);
      expectProblem(await register({ email, password: TEST_PASSWORD, fullName: 'Kedua' }), 409, 'email_taken');
      const upper = await register({ email: email.toUpperCase(), password: TEST_PASSWORD, fullName: 'Ketiga' });
      expectProblem(upper, 409, 'email_taken');
      expect(await countRows(t, 'users', ['email', email.toLowerCase()])).toBe(1);
    });

    it('refuses a password under 8 characters, naming the field', async () => {
      const email = uniqueEmail('pendek');
      const res = await register({ email, password: '1234567', fullName: 'Sandi Pendek' });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password', message: expect.any(String) })]),
      );
      expect(await countRows(t, 'users', ['email', email])).toBe(0);
    });

    it('accepts a password of exactly 8 characters', async () => {
      expect(
        (await register({ email: uniqueEmail('pas'), password: '12345678', fullName: 'Pas Delapan' })).status,
      ).toBe(201);
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const res = await register({
        email: uniqueEmail('lebih'),
        password: TEST_PASSWORD,
        fullName: 'Lebih',
        nickname: 'x',
      });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'nickname', message: 'unknown field' }]);
    });

    it.each(['12345', '+14155552671', 'bukan nomor'])('refuses the invalid phone %s with 400', async (phone) => {
      const email = uniqueEmail('hpsalah');
      const res = await register({ email, password: TEST_PASSWORD, fullName: 'Nomor Salah', phone });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'phone' })]));
      expect(await countRows(t, 'users', ['email', email])).toBe(0);
    });

    it('refuses missing and ill-typed fields, naming each', async () => {
      const res = await register({ email: 'bukan-email', password: 12345678 });
      expectProblem(res, 400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'fullName']));
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with the user and a token pair; email is case-insensitive', async () => {
      const { email, user } = await registerParticipant(t);
      const res = await login({ email: email.toUpperCase(), password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: user.id, email, role: 'participant' });
      expect(res.body.user.passwordHash).toBeUndefined();
      expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const { email } = await registerParticipant(t);
      const wrong = await login({ email, password: 'salah-sandi-123' });
      const unknown = await login({ email: uniqueEmail('tidakada'), password: TEST_PASSWORD });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body).toEqual(unknown.body);
    });

    it.each([
      ['no body', {}],
      ['no password', { email: 'a@b.id' }],
      ['no email', { password: TEST_PASSWORD }],
      ['a numeric password', { email: 'a@b.id', password: 12345678 }],
      ['an object as email', { email: { $gt: '' }, password: TEST_PASSWORD }],
      ['an unknown field', { email: 'a@b.id', password: TEST_PASSWORD, remember: true }],
    ])('refuses %s with 400', async (_label, body) => {
      const res = await login(body);
      expectProblem(res, 400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it(
      'answers 401 to a 254-character email of "İ", ' +
        'recording the failure (its lower case outgrew the column: 500 on MySQL)',
      async () => {
        const email = 'İ'.repeat(254);
        expectProblem(await login({ email, password: 'salah-sandi-123' }), 401);
        expect(await countRows(t, 'login_failures', ['email', 'i'.repeat(254)])).toBe(1);
      },
    );

    it(
      'refuses a password object with a constructor member ' +
        'with 400 (class-transformer tried to construct it: 500)',
      async () => {
        const res = await t.http
          .post(`${API}/auth/login`)
          .set('Content-Type', 'application/json')
          .send('{"email":"a@b.id","password":{"constructor":{"prototype":{"x":1}}}}');
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'password.constructor', message: 'unknown field' }]);
      },
    );
  });

  describe('POST /auth/refresh', () => {
    it('rotates: a new pair, the old refresh token is spent, and its reuse revokes the whole family', async () => {
      const { refreshToken: first } = await registerParticipant(t);
      const r1 = await refresh(first);
      expect(r1.status).toBe(200);
      expect(r1.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: expect.any(Object),
      });
      expect(r1.body.refreshToken).not.toBe(first);
      const me = await t.http.get(`${API}/auth/me`).set(bearer(r1.body.accessToken));
      expect(me.status).toBe(200);

      const r2 = await refresh(r1.body.refreshToken);
      expect(r2.status).toBe(200);
      const newest = r2.body.refreshToken as string;

      expectProblem(await refresh(first), 401, 'token_reused');
      // The thief's replay burned the family: even the newest token is dead now.
      expectProblem(await refresh(newest), 401, 'token_revoked');
      expectProblem(await refresh(r1.body.refreshToken), 401);
    });

    it('lets only one of two simultaneous uses of one refresh token through', async () => {
      const { refreshToken } = await registerParticipant(t);
      const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      const rows = await t.dataSource.query(
        'SELECT COUNT(*) AS n FROM refresh_tokens WHERE revoked_at IS NULL ' +
          'AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)',
        [createHash('sha256').update(refreshToken).digest('hex')],
      );
      // The loser is treated as a replay: the family is revoked, the winner's new token included.
      expect(Number(rows[0].n)).toBe(0);
    });

    it('leaves other logins (other families) of the same user alone', async () => {
      const { email, refreshToken: a } = await registerParticipant(t);
      const other = await login({ email, password: TEST_PASSWORD });
      expect((await refresh(a)).status).toBe(200);
      expectProblem(await refresh(a), 401);
      expect((await refresh(other.body.refreshToken)).status).toBe(200);
    });

    it('refuses an unknown token with 401 and a malformed body with 400', async () => {
      expectProblem(await refresh('x'.repeat(43)), 401, 'token_invalid');
      expectProblem(await t.http.post(`${API}/auth/refresh`).send({}), 400);
      expectProblem(await t.http.post(`${API}/auth/refresh`).send({ refreshToken: 42 }), 400);
    });
  });

  describe('POST /auth/logout', () => {
    it('answers 204 and the refresh token stops working', async () => {
      const { accessToken, refreshToken } = await registerParticipant(t);
      const res = await t.http.post(`${API}/auth/logout`).set(bearer(accessToken)).send({ refreshToken });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectProblem(await refresh(refreshToken), 401);
    });

    it('needs a bearer token (401) and then changes nothing', async () => {
      const { refreshToken } = await registerParticipant(t);
      expectProblem(await t.http.post(`${API}/auth/logout`).send({ refreshToken }), 401);
      expect((await refresh(refreshToken)).status).toBe(200);
    });

    it("cannot end another user's login", async () => {
      const victim = await registerParticipant(t);
      const other = await registerParticipant(t);
      const res = await t.http
        .post(`${API}/auth/logout`)
        .set(bearer(other.accessToken))
        .send({ refreshToken: victim.refreshToken });
      expect(res.status).toBe(204);
      expect((await refresh(victim.refreshToken)).status).toBe(200);
    });
  });

  describe('GET /auth/me', () => {
    it('answers the signed-in user', async () => {
      const { user, accessToken, email } = await registerParticipant(t, { fullName: 'Rina Kartika' });
      const res = await t.http.get(`${API}/auth/me`).set(bearer(accessToken));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.id,
        email,
        fullName: 'Rina Kartika',
        role: 'participant',
        partnerId: null,
      });
      expect(res.body.passwordHash).toBeUndefined();
    });

    it('answers a staff user with its role', async () => {
      const staff = await t.signIn('staff');
      const res = await t.http.get(`${API}/auth/me`).set(staff.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: staff.id, role: 'staff', partnerId: null });
    });

    it('refuses no token, a garbage token, a foreign signature, an expired token and alg none with 401', async () => {
      const { user } = await registerParticipant(t);
      const foreign = new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' }).sign({
        sub: user.id,
        role: 'admin',
      });
      const expired = new JwtService({ secret: DEV_JWT_SECRET }).sign({
        sub: user.id,
        role: 'participant',
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, role: 'admin' })}.`;
      expectProblem(await t.http.get(`${API}/auth/me`), 401);
      for (const token of ['garbage', 'a.b.c', foreign, expired, unsigned]) {
        expectProblem(await t.http.get(`${API}/auth/me`).set(bearer(token)), 401);
      }
      expectProblem(await t.http.get(`${API}/auth/me`).set('Authorization', 'Basic dXNlcjpwYXNz'), 401);
    });

    it('refuses a token that was accepted while valid once its exp has passed', async () => {
      const { user } = await registerParticipant(t);
      // Whole seconds, as JWTs count: valid for the rest of this second and the whole next one.
      const exp = Math.floor(Date.now() / 1000) + 2;
      const token = new JwtService({ secret: DEV_JWT_SECRET }).sign({ sub: user.id, role: 'participant', exp });
      expect((await t.http.get(`${API}/auth/me`).set(bearer(token))).status).toBe(200);
      expect((await t.http.get(`${API}/auth/me`).set(bearer(token))).status).toBe(200);
      await sleep(exp * 1000 - Date.now() + 50);
      expectProblem(await t.http.get(`${API}/auth/me`).set(bearer(token)), 401);
    });

    it('refuses a validly signed token for a user that does not exist', async () => {
      const token = new JwtService({ secret: DEV_JWT_SECRET }).sign(
        { sub: '00000000-0000-4000-8000-000000000000', role: 'admin' },
        { expiresIn: 60 },
      );
      expectProblem(await t.http.get(`${API}/auth/me`).set(bearer(token)), 401);
    });
  });

  describe('a deactivated user', () => {
    it('is refused at once: its access token, login and refresh all give 401', async () => {
      const admin = await t.signIn('admin');
      const victim = await registerParticipant(t);
      expect((await t.http.get(`${API}/auth/me`).set(bearer(victim.accessToken))).status).toBe(200);

      const off = await t.http.patch(`${API}/users/${victim.user.id}`).set(admin.auth).send({ isActive: false });
      expect(off.status).toBe(200);
      expect(off.body.isActive).toBe(false);

      expectProblem(await t.http.get(`${API}/auth/me`).set(bearer(victim.accessToken)), 401);
      const refused = await login({ email: victim.email, password: TEST_PASSWORD });
      expectProblem(refused, 401);
      // Same answer as a wrong password: the state of the account is not revealed.
      expect(refused.body).toEqual((await login({ email: victim.email, password: 'salah-sandi-123' })).body);
      expectProblem(await refresh(victim.refreshToken), 401);

      // Reactivated, the password works again; the old refresh token stays dead.
      expect(
        (await t.http.patch(`${API}/users/${victim.user.id}`).set(admin.auth).send({ isActive: true })).status,
      ).toBe(200);
      expect((await login({ email: victim.email, password: TEST_PASSWORD })).status).toBe(200);
      expectProblem(await refresh(victim.refreshToken), 401);
    });

    it('a role change applies to the existing token at the next request', async () => {
      const admin = await t.signIn('admin');
      const staff = await t.signIn('staff');
      expect((await t.http.get(`${API}/audit-logs`).set(staff.auth)).status).toBe(403);
      expect((await t.http.patch(`${API}/users/${staff.id}`).set(admin.auth).send({ role: 'admin' })).status).toBe(200);
      expect((await t.http.get(`${API}/audit-logs`).set(staff.auth)).status).toBe(200);
    });
  });
});

describe('login rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(async () => {
    await t.close();
  });
  const login = (email: string, password: string) => t.http.post(`${API}/auth/login`).send({ email, password });

  it('after three failures even the right password is refused with 429 and Retry-After', async () => {
    const { email } = await registerParticipant(t);
    for (let i = 0; i < 3; i++) expectProblem(await login(email, 'salah-sandi-123'), 401, 'invalid_credentials');
    const res = await login(email, TEST_PASSWORD);
    expectProblem(res, 429, 'login_locked');
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account from the same client is not locked out.
    const other = await registerParticipant(t);
    expect((await login(other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('counts failures for unknown emails too, case-insensitively', async () => {
    const email = uniqueEmail('hantu');
    expectProblem(await login(email, 'x-salah-123'), 401);
    expectProblem(await login(email.toUpperCase(), 'x-salah-123'), 401);
    expectProblem(await login(email, 'x-salah-123'), 401);
    expectProblem(await login(email.toUpperCase(), 'x-salah-123'), 429);
  });

  it('successful logins do not count', async () => {
    const { email } = await registerParticipant(t);
    for (let i = 0; i < 2; i++) expectProblem(await login(email, 'salah-sandi-123'), 401);
    for (let i = 0; i < 3; i++) expect((await login(email, TEST_PASSWORD)).status).toBe(200);
    expectProblem(await login(email, 'salah-sandi-123'), 401);
    expectProblem(await login(email, TEST_PASSWORD), 429);
  });
});

describe('register rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REGISTER_RATE_LIMIT: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the third registration from one client within the hour is 429 problem+json and creates nothing', async () => {
    const send = (email: string) =>
      t.http.post(`${API}/auth/register`).send({ email, password: TEST_PASSWORD, fullName: 'Warga Baru' });
    expect((await send(uniqueEmail('satu'))).status).toBe(201);
    expect((await send(uniqueEmail('dua'))).status).toBe(201);
    const third = uniqueEmail('tiga');
    const res = await send(third);
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countRows(t, 'users', ['email', third])).toBe(0);
    // Login is not throttled by the registration limit.
    const signedIn = await t.signIn('participant');
    expect(signedIn.token).toEqual(expect.any(String));
  });
});

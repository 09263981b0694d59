import { randomUUID } from 'node:crypto';
import { countRows, createPartner } from './support/foundation-factory.js';
import {
  API,
  createTestApp,
  expectProblem,
  type SignedIn,
  type TestApp,
  TEST_PASSWORD,
  uniqueEmail,
} from './support/test-app.js';
import { bootWithPersonas } from './support/personas.js';

describe('users (e2e)', () => {
  let t: TestApp, admin: SignedIn;
  beforeAll(async () => ({ t, admin } = await bootWithPersonas(['admin'])));
  afterAll(() => t.close());

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: uniqueEmail('pengguna'),
    password: TEST_PASSWORD,
    fullName: 'Dewi Lestari',
    role: 'staff',
    ...overrides,
  });

  describe('POST /users', () => {
    it('lets an admin create a user (201) who can then log in', async () => {
      const body = newUser();
      const res = await t.http
        .post(`${API}/users`)
        .set(admin.auth)
        .send({ ...body, email: body.email.toUpperCase() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        email: body.email,
        fullName: 'Dewi Lestari',
        role: 'staff',
        partnerId: null,
        isActive: true,
      });
      expect(res.body.passwordHash).toBeUndefined();
      expect(res.body.password).toBeUndefined();
      const login = await t.http.post(`${API}/auth/login`).send({ email: body.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user.role).toBe('staff');
    });

    it.each(['staff', 'partner', 'participant'] as const)('refuses a %s with 403 and creates nothing', async (role) => {
      const extra = role === 'partner' ? { partnerId: (await createPartner(t, admin)).id } : {};
      const caller = await t.signIn(role, extra);
      const body = newUser({ role: 'admin' });
      expectProblem(await t.http.post(`${API}/users`).set(caller.auth).send(body), 403);
      expect(await countRows(t, 'users', ['email', body.email])).toBe(0);
    });

    it('refuses an anonymous caller with 401', async () => {
      const body = newUser();
      expectProblem(await t.http.post(`${API}/users`).send(body), 401);
      expect(await countRows(t, 'users', ['email', body.email])).toBe(0);
    });

    it('needs a partnerId for role partner (400 naming it)', async () => {
      const body = newUser({ role: 'partner' });
      const res = await t.http.post(`${API}/users`).set(admin.auth).send(body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'partnerId' })]);
      expect(await countRows(t, 'users', ['email', body.email])).toBe(0);
    });

    it('refuses an unknown or malformed partnerId with 400', async () => {
      const unknown = newUser({ role: 'partner', partnerId: randomUUID() });
      const res = await t.http.post(`${API}/users`).set(admin.auth).send(unknown);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'partnerId' })]);
      const bad = await t.http
        .post(`${API}/users`)
        .set(admin.auth)
        .send(newUser({ role: 'partner', partnerId: 'mitra-1' }));
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'partnerId' })]));
      expect(await countRows(t, 'users', ['email', unknown.email])).toBe(0);
    });

    it('refuses a partnerId on a non-partner role with 400', async () => {
      const partner = await createPartner(t, admin);
      expectProblem(
        await t.http
          .post(`${API}/users`)
          .set(admin.auth)
          .send(newUser({ role: 'staff', partnerId: partner.id })),
        400,
      );
    });

    it('creates a partner user bound to a real partner (201)', async () => {
      const partner = await createPartner(t, admin);
      const body = newUser({ role: 'partner', partnerId: partner.id });
      const res = await t.http.post(`${API}/users`).set(admin.auth).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ role: 'partner', partnerId: partner.id });
      const login = await t.http.post(`${API}/auth/login`).send({ email: body.email, password: TEST_PASSWORD });
      const me = await t.http.get(`${API}/auth/me`).set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.body).toMatchObject({ role: 'partner', partnerId: partner.id });
    });

    it('refuses a duplicate email with 409, whatever its case', async () => {
      const body = newUser();
      expect((await t.http.post(`${API}/users`).set(admin.auth).send(body)).status).toBe(201);
      expectProblem(
        await t.http
          .post(`${API}/users`)
          .set(admin.auth)
          .send({ ...body, fullName: 'Lain' }),
        409,
      );
      expectProblem(
        await t.http
          .post(`${API}/users`)
          .set(admin.auth)
          .send({ ...body, email: body.email.toUpperCase() }),
        409,
      );
      expect(await countRows(t, 'users', ['email', body.email])).toBe(1);
    });

    it.each([
      ['an unknown role', { role: 'superadmin' }, 'role'],
      ['a short password', { password: 'pendek' }, 'password'],
      ['a bad email', { email: 'bukan-email' }, 'email'],
      ['an empty name', { fullName: '' }, 'fullName'],
      ['an unknown field', { isActive: false }, 'isActive'],
    ])('refuses %s with 400 naming the field', async (_label, overrides, field) => {
      const res = await t.http.post(`${API}/users`).set(admin.auth).send(newUser(overrides));
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe('GET /users/:id', () => {
    it('shows one user to an admin; 404 unknown; 400 non-uuid; 403 others', async () => {
      const staff = await t.signIn('staff');
      const res = await t.http.get(`${API}/users/${staff.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: staff.id, role: 'staff' });
      expectProblem(await t.http.get(`${API}/users/${randomUUID()}`).set(admin.auth), 404);
      expectProblem(await t.http.get(`${API}/users/123`).set(admin.auth), 400);
      expectProblem(await t.http.get(`${API}/users/${staff.id}`).set(staff.auth), 403);
    });
  });

  describe('PATCH /users/:id', () => {
    it('changes fullName, role and isActive', async () => {
      const user = await t.signIn('participant');
      const res = await t.http
        .patch(`${API}/users/${user.id}`)
        .set(admin.auth)
        .send({ fullName: '  Agus Salim  ', role: 'staff' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, fullName: 'Agus Salim', role: 'staff', isActive: true });
      const off = await t.http.patch(`${API}/users/${user.id}`).set(admin.auth).send({ isActive: false });
      expect(off.status).toBe(200);
      expect(off.body.isActive).toBe(false);
      const read = await t.http.get(`${API}/users/${user.id}`).set(admin.auth);
      expect(read.body).toMatchObject({ fullName: 'Agus Salim', role: 'staff', isActive: false });
    });

    it('turns a user into a partner user only with a real partnerId', async () => {
      const user = await t.signIn('participant');
      expectProblem(await t.http.patch(`${API}/users/${user.id}`).set(admin.auth).send({ role: 'partner' }), 400);
      expectProblem(
        await t.http
          .patch(`${API}/users/${user.id}`)
          .set(admin.auth)
          .send({ role: 'partner', partnerId: randomUUID() }),
        400,
      );
      expect((await t.http.get(`${API}/users/${user.id}`).set(admin.auth)).body.role).toBe('participant');
      const partner = await createPartner(t, admin);
      const ok = await t.http
        .patch(`${API}/users/${user.id}`)
        .set(admin.auth)
        .send({ role: 'partner', partnerId: partner.id });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ role: 'partner', partnerId: partner.id });
      const back = await t.http.patch(`${API}/users/${user.id}`).set(admin.auth).send({ role: 'staff' });
      expect(back.body).toMatchObject({ role: 'staff', partnerId: null });
    });

    it('does not let an admin deactivate or demote itself (409), and changes nothing', async () => {
      const self = await t.signIn('admin');
      expectProblem(await t.http.patch(`${API}/users/${self.id}`).set(self.auth).send({ isActive: false }), 409);
      expectProblem(await t.http.patch(`${API}/users/${self.id}`).set(self.auth).send({ role: 'staff' }), 409);
      const me = await t.http.get(`${API}/auth/me`).set(self.auth);
      expect(me.status).toBe(200);
      expect(me.body.role).toBe('admin');
      const rename = await t.http.patch(`${API}/users/${self.id}`).set(self.auth).send({ fullName: 'Admin Baru' });
      expect(rename.status).toBe(200);
    });

    it('answers 404 for an unknown id and 400 for a non-uuid id', async () => {
      expectProblem(await t.http.patch(`${API}/users/${randomUUID()}`).set(admin.auth).send({ fullName: 'X' }), 404);
      const res = await t.http.patch(`${API}/users/bukan-uuid`).set(admin.auth).send({ fullName: 'X' });
      expectProblem(res, 400);
    });

    it.each([
      ['an unknown role', { role: 'root' }],
      ['a string isActive', { isActive: 'false' }],
      ['an empty name', { fullName: '' }],
      ['an unknown field', { email: 'baru@uji.id' }],
      ['a password', { password: 'rahasia-baru-123' }],
    ])('refuses %s with 400', async (_label, body) => {
      const user = await t.signIn('participant');
      expectProblem(await t.http.patch(`${API}/users/${user.id}`).set(admin.auth).send(body), 400);
      const read = await t.http.get(`${API}/users/${user.id}`).set(admin.auth);
      expect(read.body).toMatchObject({ role: 'participant', isActive: true, fullName: 'Uji participant' });
    });

    it('refuses null for isActive, fullName or role with 400, changing nothing (null isActive was a 500)', async () => {
      const user = await t.signIn('staff');
      for (const field of ['isActive', 'fullName', 'role']) {
        const res = await t.http
          .patch(`${API}/users/${user.id}`)
          .set(admin.auth)
          .send({ [field]: null });
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field, message: `${field} may not be null` }]);
      }
      expect((await t.http.get(`${API}/users/${user.id}`).set(admin.auth)).body).toMatchObject({
        isActive: true,
        fullName: 'Uji staff',
        role: 'staff',
      });
    });

    it('is for admins only', async () => {
      const staff = await t.signIn('staff');
      const target = await t.signIn('participant');
      expectProblem(await t.http.patch(`${API}/users/${target.id}`).set(staff.auth).send({ role: 'admin' }), 403);
      expectProblem(await t.http.patch(`${API}/users/${staff.id}`).set(staff.auth).send({ role: 'admin' }), 403);
      expectProblem(await t.http.patch(`${API}/users/${target.id}`).send({ role: 'admin' }), 401);
      expect((await t.http.get(`${API}/users/${target.id}`).set(admin.auth)).body.role).toBe('participant');
      expect((await t.http.get(`${API}/users/${staff.id}`).set(admin.auth)).body.role).toBe('staff');
    });
  });
});

// Its own app after the first one closed: Passport strategies are process-wide, so two live apps in one
// process would share the last one's.
describe('GET /users (e2e)', () => {
  let local: TestApp;
  let localAdmin: SignedIn;
  beforeAll(async () => {
    // Its own database, so totals are exact.
    local = await createTestApp();
    localAdmin = await local.signIn('admin');
    for (let i = 0; i < 3; i++) await local.signIn('staff');
    for (let i = 0; i < 2; i++) await local.signIn('participant');
  });
  afterAll(async () => {
    await local.close();
  });

  it('lists every user paginated for an admin', async () => {
    const res = await local.http.get(`${API}/users?page=1&limit=4`).set(localAdmin.auth);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ page: 1, limit: 4, total: 6 });
    expect(res.body.data).toHaveLength(4);
    const second = await local.http.get(`${API}/users?page=2&limit=4`).set(localAdmin.auth);
    expect(second.body.meta).toEqual({ page: 2, limit: 4, total: 6 });
    expect(second.body.data).toHaveLength(2);
    const ids = [...res.body.data, ...second.body.data].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(6);
    for (const u of [...res.body.data, ...second.body.data]) expect(u.passwordHash).toBeUndefined();
  });

  it('defaults to page 1, limit 20', async () => {
    const res = await local.http.get(`${API}/users`).set(localAdmin.auth);
    expect(res.body.meta).toEqual({ page: 1, limit: 20, total: 6 });
  });

  it('filters by role', async () => {
    const res = await local.http.get(`${API}/users?role=staff`).set(localAdmin.auth);
    expect(res.status).toBe(200);
    expect(res.body.meta.total).toBe(3);
    expect(res.body.data.map((u: { role: string }) => u.role)).toEqual(['staff', 'staff', 'staff']);
    const admins = await local.http.get(`${API}/users?role=admin`).set(localAdmin.auth);
    expect(admins.body.data.map((u: { id: string }) => u.id)).toEqual([localAdmin.id]);
  });

  it('finds users by part of the name or email in any case (q), with the role filter and paging', async () => {
    const tag = `cari${Date.now().toString(36)}`;
    const a = await local.http
      .post(`${API}/users`)
      .set(localAdmin.auth)
      .send({
        email: `${tag}.a@uji.banggamacapat.id`,
        password: TEST_PASSWORD,
        fullName: 'Ratna Ayu Lestari',
        role: 'staff',
      });
    const b = await local.http
      .post(`${API}/users`)
      .set(localAdmin.auth)
      .send({
        email: `${tag}.b@uji.banggamacapat.id`,
        password: TEST_PASSWORD,
        fullName: 'Bayu Ratnadi',
        role: 'participant',
      });
    expect([a.status, b.status]).toEqual([201, 201]);
    const byEmail = await local.http.get(`${API}/users`).query({ q: tag.toUpperCase() }).set(localAdmin.auth);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.meta.total).toBe(2);
    // Rows made within one second tie on createdAt (SQLite keeps seconds): compare as sets.
    const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((u) => u.id).sort();
    const both = [a.body.id, b.body.id].sort();
    expect(ids(byEmail)).toEqual(both);
    const byName = await local.http.get(`${API}/users`).query({ q: '  rATNA ' }).set(localAdmin.auth);
    expect(ids(byName)).toEqual(both);
    const staffOnly = await local.http.get(`${API}/users`).query({ q: 'ratna', role: 'staff' }).set(localAdmin.auth);
    expect(staffOnly.body.data.map((u: { id: string }) => u.id)).toEqual([a.body.id]);
    const first = await local.http.get(`${API}/users`).query({ q: tag, limit: 1, page: 1 }).set(localAdmin.auth);
    const paged = await local.http.get(`${API}/users`).query({ q: tag, limit: 1, page: 2 }).set(localAdmin.auth);
    expect(paged.body.meta).toEqual({ page: 2, limit: 1, total: 2 });
    expect([...ids(first), ...ids(paged)].sort()).toEqual(both);
    // LIKE wildcards are literal characters of the search, not patterns.
    for (const q of ['%', '_', 'ratna%lestari']) {
      const res = await local.http.get(`${API}/users`).query({ q }).set(localAdmin.auth);
      expect(res.status).toBe(200);
      expect(res.body.meta.total).toBe(0);
    }
    const blank = await local.http.get(`${API}/users`).query({ q: '   ' }).set(localAdmin.auth);
    expect(blank.body.meta.total).toBe(8);
    expectProblem(
      await local.http
        .get(`${API}/users`)
        .query({ q: 'x'.repeat(101) })
        .set(localAdmin.auth),
      400,
    );
    expectProblem(await local.http.get(`${API}/users`).query({ q: tag }), 401);
    for (const role of ['staff', 'participant'] as const) {
      const caller = await local.signIn(role);
      expectProblem(await local.http.get(`${API}/users`).query({ q: tag }).set(caller.auth), 403);
    }
  });

  it.each(['limit=101', 'limit=0', 'page=0', 'page=abc', 'role=root', 'sort=email'])(
    'refuses ?%s with 400',
    async (qs) => {
      expectProblem(await local.http.get(`${API}/users?${qs}`).set(localAdmin.auth), 400);
    },
  );

  it('accepts limit=100', async () => {
    expect((await local.http.get(`${API}/users?limit=100`).set(localAdmin.auth)).status).toBe(200);
  });

  it('is for admins only', async () => {
    expectProblem(await local.http.get(`${API}/users`), 401);
    for (const role of ['staff', 'participant'] as const) {
      const caller = await local.signIn(role);
      expectProblem(await local.http.get(`${API}/users`).set(caller.auth), 403);
    }
  });
});

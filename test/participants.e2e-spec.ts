import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, nikFor, participantBody, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';

describe('participants (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, partner: SignedIn;
  beforeAll(async () => ({ t, staff, admin, partner } = await bootWithPersonas(['staff', 'admin', 'partner'])));
  afterAll(() => t.close());

  const count = async () => (await t.dataSource.query('SELECT COUNT(*) AS n FROM participants'))[0].n * 1;

  describe('PUT/GET /me/participant', () => {
    it('creates then replaces the own profile, returning only the masked NIK and an E.164 phone', async () => {
      const me = await t.signIn('participant');
      await expectProblem(await t.http.get(`${API}/me/participant`).set(me.auth), 404);
      const body = participantBody({ phone: '0812-2700-5555', nik: undefined });
      const nik = nikFor('1990-01-15', 'female');
      const res = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send({ ...body, nik: nik.replace(/(\d{4})/g, '$1 ').trim() });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        userId: me.id,
        phone: '+6281227005555',
        nikMasked: `${nik.slice(0, 6)}**********`,
        consentPolicyVersion: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain(nik);
      const again = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send({ ...body, fullName: 'Siti Rahayu Putri', nik });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(res.body.id);
      const got = await t.http.get(`${API}/me/participant`).set(me.auth);
      expect(got.body).toMatchObject({ id: res.body.id, fullName: 'Siti Rahayu Putri' });
      const [row] = await t.dataSource.query('SELECT nik_encrypted, nik_hash FROM participants WHERE id = ?', [
        res.body.id,
      ]);
      expect(row.nik_encrypted).not.toContain(nik);
      expect(row.nik_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses staff (403), no token (401), and bad input (400) without writing', async () => {
      const before = await count();
      await expectProblem(await t.http.put(`${API}/me/participant`).set(staff.auth).send(participantBody()), 403);
      await expectProblem(await t.http.put(`${API}/me/participant`).send(participantBody()), 401);
      const me = await t.signIn('participant');
      const bad = async (over: Record<string, unknown>, field: string) => {
        const res = await t.http.put(`${API}/me/participant`).set(me.auth).send(participantBody(over));
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      };
      await bad({ consent: false }, 'consent');
      await bad({ consent: undefined }, 'consent');
      await bad({ phone: '12345' }, 'phone');
      await bad({ nik: '1234' }, 'nik');
      await bad({ nik: nikFor('1990-01-15', 'male'), gender: 'female' }, 'nik');
      await bad({ nik: '9903014101900001' }, 'nik');
      await bad({ kecamatanCode: '33.03.99' }, 'kecamatanCode');
      await bad({ occupation: 'astronaut' }, 'occupation');
      await bad({ unknownField: 1 }, 'unknownField');
      expect(await count()).toBe(before);
    });

    it('asks a minor for a guardian and consent', async () => {
      const me = await t.signIn('participant');
      const birthDate = `${new Date().getUTCFullYear() - 15}-03-10`;
      const base = participantBody({ birthDate, gender: 'male', occupation: 'student' });
      await expectProblem(await t.http.put(`${API}/me/participant`).set(me.auth).send(base), 400);
      await expectProblem(
        await t.http
          .put(`${API}/me/participant`)
          .set(me.auth)
          .send({ ...base, guardianName: 'Ibu Sri', guardianConsent: false }),
        400,
      );
      const ok = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send({ ...base, guardianName: 'Ibu Sri', guardianConsent: true });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ guardianName: 'Ibu Sri', guardianConsent: true });
    });

    it('answers 409 when the NIK belongs to someone else', async () => {
      const nik = nikFor('1985-06-20', 'male');
      await createParticipant(t, staff, { nik, birthDate: '1985-06-20', gender: 'male' });
      const me = await t.signIn('participant');
      const res = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send(participantBody({ nik, birthDate: '1985-06-20', gender: 'male' }));
      expectProblem(res, 409, 'nik_taken');
    });
  });

  describe('export and erasure', () => {
    it('exports everything, then erases personal data but keeps registrations and anonymous fields', async () => {
      const me = await t.signIn('participant');
      const nik = nikFor('1992-04-02', 'female');
      const put = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send(participantBody({ nik, birthDate: '1992-04-02' }));
      expect(put.status).toBe(200);
      const event = await createEvent(t, staff);
      expect((await t.http.post(`${API}/events/${event.id}/registrations`).set(me.auth).send({})).status).toBe(201);

      const exp = await t.http.get(`${API}/me/participant/export`).set(me.auth);
      expect(exp.status).toBe(200);
      expect(exp.body.profile).toMatchObject({ id: put.body.id, nik, birthDate: '1992-04-02' });
      expect(exp.body.registrations).toHaveLength(1);

      await expectProblem(await t.http.delete(`${API}/me/participant`).set(staff.auth), 403);
      const del = await t.http.delete(`${API}/me/participant`).set(me.auth);
      expect(del.status).toBe(204);
      // Erasure closed the account too (see 'erasure closes the account').
      await expectProblem(await t.http.get(`${API}/me/participant`).set(me.auth), 401);
      const [row] = await t.dataSource.query(
        'SELECT full_name, nik_encrypted, nik_hash, phone, email, birth_date, birth_year, ' +
          'user_id, gender, kecamatan_code, erased_at FROM participants WHERE id = ?',
        [put.body.id],
      );
      expect(row).toMatchObject({
        full_name: 'Terhapus',
        nik_encrypted: null,
        nik_hash: null,
        phone: null,
        email: null,
        birth_date: null,
        user_id: null,
        gender: 'female',
        kecamatan_code: '33.03.11',
      });
      expect(Number(row.birth_year)).toBe(1992);
      expect(row.erased_at).not.toBeNull();
      const regs = await t.dataSource.query('SELECT COUNT(*) AS n FROM registrations WHERE participant_id = ?', [
        put.body.id,
      ]);
      expect(Number(regs[0].n)).toBe(1);
      await expectProblem(await t.http.get(`${API}/participants/${put.body.id}`).set(staff.auth), 404);
      // The NIK is free again.
      const again = await createParticipant(t, staff, { nik, birthDate: '1992-04-02' });
      expect(again.id).not.toBe(put.body.id);
    });
  });

  describe('erasure closes the account', () => {
    it(
      'pseudonymises the user row, empties the password, ' +
        'deletes refresh tokens; old email, password and tokens stop working',
      async () => {
        const email = `Rahma.Hapus.${Date.now().toString(36)}@Contoh.id`;
        const password = 'rahasia-hapus-123';
        const reg = await t.http
          .post(`${API}/auth/register`)
          .send({ email, password, fullName: 'Rahma Wulandari', phone: '0812 2700 8765' });
        expect(reg.status).toBe(201);
        const userId: string = reg.body.user.id;
        const auth = { Authorization: `Bearer ${reg.body.accessToken}` };
        // A second login: every session's refresh token must go.
        const second = await t.http.post(`${API}/auth/login`).send({ email, password });
        expect(second.status).toBe(200);
        const put = await t.http
          .put(`${API}/me/participant`)
          .set(auth)
          .send(participantBody({ fullName: 'Rahma Wulandari', birthDate: '1995-12-01' }));
        expect(put.status).toBe(200);
        const event = await createEvent(t, staff);
        expect((await t.http.post(`${API}/events/${event.id}/registrations`).set(auth).send({})).status).toBe(201);
        // An admin's earlier change of the account is in the audit trail with its name and email.
        expect(
          (await t.http.patch(`${API}/users/${userId}`).set(admin.auth).send({ fullName: 'Rahma W.' })).status,
        ).toBe(200);

        expect((await t.http.delete(`${API}/me/participant`).set(auth)).status).toBe(204);

        const [user] = await t.dataSource.query(
          'SELECT email, full_name, phone, password_hash, is_active FROM users WHERE id = ?',
          [userId],
        );
        expect(user).toMatchObject({
          email: `erased-${userId}@invalid`,
          full_name: 'Terhapus',
          phone: null,
          password_hash: '',
        });
        expect(Boolean(Number(user.is_active))).toBe(false);
        expect(
          Number(
            (await t.dataSource.query('SELECT COUNT(*) AS n FROM refresh_tokens WHERE user_id = ?', [userId]))[0].n,
          ),
        ).toBe(0);
        const trail = JSON.stringify(
          await t.dataSource.query(
            "SELECT `before`, `after` FROM audit_logs WHERE entity_type = 'user' AND entity_id = ?",
            [userId],
          ),
        );
        expect(trail).toContain(`erased-${userId}@invalid`);
        expect(trail.toLowerCase()).not.toContain(email.toLowerCase());
        expect(trail).not.toMatch(/Rahma|8765/);

        // The old access token (401: the account is inactive), both refresh tokens, the old email, the pseudonym.
        await expectProblem(await t.http.get(`${API}/auth/me`).set(auth), 401);
        await expectProblem(await t.http.get(`${API}/me/participant`).set(auth), 401);
        await expectProblem(
          await t.http.post(`${API}/auth/refresh`).send({ refreshToken: reg.body.refreshToken }),
          401,
        );
        await expectProblem(
          await t.http.post(`${API}/auth/refresh`).send({ refreshToken: second.body.refreshToken }),
          401,
        );
        await expectProblem(await t.http.post(`${API}/auth/login`).send({ email, password }), 401);
        await expectProblem(
          await t.http.post(`${API}/auth/login`).send({ email: `erased-${userId}@invalid`, password }),
          401,
        );
        await expectProblem(
          await t.http.post(`${API}/auth/login`).send({ email: `erased-${userId}@invalid`, password: '' }),
          401,
        );
        // The account is gone from the person, not the registration from the counts.
        const regs = await t.dataSource.query('SELECT COUNT(*) AS n FROM registrations WHERE participant_id = ?', [
          put.body.id,
        ]);
        expect(Number(regs[0].n)).toBe(1);
        const day = (offsetDays: number) =>
          new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
        const report = await t.http
          .get(`${API}/reports/participation`)
          .query({ groupBy: 'gender', from: day(0), to: day(5) })
          .set(staff.auth);
        expect(report.status).toBe(200);
        expect(report.body.totals).toMatchObject({ registrations: expect.any(Number) });
        expect(report.body.rows.find((r: { key: string }) => r.key === 'female').registrations).toBeGreaterThanOrEqual(
          1,
        );
        expect(JSON.stringify(report.body)).not.toContain('Rahma');
        // The email is free again for a new account.
        expect(
          (await t.http.post(`${API}/auth/register`).send({ email, password, fullName: 'Rahma Baru' })).status,
        ).toBe(201);
      },
    );
  });

  describe('/participants (staff)', () => {
    it('creates (201), reads, patches and refuses other roles', async () => {
      const p = await createParticipant(t, admin, {
        fullName: 'Bambang Sutrisno',
        gender: 'male',
        birthDate: '1970-02-03',
        nik: nikFor('1970-02-03', 'male'),
      });
      expect(p).toMatchObject({ fullName: 'Bambang Sutrisno', userId: null });
      expect(p).not.toHaveProperty('nik');
      const audits = await t.dataSource.query(
        "SELECT after FROM audit_logs WHERE entity_type = 'participant' AND entity_id = ?",
        [p.id],
      );
      expect(audits).toHaveLength(1);
      expect(audits[0].after).toContain('33.03.11');
      expect(audits[0].after).not.toMatch(/nik_?[Ee]ncrypted|nikHash|Bambang|\+62/);
      expect((await t.http.get(`${API}/participants/${p.id}`).set(staff.auth)).body.fullName).toBe('Bambang Sutrisno');
      const patched = await t.http
        .patch(`${API}/participants/${p.id}`)
        .set(staff.auth)
        .send({ village: 'Karangsentul', phone: '+62 812-2700-9999' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        village: 'Karangsentul',
        phone: '+6281227009999',
        nikMasked: p.nikMasked,
        fullName: 'Bambang Sutrisno',
      });
      await expectProblem(await t.http.patch(`${API}/participants/${p.id}`).set(staff.auth).send({ phone: 'x' }), 400);
      await expectProblem(
        await t.http.patch(`${API}/participants/${p.id}`).set(staff.auth).send({ gender: 'female' }),
        400,
      );
      await expectProblem(
        await t.http.get(`${API}/participants/00000000-0000-4000-8000-000000000000`).set(staff.auth),
        404,
      );
      await expectProblem(await t.http.get(`${API}/participants/nope`).set(staff.auth), 400);
      const participant = await t.signIn('participant');
      for (const caller of [participant, partner]) {
        await expectProblem(await t.http.get(`${API}/participants`).set(caller.auth), 403);
        await expectProblem(await t.http.post(`${API}/participants`).set(caller.auth).send(participantBody()), 403);
        await expectProblem(await t.http.get(`${API}/participants/${p.id}`).set(caller.auth), 403);
        await expectProblem(
          await t.http.patch(`${API}/participants/${p.id}`).set(caller.auth).send({ village: 'X' }),
          403,
        );
      }
      await expectProblem(await t.http.get(`${API}/participants`), 401);
    });

    it('searches by partial name (any case), phone in any format, or exact NIK; filters by kecamatan', async () => {
      const nik = nikFor('1988-08-08', 'male');
      const p = await createParticipant(t, staff, {
        fullName: 'Wiryo Kusumo Unik',
        gender: 'male',
        birthDate: '1988-08-08',
        nik,
        phone: '081227004321',
        kecamatanCode: '33.03.05',
      });
      const find = async (query: Record<string, string>) => {
        const res = await t.http.get(`${API}/participants`).query(query).set(staff.auth);
        expect(res.status).toBe(200);
        return res.body.data.map((x: { id: string }) => x.id);
      };
      expect(await find({ q: 'kusumo un' })).toEqual([p.id]);
      expect(await find({ q: 'WIRYO' })).toEqual([p.id]);
      expect(await find({ q: '%' })).toEqual([]);
      expect(await find({ q: '+62 812-2700-4321' })).toEqual([p.id]);
      expect(await find({ q: nik })).toEqual([p.id]);
      expect(await find({ q: nik.slice(0, 15) })).toEqual([]);
      expect(await find({ q: 'Wiryo', kecamatanCode: '33.03.05' })).toEqual([p.id]);
      expect(await find({ q: 'Wiryo', kecamatanCode: '33.03.06' })).toEqual([]);
      const pageRes = await t.http.get(`${API}/participants?limit=1`).set(staff.auth);
      expect(pageRes.body.meta).toMatchObject({ page: 1, limit: 1, total: expect.any(Number) });
      await expectProblem(await t.http.get(`${API}/participants?limit=500`).set(staff.auth), 400);
    });
  });

  it('takes a 150-character name of "İ" and finds it (the folded search name outgrew its column: 500)', async () => {
    const res = await t.http
      .post(`${API}/participants`)
      .set(staff.auth)
      .send(participantBody({ fullName: 'İ'.repeat(150) }));
    expect(res.status).toBe(201);
    expect(res.body.fullName).toBe('İ'.repeat(150));
    const found = await t.http.get(`${API}/participants`).query({ q: 'İİ' }).set(staff.auth);
    expect(found.body.data.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('refuses null for a non-nullable field, changing nothing (a null fullName or birthDate was a 500)', async () => {
    const p = await createParticipant(t, staff);
    for (const field of ['fullName', 'birthDate', 'phone', 'gender']) {
      const res = await t.http
        .patch(`${API}/participants/${p.id}`)
        .set(staff.auth)
        .send({ [field]: null });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field, message: `${field} may not be null` }]);
    }
    expect((await t.http.get(`${API}/participants/${p.id}`).set(staff.auth)).body).toMatchObject({
      fullName: p.fullName,
      birthDate: p.birthDate,
      phone: p.phone,
    });
    expect(
      (await t.http.patch(`${API}/participants/${p.id}`).set(staff.auth).send({ email: null })).body.email,
    ).toBeNull();
  });

  it('lets staff register a walk-in participant', async () => {
    const event = await createEvent(t, staff);
    const p = await createParticipant(t, staff);
    expect((await register(t, staff, event.id, p.id)).status).toBe(201);
  });
});

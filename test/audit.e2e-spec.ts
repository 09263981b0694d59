import { setTimeout as sleep } from 'node:timers/promises';
import { createPartner, registerParticipant } from './support/foundation-factory.js';
import { API, expectProblem, type SignedIn, type TestApp, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';
import { bootWithPersonas } from './support/personas.js';

interface AuditRow {
  id: string;
  actorId: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

/** Local time in Asia/Jakarta with an explicit offset, as clients send instants. */
const jakarta = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');

describe('audit trail (e2e)', () => {
  let t: TestApp, admin: SignedIn;
  beforeAll(async () => ({ t, admin } = await bootWithPersonas(['admin'])));
  afterAll(() => t.close());

  /** Raw rows straight from the table, so the API's own filtering is not what is tested here. */
  const rowsFor = async (entityId: string) =>
    (await t.dataSource.query('SELECT * FROM audit_logs WHERE entity_id = ? ORDER BY created_at, id', [
      entityId,
    ])) as Record<string, unknown>[];
  const logs = async (qs: string, caller: SignedIn = admin) => {
    const res = await t.http.get(`${API}/audit-logs?${qs}`).set(caller.auth);
    expect(res.status).toBe(200);
    return res.body as { data: AuditRow[]; meta: { page: number; limit: number; total: number } };
  };

  it(
    'records a citizen account opened by signed-in staff at a help ' +
      'desk (POST /auth/register with their token), with the request id',
    async () => {
      const staff = await t.signIn('staff');
      const res = await t.http
        .post(`${API}/auth/register`)
        .set(staff.auth)
        .set('X-Request-Id', 'meja-bantuan-1')
        .send({ email: uniqueEmail('dibantu'), password: TEST_PASSWORD, fullName: 'Warga Dibantu' });
      expect(res.status).toBe(201);
      const rows = await rowsFor(res.body.user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: staff.id,
        actor_role: 'staff',
        action: 'create',
        entity_type: 'user',
        request_id: 'meja-bantuan-1',
      });
      expect(String(rows[0].after)).not.toContain('passwordHash');
    },
  );

  it('logs an admin creating and updating a partner, its user editing it: one row each, same transaction', async () => {
    const p = await createPartner(t, admin, { description: 'Awal' });
    let rows = await rowsFor(p.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      actor_role: 'admin',
      action: 'create',
      entity_type: 'partner',
      entity_id: p.id,
    });
    expect(rows[0].before).toBeNull();
    expect(JSON.parse(rows[0].after as string)).toMatchObject({
      id: p.id,
      name: p.name,
      description: 'Awal',
      isActive: true,
    });

    expect(
      (await t.http.patch(`${API}/partners/${p.id}`).set(admin.auth).send({ description: 'Diubah admin' })).status,
    ).toBe(200);
    rows = await rowsFor(p.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ actor_id: admin.id, action: 'update', entity_type: 'partner', entity_id: p.id });
    expect(JSON.parse(rows[1].before as string)).toMatchObject({ description: 'Awal' });
    expect(JSON.parse(rows[1].after as string)).toMatchObject({ description: 'Diubah admin' });

    const own = await t.signIn('partner', { partnerId: p.id });
    expect((await t.http.patch(`${API}/partners/${p.id}`).set(own.auth).send({ contactName: 'Wulan' })).status).toBe(
      200,
    );
    rows = await rowsFor(p.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({
      actor_id: own.id,
      actor_role: 'partner',
      action: 'update',
      entity_type: 'partner',
    });
    expect(JSON.parse(rows[2].before as string)).toMatchObject({ contactName: 'Slamet Riyadi' });
    expect(JSON.parse(rows[2].after as string)).toMatchObject({ contactName: 'Wulan' });

    // The API shows the same rows, with before/after as objects.
    const api = await logs(`entityType=partner&actorId=${own.id}`);
    expect(api.data).toHaveLength(1);
    expect(api.data[0]).toMatchObject({
      actorId: own.id,
      action: 'update',
      entityType: 'partner',
      entityId: p.id,
      before: expect.objectContaining({ contactName: 'Slamet Riyadi' }),
      after: expect.objectContaining({ contactName: 'Wulan' }),
      createdAt: expect.any(String),
    });
  });

  it('writes nothing for refused or failed changes', async () => {
    const p = await createPartner(t, admin);
    const own = await t.signIn('partner', { partnerId: p.id });
    expectProblem(await t.http.patch(`${API}/partners/${p.id}`).set(own.auth).send({ name: 'Nama Curian' }), 403);
    expectProblem(await t.http.patch(`${API}/partners/${p.id}`).set(admin.auth).send({ website: 'bukan url' }), 400);
    expectProblem(await t.http.post(`${API}/partners`).set(admin.auth).send({ name: p.name, type: 'ngo' }), 409);
    expect(await rowsFor(p.id)).toHaveLength(1);
  });

  it('records user changes by an admin without the password hash', async () => {
    const email = uniqueEmail('staf');
    const created = await t.http
      .post(`${API}/users`)
      .set(admin.auth)
      .send({ email, password: TEST_PASSWORD, fullName: 'Staf Baru', role: 'staff' });
    expect(created.status).toBe(201);
    expect(
      (
        await t.http
          .patch(`${API}/users/${created.body.id}`)
          .set(admin.auth)
          .send({ fullName: 'Staf Lama', isActive: false })
      ).status,
    ).toBe(200);
    const rows = await rowsFor(created.body.id);
    expect(rows.map((r) => [r.action, r.entity_type, r.actor_id])).toEqual([
      ['create', 'user', admin.id],
      ['update', 'user', admin.id],
    ]);
    for (const r of rows) {
      const text = `${r.before ?? ''}${r.after ?? ''}`;
      expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/);
    }
    expect(JSON.parse(rows[0].after as string)).toMatchObject({ email, role: 'staff', fullName: 'Staf Baru' });
    expect(JSON.parse(rows[1].before as string)).toMatchObject({ fullName: 'Staf Baru', isActive: true });
    expect(JSON.parse(rows[1].after as string)).toMatchObject({ fullName: 'Staf Lama', isActive: false });
  });

  it("leaves no row for a participant's own registration", async () => {
    const before = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_logs'))[0].n);
    const { user } = await registerParticipant(t);
    expect(await rowsFor(user.id)).toHaveLength(0);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_logs'))[0].n)).toBe(before);
  });

  it('filters by actorId, entityType and from/to, newest first, paginated', async () => {
    const actor = await t.signIn('admin');
    const t0 = new Date();
    await sleep(30);
    const first = await createPartner(t, actor);
    await sleep(30);
    const t1 = new Date();
    await sleep(30);
    const second = await createPartner(t, actor);
    const third = await createPartner(t, actor);
    await sleep(30);
    const t2 = new Date();
    await sleep(30);
    const staffUser = await t.http
      .post(`${API}/users`)
      .set(actor.auth)
      .send({ email: uniqueEmail('filter'), password: TEST_PASSWORD, fullName: 'Filter', role: 'staff' });
    expect(staffUser.status).toBe(201);

    const all = await logs(`actorId=${actor.id}`);
    expect(all.meta).toEqual({ page: 1, limit: 20, total: 4 });
    expect(all.data.every((r) => r.actorId === actor.id)).toBe(true);
    expect(all.data[0].entityId).toBe(staffUser.body.id);
    expect(all.data[3].entityId).toBe(first.id);
    expect(new Set(all.data.slice(1).map((r) => r.entityId))).toEqual(new Set([first.id, second.id, third.id]));
    const times = all.data.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const partnersOnly = await logs(`actorId=${actor.id}&entityType=partner`);
    expect(partnersOnly.meta.total).toBe(3);
    expect(partnersOnly.data.every((r) => r.entityType === 'partner')).toBe(true);
    const usersOnly = await logs(`actorId=${actor.id}&entityType=user`);
    expect(usersOnly.data.map((r) => r.entityId)).toEqual([staffUser.body.id]);

    const window = await logs(
      `actorId=${actor.id}&from=${encodeURIComponent(t1.toISOString())}&to=${encodeURIComponent(jakarta(t2))}`,
    );
    expect(new Set(window.data.map((r) => r.entityId))).toEqual(new Set([second.id, third.id]));
    const fromOnly = await logs(`actorId=${actor.id}&from=${encodeURIComponent(jakarta(t2))}`);
    expect(fromOnly.data.map((r) => r.entityId)).toEqual([staffUser.body.id]);
    const toOnly = await logs(`actorId=${actor.id}&to=${encodeURIComponent(t1.toISOString())}`);
    expect(toOnly.data.map((r) => r.entityId)).toEqual([first.id]);
    const beforeAll = await logs(`actorId=${actor.id}&to=${encodeURIComponent(t0.toISOString())}`);
    expect(beforeAll.meta.total).toBe(0);

    const p1 = await logs(`actorId=${actor.id}&limit=3&page=1`);
    const p2 = await logs(`actorId=${actor.id}&limit=3&page=2`);
    expect(p1.meta).toEqual({ page: 1, limit: 3, total: 4 });
    expect(p2.meta).toEqual({ page: 2, limit: 3, total: 4 });
    expect(p1.data).toHaveLength(3);
    expect(p2.data).toHaveLength(1);
    expect(new Set([...p1.data, ...p2.data].map((r) => r.id)).size).toBe(4);
  });

  it('filters by action and by entityId', async () => {
    const actor = await t.signIn('admin');
    const p = await createPartner(t, actor);
    const other = await createPartner(t, actor);
    expect((await t.http.patch(`${API}/partners/${p.id}`).set(actor.auth).send({ description: 'Diubah' })).status).toBe(
      200,
    );
    expect((await t.http.patch(`${API}/partners/${p.id}`).set(actor.auth).send({ isActive: false })).status).toBe(200);

    const updates = await logs(`actorId=${actor.id}&action=update`);
    expect(updates.meta.total).toBe(2);
    expect(updates.data.every((r) => r.action === 'update' && r.entityId === p.id)).toBe(true);
    expect(updates.data[0].after).toMatchObject({ isActive: false });
    const creates = await logs(`actorId=${actor.id}&action=create`);
    expect(new Set(creates.data.map((r) => r.entityId))).toEqual(new Set([p.id, other.id]));
    expect((await logs(`actorId=${actor.id}&action=delete`)).meta.total).toBe(0);
    const one = await logs(`entityType=partner&entityId=${p.id}`);
    expect(one.data.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect((await logs(`entityId=${other.id}&action=update`)).meta.total).toBe(0);
  });

  it.each(['action=hapus', 'action=', `entityId=${'x'.repeat(65)}`])('refuses ?%s with 400', async (qs) => {
    expectProblem(await t.http.get(`${API}/audit-logs?${qs}`).set(admin.auth), 400);
  });

  it('refuses the new filters to everyone but admins', async () => {
    const p = await createPartner(t, admin);
    expectProblem(await t.http.get(`${API}/audit-logs?action=update&entityId=${p.id}`), 401);
    for (const caller of [
      await t.signIn('staff'),
      await t.signIn('partner', { partnerId: p.id }),
      await t.signIn('participant'),
    ]) {
      expectProblem(await t.http.get(`${API}/audit-logs?action=update&entityId=${p.id}`).set(caller.auth), 403);
    }
  });

  it.each([
    'actorId=123',
    'from=gestern',
    'to=2026-13-01',
    'from=2026-12-01T00:00:00',
    'to=2026-12-31',
    'limit=101',
    'page=0',
    'entity=partner',
  ])('refuses ?%s with 400', async (qs) => {
    expectProblem(await t.http.get(`${API}/audit-logs?${qs}`).set(admin.auth), 400);
  });

  it('is for admins only', async () => {
    expectProblem(await t.http.get(`${API}/audit-logs`), 401);
    const p = await createPartner(t, admin);
    for (const caller of [
      await t.signIn('staff'),
      await t.signIn('partner', { partnerId: p.id }),
      await t.signIn('participant'),
    ]) {
      expectProblem(await t.http.get(`${API}/audit-logs`).set(caller.auth), 403);
    }
  });
});

import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';

describe('Idempotency-Key on creating POST routes (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const countPartners = async (name: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM partners WHERE name = ?', [name]))[0].n);

  it('replays the first answer to a retry and creates nothing more', async () => {
    const body = { name: 'Komunitas Relawan TIK Purbalingga', type: 'community' };
    const first = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', 'retry-key-0001').send(body);
    expect(first.status).toBe(201);
    const again = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', 'retry-key-0001').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countPartners(body.name)).toBe(1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const key = 'retry-key-0002';
    const ok = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', key).send({ name: 'Pandu Digital Kalimanah', type: 'ngo' });
    expect(ok.status).toBe(201);
    const other = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', key).send({ name: 'Pandu Digital Lain', type: 'ngo' });
    expectProblem(other, 422);
    expect(await countPartners('Pandu Digital Lain')).toBe(0);
  });

  it('does not keep failed attempts: a corrected retry with the same key goes through', async () => {
    const key = 'retry-key-0003';
    const bad = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', key).send({ name: 'Forum Anak Purbalingga', type: 'nope' });
    expectProblem(bad, 400);
    const good = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', key).send({ name: 'Forum Anak Purbalingga', type: 'ngo' });
    expect(good.status).toBe(201);
  });

  it('keys are per user: another admin with the same key creates its own', async () => {
    const other = await t.signIn('admin');
    const key = 'retry-key-0004';
    const a = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', key).send({ name: 'Sanggar Digital Mrebet', type: 'community' });
    const b = await t.http.post(`${API}/partners`).set(other.auth).set('Idempotency-Key', key).send({ name: 'Sanggar Digital Rembang', type: 'community' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('concurrent retries with one key create exactly one partner', async () => {
    const body = { name: 'Paguyuban Blogger Purbalingga', type: 'community' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', 'retry-key-0005').send(body)),
    );
    for (const r of answers) expect([201, 409]).toContain(r.status);
    expect(answers.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await countPartners(body.name)).toBe(1);
  });

  it('rejects a malformed key with 400', async () => {
    const res = await t.http.post(`${API}/partners`).set(admin.auth).set('Idempotency-Key', 'x').send({ name: 'Kunci Pendek', type: 'ngo' });
    expectProblem(res, 400);
    expect(await countPartners('Kunci Pendek')).toBe(0);
  });
});

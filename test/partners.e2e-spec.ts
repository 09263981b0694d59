import { randomUUID } from 'node:crypto';
import { countRows, createPartner, uniquePartnerName } from './support/foundation-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { bootWithPersonas } from './support/personas.js';

const CONTACT_FIELDS = ['contactName', 'contactEmail', 'contactPhone'];

describe('partners (e2e)', () => {
  let t: TestApp, admin: SignedIn;
  beforeAll(async () => ({ t, admin } = await bootWithPersonas(['admin'])));
  afterAll(() => t.close());

  const post = (caller: SignedIn | undefined, body: Record<string, unknown>) => {
    const req = t.http.post(`${API}/partners`);
    return caller ? req.set(caller.auth).send(body) : req.send(body);
  };
  const patch = (caller: SignedIn, id: string, body: Record<string, unknown>) =>
    t.http.patch(`${API}/partners/${id}`).set(caller.auth).send(body);
  const read = async (id: string) => (await t.http.get(`${API}/partners/${id}`).set(admin.auth)).body;

  describe('POST /partners', () => {
    it('lets an admin create a partner (201) with a normalised phone', async () => {
      const name = uniquePartnerName('ORARI Lokal');
      const res = await post(admin, {
        name: `  ${name}  `,
        type: 'community',
        description: 'Organisasi Amatir Radio Indonesia',
        contactName: 'Bambang',
        contactEmail: 'Humas@ORARI.example.id',
        contactPhone: '0812 2700 1234',
        website: 'https://orari.example.id',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        name,
        type: 'community',
        description: 'Organisasi Amatir Radio Indonesia',
        contactName: 'Bambang',
        contactEmail: 'humas@orari.example.id',
        contactPhone: '+6281227001234',
        website: 'https://orari.example.id',
        isActive: true,
      });
    });

    it('accepts only the name and type', async () => {
      const res = await post(admin, { name: uniquePartnerName('Bank'), type: 'private' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        description: null,
        contactName: null,
        contactEmail: null,
        contactPhone: null,
        website: null,
      });
    });

    it('refuses a taken name with 409, also differently cased or spaced', async () => {
      const name = uniquePartnerName('RAPI Wilayah');
      expect((await post(admin, { name, type: 'community' })).status).toBe(201);
      expectProblem(await post(admin, { name, type: 'ngo' }), 409);
      expectProblem(await post(admin, { name: name.toUpperCase(), type: 'ngo' }), 409);
      expectProblem(await post(admin, { name: name.replace(' ', '   '), type: 'ngo' }), 409);
      const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM partners WHERE name_key = ?', [
        name.toLowerCase(),
      ]);
      expect(Number(rows[0].n)).toBe(1);
    });

    it.each([
      ['an invalid type', { type: 'company' }, 'type'],
      ['a missing type', { type: undefined }, 'type'],
      ['a one-letter name', { name: 'X' }, 'name'],
      ['an invalid website', { website: 'bukan url' }, 'website'],
      ['a website without scheme', { website: 'orari.example.id' }, 'website'],
      ['a javascript: website', { website: 'javascript:alert(1)' }, 'website'],
      ['an invalid contact email', { contactEmail: 'bukan-email' }, 'contactEmail'],
      ['an invalid contact phone', { contactPhone: '12345' }, 'contactPhone'],
      ['an unknown field', { slogan: 'Cakap Digital' }, 'slogan'],
      ['isActive on create', { isActive: false }, 'isActive'],
    ])('refuses %s with 400 naming the field, and creates nothing', async (_label, overrides, field) => {
      const name = uniquePartnerName('Salah');
      const res = await post(admin, { name, type: 'media', ...overrides });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await countRows(t, 'partners', ['name', name])).toBe(0);
    });

    it('is for admins only: 401 anonymous, 403 staff, partner and participant', async () => {
      const own = await createPartner(t, admin);
      const name = uniquePartnerName('Ditolak');
      expectProblem(await post(undefined, { name, type: 'ngo' }), 401);
      for (const caller of [
        await t.signIn('staff'),
        await t.signIn('partner', { partnerId: own.id }),
        await t.signIn('participant'),
      ]) {
        expectProblem(await post(caller, { name, type: 'ngo' }), 403);
      }
      expect(await countRows(t, 'partners', ['name', name])).toBe(0);
    });
  });

  describe('GET /partners and /partners/:id', () => {
    it("shows contact fields only to staff, admin and the partner's own users", async () => {
      const p = await createPartner(t, admin);
      const other = await createPartner(t, admin);
      const participant = await t.signIn('participant');
      const staff = await t.signIn('staff');
      const ownUser = await t.signIn('partner', { partnerId: p.id });
      const otherUser = await t.signIn('partner', { partnerId: other.id });

      const hidden = [undefined, participant.auth, otherUser.auth];
      for (const auth of hidden) {
        const req = t.http.get(`${API}/partners/${p.id}`);
        const res = auth ? await req.set(auth) : await req;
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          id: p.id,
          name: p.name,
          type: 'community',
          description: expect.any(String),
          website: expect.any(String),
        });
        for (const f of CONTACT_FIELDS) expect(res.body).not.toHaveProperty(f);
      }
      for (const auth of [admin.auth, staff.auth, ownUser.auth]) {
        const res = await t.http.get(`${API}/partners/${p.id}`).set(auth);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          contactName: 'Slamet Riyadi',
          contactEmail: 'kontak@komunitas.example.id',
          contactPhone: '+6281227001234',
        });
      }

      const findIn = (body: { data: { id: string }[] }, id: string) =>
        body.data.find((x) => x.id === id) as Record<string, unknown> | undefined;
      const anonymousList = await t.http.get(`${API}/partners?limit=100`);
      expect(anonymousList.status).toBe(200);
      for (const item of anonymousList.body.data) for (const f of CONTACT_FIELDS) expect(item).not.toHaveProperty(f);
      const ownList = await t.http.get(`${API}/partners?limit=100`).set(ownUser.auth);
      expect(findIn(ownList.body, p.id)).toMatchObject({ contactName: 'Slamet Riyadi' });
      for (const f of CONTACT_FIELDS) expect(findIn(ownList.body, other.id)).not.toHaveProperty(f);
      const staffList = await t.http.get(`${API}/partners?limit=100`).set(staff.auth);
      expect(findIn(staffList.body, other.id)).toMatchObject({ contactName: 'Slamet Riyadi' });
    });

    it('hides inactive partners from the public (404 on detail, absent from the list)', async () => {
      const p = await createPartner(t, admin);
      const participant = await t.signIn('participant');
      expect((await patch(admin, p.id, { isActive: false })).status).toBe(200);
      expectProblem(await t.http.get(`${API}/partners/${p.id}`), 404);
      expectProblem(await t.http.get(`${API}/partners/${p.id}`).set(participant.auth), 404);
      const list = await t.http.get(`${API}/partners?limit=100`);
      expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(p.id);
      const staffView = await t.http.get(`${API}/partners/${p.id}`).set(admin.auth);
      expect(staffView.status).toBe(200);
      expect(staffView.body.isActive).toBe(false);
    });

    it('answers 404 for an unknown id and 400 for a non-uuid id', async () => {
      expectProblem(await t.http.get(`${API}/partners/${randomUUID()}`), 404);
      expectProblem(await t.http.get(`${API}/partners/orari`), 400);
    });
  });

  describe('PATCH /partners/:id', () => {
    it('lets an admin change any field', async () => {
      const p = await createPartner(t, admin);
      const name = uniquePartnerName('Nama Baru');
      const res = await patch(admin, p.id, {
        name,
        type: 'education',
        description: 'Baru',
        contactPhone: '+62 281 891234',
        website: null,
        isActive: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name,
        type: 'education',
        description: 'Baru',
        contactPhone: '+62281891234',
        website: null,
        isActive: false,
      });
      expect(await read(p.id)).toMatchObject({ name, type: 'education', isActive: false });
    });

    it("refuses a rename onto another partner's name (409) but allows recasing its own", async () => {
      const a = await createPartner(t, admin);
      const b = await createPartner(t, admin);
      expectProblem(await patch(admin, b.id, { name: a.name.toUpperCase() }), 409);
      expect((await read(b.id)).name).toBe(b.name);
      const recased = await patch(admin, b.id, { name: b.name.toUpperCase() });
      expect(recased.status).toBe(200);
      expect(recased.body.name).toBe(b.name.toUpperCase());
    });

    it("lets the partner's own user change description, contact and website", async () => {
      const p = await createPartner(t, admin);
      const own = await t.signIn('partner', { partnerId: p.id });
      const res = await patch(own, p.id, {
        description: 'Komunitas radio warga',
        contactName: 'Wahyu',
        contactEmail: 'wahyu@rapi.example.id',
        contactPhone: '081390001122',
        website: 'https://rapi.example.id',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        description: 'Komunitas radio warga',
        contactName: 'Wahyu',
        contactEmail: 'wahyu@rapi.example.id',
        contactPhone: '+6281390001122',
        website: 'https://rapi.example.id',
        name: p.name,
      });
    });

    it.each([
      ['name', { name: 'Nama Lain Mitra' }],
      ['type', { type: 'government' }],
      ['isActive', { isActive: false }],
      ['a mix of allowed and refused fields', { description: 'Boleh', type: 'media' }],
    ])("refuses the partner's own user changing %s (403) and changes nothing", async (_label, body) => {
      const p = await createPartner(t, admin);
      const own = await t.signIn('partner', { partnerId: p.id });
      expectProblem(await patch(own, p.id, body), 403);
      expect(await read(p.id)).toMatchObject({
        name: p.name,
        type: p.type,
        isActive: true,
        description: p.description,
      });
    });

    it('refuses a partner user editing another partner (403)', async () => {
      const mine = await createPartner(t, admin);
      const theirs = await createPartner(t, admin);
      const own = await t.signIn('partner', { partnerId: mine.id });
      expectProblem(await patch(own, theirs.id, { description: 'Diubah orang lain' }), 403);
      expect((await read(theirs.id)).description).toBe(theirs.description);
    });

    it('refuses staff and participants (403) and anonymous callers (401)', async () => {
      const p = await createPartner(t, admin);
      for (const caller of [await t.signIn('staff'), await t.signIn('participant')]) {
        expectProblem(await patch(caller, p.id, { description: 'Tidak boleh' }), 403);
      }
      expectProblem(await t.http.patch(`${API}/partners/${p.id}`).send({ description: 'Tidak boleh' }), 401);
      expect((await read(p.id)).description).toBe(p.description);
    });

    it('validates the body (400) and the id (400 non-uuid, 404 unknown)', async () => {
      const p = await createPartner(t, admin);
      const own = await t.signIn('partner', { partnerId: p.id });
      expectProblem(await patch(own, p.id, { website: 'ftp://x.example.id' }), 400);
      expectProblem(await patch(own, p.id, { contactPhone: '999' }), 400);
      expectProblem(await patch(admin, p.id, { type: 'bank' }), 400);
      expectProblem(await patch(admin, p.id, { isActive: 'no' }), 400);
      expectProblem(await patch(admin, randomUUID(), { description: 'x' }), 404);
      expectProblem(await patch(admin, 'bukan-uuid', { description: 'x' }), 400);
      expect(await read(p.id)).toMatchObject({
        website: p.website,
        contactPhone: p.contactPhone,
        type: p.type,
        isActive: true,
      });
    });
  });

  it(
    'takes a 150-character name of "İ" and still compares names ' +
      'case-insensitively (the folded key outgrew its column: 500 on MySQL)',
    async () => {
      const name = 'İ'.repeat(150);
      const first = await post(admin, { name, type: 'community' });
      expect(first.status).toBe(201);
      expect(first.body.name).toBe(name);
      expectProblem(await post(admin, { name: 'i'.repeat(150), type: 'ngo' }), 409);
    },
  );
});

// A separate app (database) so totals are exact; only one app is live at a time because Passport
// strategies are process-wide.
describe('GET /partners pagination (e2e)', () => {
  it('paginates and filters by type', async () => {
    const local = await createTestApp();
    try {
      const localAdmin = await local.signIn('admin');
      for (const type of ['media', 'media', 'ngo']) await createPartner(local, localAdmin, { type });
      const res = await local.http.get(`${API}/partners?page=1&limit=2`);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ page: 1, limit: 2, total: 3 });
      expect(res.body.data).toHaveLength(2);
      const media = await local.http.get(`${API}/partners?type=media`);
      expect(media.body.meta.total).toBe(2);
      expect(media.body.data.every((x: { type: string }) => x.type === 'media')).toBe(true);
      const named = await createPartner(local, localAdmin, { name: 'Relawan TIK Kutasari', type: 'community' });
      const other = await createPartner(local, localAdmin, { name: 'Komunitas 100% Digital', type: 'media' });
      const found = await local.http.get(`${API}/partners`).query({ q: '  tik KUTA ' });
      expect(found.status).toBe(200);
      expect(found.body.data.map((x: { id: string }) => x.id)).toEqual([named.id]);
      expect(
        (await local.http.get(`${API}/partners`).query({ q: '100%' })).body.data.map((x: { id: string }) => x.id),
      ).toEqual([other.id]);
      expect(
        (await local.http.get(`${API}/partners`).query({ q: '%' })).body.data.map((x: { id: string }) => x.id),
      ).toEqual([other.id]);
      expect((await local.http.get(`${API}/partners`).query({ q: 'kutasari', type: 'media' })).body.meta.total).toBe(0);
      // An inactive partner is found by an admin and not by the public.
      expect(
        (await local.http.patch(`${API}/partners/${named.id}`).set(localAdmin.auth).send({ isActive: false })).status,
      ).toBe(200);
      expect((await local.http.get(`${API}/partners`).query({ q: 'kutasari' })).body.meta.total).toBe(0);
      const forAdmin = await local.http.get(`${API}/partners`).query({ q: 'kutasari' }).set(localAdmin.auth);
      expect(forAdmin.body.data).toEqual([expect.objectContaining({ id: named.id, isActive: false })]);
      expectProblem(await local.http.get(`${API}/partners`).query({ q: 'x'.repeat(151) }), 400);
      expectProblem(await local.http.get(`${API}/partners?limit=101`), 400);
      expectProblem(await local.http.get(`${API}/partners?type=bank`), 400);
    } finally {
      await local.close();
    }
  });
});

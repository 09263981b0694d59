import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { deriveLookupKey, encrypt, lookupHash } from '../src/common/crypto.js';
import { buildDataSourceOptions } from '../src/database/database-url.js';
import { UsersService } from '../src/users/users.service.js';
import { createAppOnDatabase } from './support/second-app.js';
import { API, TEST_PASSWORD, uniqueEmail } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { nikFor, participantBody } from './support/training-factory.js';

/** TypeORM's own bookkeeping table survives a full revert; everything else must go. */
const BOOKKEEPING = new Set(['migrations', 'typeorm_metadata', 'sqlite_sequence']);

describe('migrations (e2e)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(buildDataSourceOptions(db.url));
    await ds.initialize();
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  const appTables = async (): Promise<string[]> => {
    const rows: { name: string }[] =
      db.kind === 'mysql'
        ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
        : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'");
    return rows
      .map((r) => r.name)
      .filter((n) => !BOOKKEEPING.has(n))
      .sort();
  };
  const applied = async (): Promise<number> => Number((await ds.query('SELECT COUNT(*) AS n FROM migrations'))[0].n);
  /**
   * Every table, column and index by name: a migration may add only an index or a column, or drop a column,
   * and its down() must still change something.
   */
  const schemaShape = async (): Promise<string> => {
    const rows: { t: string; c: string }[] =
      db.kind === 'mysql'
        ? await ds.query(
            'SELECT table_name AS t, column_name AS c ' +
              'FROM information_schema.columns WHERE table_schema = DATABASE() ' +
              "UNION SELECT table_name AS t, CONCAT('index ', index_name) AS c " +
              'FROM information_schema.statistics WHERE table_schema = DATABASE()',
          )
        : await ds.query(
            'SELECT m.name AS t, p.name AS c FROM sqlite_master m ' +
              "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' " +
              "UNION SELECT tbl_name AS t, 'index ' || name AS c FROM sqlite_master WHERE type = 'index'",
          );
    return rows
      .filter((r) => !BOOKKEEPING.has(r.t))
      .map((r) => `${r.t}.${r.c}`)
      .sort()
      .join('\n');
  };

  it('runs every migration up, reverts them one by one to an empty schema, and runs them up again', async () => {
    expect(await appTables()).toEqual([]);
    expect(migrations.length).toBeGreaterThanOrEqual(2);

    const up = await ds.runMigrations({ transaction: 'each' });
    expect(up.map((m) => m.name)).toEqual(migrations.map((M) => new M().name));
    const full = await appTables();
    expect(full).toEqual(
      expect.arrayContaining([
        'kecamatan',
        'partners',
        'users',
        'refresh_tokens',
        'login_failures',
        'audit_logs',
        'idempotency_keys',
      ]),
    );
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM kecamatan'))[0].n)).toBe(18);
    expect(await ds.showMigrations()).toBe(false);

    let shape = await schemaShape();
    for (let left = migrations.length; left > 0; left--) {
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await applied()).toBe(left - 1);
      // Each down() undoes something of the schema.
      const before = shape;
      shape = await schemaShape();
      expect(shape).not.toBe(before);
    }
    expect(await appTables()).toEqual([]);
    expect(await ds.showMigrations()).toBe(true);

    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(migrations.length);
    expect(await appTables()).toEqual(full);
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM kecamatan'))[0].n)).toBe(18);
  });

  it('leaves nothing pending when run twice', async () => {
    expect(await ds.runMigrations({ transaction: 'each' })).toEqual([]);
  });

  it(
    'ParticipantPrivacy: drops nik_masked (and its plain-text digits) ' +
      'from existing rows; answers build the mask from the ciphertext',
    async () => {
      let target = await createTestDatabase();
      let file: string | undefined;
      if (target.kind === 'sqlite') {
        // The app below must open the same database: a file, not :memory:.
        file = join(tmpdir(), `bm-migration-privacy-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
        target = { ...target, url: `sqlite:${file}` };
      }
      const key = randomBytes(32);
      const index = migrations.findIndex((M) => new M().name === 'ParticipantPrivacy1764400200000');
      expect(index).toBeGreaterThan(0);
      const before = new DataSource({ ...buildDataSourceOptions(target.url), migrations: migrations.slice(0, index) });
      await before.initialize();
      const columns = async (source: DataSource): Promise<string[]> => {
        const rows: { name: string }[] =
          target.kind === 'mysql'
            ? await source.query(
                'SELECT column_name AS name FROM information_schema.columns ' +
                  "WHERE table_schema = DATABASE() AND table_name = 'participants'",
              )
            : await source.query("SELECT name FROM pragma_table_info('participants')");
        return rows.map((r) => r.name);
      };
      const indexes = async (source: DataSource): Promise<string[]> => {
        const rows: { name: string }[] =
          target.kind === 'mysql'
            ? await source.query(
                'SELECT DISTINCT index_name AS name FROM information_schema.statistics ' +
                  "WHERE table_schema = DATABASE() AND table_name = 'participants'",
              )
            : await source.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants'");
        return rows.map((r) => r.name).sort();
      };
      let app: Awaited<ReturnType<typeof createAppOnDatabase>> | undefined;
      try {
        await before.runMigrations({ transaction: 'each' });
        expect(await columns(before)).toContain('nik_masked');
        const indexesBefore = await indexes(before);
        expect(indexesBefore).toEqual(expect.arrayContaining(['UQ_participants_nik_hash', 'UQ_participants_user']));
        const nik = nikFor('1991-05-07', 'female');
        const id = randomUUID();
        await before.query(
          `INSERT INTO participants (id, user_id, full_name, name_search, nik_encrypted, nik_hash, nik_masked,
           gender, birth_date, birth_year, phone, email, kecamatan_code, village, occupation, has_disability,
           consent_at, consent_policy_version, guardian_name, guardian_consent)
         VALUES (?, NULL, 'Sri Lestari Lama', 'sri lestari lama', ?, ?, ?, 'female', '1991-05-07', 1991,
           '+6281227001111', NULL, '33.03.11', 'Bancar', 'umkm', 0, '2026-11-01 01:02:03.000', '2026-11', NULL, 0)`,
          [id, encrypt(nik, key), lookupHash(nik, deriveLookupKey(key)), `${nik.slice(0, 4)}********${nik.slice(12)}`],
        );
        await before.destroy();

        // The app applies the pending migration at start, as a deployment would.
        app = await createAppOnDatabase(target.url, { DATA_ENCRYPTION_KEY: key.toString('base64') });
        const ds = app.app.get(DataSource);
        expect(await columns(ds)).not.toContain('nik_masked');
        expect(await columns(ds)).toEqual(expect.arrayContaining(['nik_encrypted', 'nik_hash', 'phone', 'created_at']));
        // SQLite rebuilt the table: every index (the unique NIK hash and user) came along.
        expect(await indexes(ds)).toEqual(indexesBefore);
        const [row] = await ds.query('SELECT * FROM participants WHERE id = ?', [id]);
        expect(Object.keys(row)).not.toContain('nik_masked');
        expect(JSON.stringify(row)).not.toContain('********');

        const email = uniqueEmail('staff');
        await app.app
          .get(UsersService)
          .create({ email, password: TEST_PASSWORD, fullName: 'Staf Migrasi', role: 'staff' }, null);
        const login = await app.http.post(`${API}/auth/login`).send({ email, password: TEST_PASSWORD });
        const auth = { Authorization: `Bearer ${login.body.accessToken}` };
        const got = await app.http.get(`${API}/participants/${id}`).set(auth);
        expect(got.status).toBe(200);
        expect(got.body).toMatchObject({ id, fullName: 'Sri Lestari Lama', nikMasked: `${nik.slice(0, 6)}**********` });
        const found = await app.http.get(`${API}/participants`).query({ q: nik }).set(auth);
        expect(found.body.data).toEqual([expect.objectContaining({ id, nikMasked: `${nik.slice(0, 6)}**********` })]);
        // The rebuilt table (SQLite) still fills its defaults: a new profile saves and reads back.
        const created = await app.http.post(`${API}/participants`).set(auth).send(participantBody());
        expect(created.status).toBe(201);
        expect(created.body.nikMasked).toMatch(/^330301\*{10}$/);
      } finally {
        if (before.isInitialized) await before.destroy();
        await app?.close();
        await target.drop();
        if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      }
    },
  );
});

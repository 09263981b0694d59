import { DataSource } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { buildDataSourceOptions } from '../src/database/database-url.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

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
    return rows.map((r) => r.name).filter((n) => !BOOKKEEPING.has(n)).sort();
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
          'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() ' +
            "UNION SELECT table_name AS t, CONCAT('index ', index_name) AS c FROM information_schema.statistics WHERE table_schema = DATABASE()",
        )
        : await ds.query(
          "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' " +
            "UNION SELECT tbl_name AS t, 'index ' || name AS c FROM sqlite_master WHERE type = 'index'",
        );
    return rows.filter((r) => !BOOKKEEPING.has(r.t)).map((r) => `${r.t}.${r.c}`).sort().join('\n');
  };

  it('runs every migration up, reverts them one by one to an empty schema, and runs them up again', async () => {
    expect(await appTables()).toEqual([]);
    expect(migrations.length).toBeGreaterThanOrEqual(2);

    const up = await ds.runMigrations({ transaction: 'each' });
    expect(up.map((m) => m.name)).toEqual(migrations.map((M) => new M().name));
    const full = await appTables();
    expect(full).toEqual(expect.arrayContaining(['kecamatan', 'partners', 'users', 'refresh_tokens', 'login_failures', 'audit_logs', 'idempotency_keys']));
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
});

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
  /** Tables plus indexes: a migration may add only an index, and its down() must still remove something. */
  const schemaObjects = async (): Promise<number> => {
    const [{ n }] =
      db.kind === 'mysql'
        ? await ds.query('SELECT COUNT(DISTINCT table_name, index_name) AS n FROM information_schema.statistics WHERE table_schema = DATABASE()')
        : await ds.query("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index'");
    return (await appTables()).length + Number(n);
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

    const seen: number[] = [await schemaObjects()];
    for (let left = migrations.length; left > 0; left--) {
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await applied()).toBe(left - 1);
      const objects = await schemaObjects();
      // Each down() removes something and never more than what remained.
      expect(objects).toBeLessThan(seen[seen.length - 1]);
      seen.push(objects);
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

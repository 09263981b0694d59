import { buildDataSourceOptions, DEFAULT_SQLITE_FILE, parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded SQLite file when unset or empty', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', database: DEFAULT_SQLITE_FILE });
    expect(parseDatabaseUrl('')).toEqual({ kind: 'sqlite', database: DEFAULT_SQLITE_FILE });
    expect(DEFAULT_SQLITE_FILE).toBe('data/bangga-macapat.sqlite');
  });

  it('reads sqlite:<path> and sqlite::memory:', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/bangga/db.sqlite')).toEqual({
      kind: 'sqlite',
      database: '/var/lib/bangga/db.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:data/dev.sqlite')).toEqual({ kind: 'sqlite', database: 'data/dev.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', database: ':memory:' });
  });

  it('reads every part of a mysql:// URL, decoding escapes', () => {
    expect(parseDatabaseUrl('mysql://bangga:r%40hasia%3A1@db.internal:3307/bangga_macapat')).toEqual({
      kind: 'mysql',
      database: 'bangga_macapat',
      host: 'db.internal',
      port: 3307,
      username: 'bangga',
      password: 'r@hasia:1',
    });
  });

  it('defaults the MySQL port to 3306 and allows no password', () => {
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/test')).toEqual({
      kind: 'mysql',
      database: 'test',
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
    });
  });

  it('refuses a MySQL URL without a database name', () => {
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1:3306')).toThrow(/name the database/);
    expect(() => parseDatabaseUrl('mysql://root@127.0.0.1:3306/')).toThrow(/name the database/);
  });

  it('refuses other schemes and garbage', () => {
    expect(() => parseDatabaseUrl('postgres://u@h/db')).toThrow(/Unsupported/);
    expect(() => parseDatabaseUrl('not a url')).toThrow();
  });
});

describe('buildDataSourceOptions', () => {
  it('builds better-sqlite3 options for an in-memory database without WAL', () => {
    const o = buildDataSourceOptions('sqlite::memory:') as unknown as Record<string, unknown>;
    expect(o).toMatchObject({ type: 'better-sqlite3', database: ':memory:', enableWAL: false, synchronize: false });
    expect((o.migrations as unknown[]).length).toBeGreaterThan(0);
  });

  it('sets a MySQL query timeout only when asked (mysql2 fails an unanswered query after it)', () => {
    expect(buildDataSourceOptions('mysql://u:p@h:3306/bangga', [], { queryTimeoutSeconds: 30 })).toMatchObject({
      enableQueryTimeout: true,
      maxQueryExecutionTime: 30_000,
    });
    expect(buildDataSourceOptions('mysql://u:p@h:3306/bangga')).not.toHaveProperty('enableQueryTimeout');
    expect(buildDataSourceOptions('mysql://u:p@h:3306/bangga', [], { queryTimeoutSeconds: 0 })).not.toHaveProperty(
      'enableQueryTimeout',
    );
    expect(buildDataSourceOptions('sqlite::memory:', [], { queryTimeoutSeconds: 30 })).not.toHaveProperty(
      'enableQueryTimeout',
    );
  });

  it('builds mysql options in UTC with utf8mb4 and never synchronises', () => {
    expect(buildDataSourceOptions('mysql://u:p@h:3306/bangga')).toMatchObject({
      type: 'mysql',
      host: 'h',
      port: 3306,
      username: 'u',
      password: 'p',
      database: 'bangga',
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      synchronize: false,
      migrationsRun: false,
    });
  });

  it('puts replicas in a replication block whose default mode stays on the primary', () => {
    const options = buildDataSourceOptions('mysql://app:rahasia@db1:3306/bangga', [
      'mysql://ro@db2/bangga',
      'mysql://ro@db3:3307/bangga',
    ]) as unknown as Record<string, unknown>;
    expect(options.host).toBeUndefined();
    expect(options.replication).toEqual({
      master: { host: 'db1', port: 3306, username: 'app', password: 'rahasia', database: 'bangga' },
      slaves: [
        { host: 'db2', port: 3306, username: 'ro', password: '', database: 'bangga' },
        { host: 'db3', port: 3307, username: 'ro', password: '', database: 'bangga' },
      ],
      defaultMode: 'master',
    });
    expect(() => buildDataSourceOptions('mysql://app@db1/bangga', ['sqlite:replica.db'])).toThrow(/mysql:\/\//);
  });
});

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { TypeormLogger } from './typeorm-logger.js';

export const DEFAULT_SQLITE_FILE = 'data/bangga-macapat.sqlite';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface ParsedDatabaseUrl {
  kind: DatabaseKind;
  /** SQLite: file path or ':memory:'. MySQL: database name. */
  database: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
}

export function parseDatabaseUrl(url: string | undefined): ParsedDatabaseUrl {
  if (!url) return { kind: 'sqlite', database: DEFAULT_SQLITE_FILE };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', database: url.slice('sqlite:'.length) };
  const u = new URL(url);
  if (u.protocol !== 'mysql:') throw new Error(`Unsupported DATABASE_URL scheme ${u.protocol}`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL must name the database, e.g. mysql://user:pass@host:3306/bangga');
  return {
    kind: 'mysql',
    database,
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/**
 * TypeORM options for either driver. Entities come from the Nest modules (autoLoadEntities);
 * the schema only ever comes from migrations/.
 */
export function buildDataSourceOptions(
  url: string | undefined,
  replicaUrls: string[] = [],
  { queryTimeoutSeconds = 0 }: { queryTimeoutSeconds?: number } = {},
): DataSourceOptions {
  const db = parseDatabaseUrl(url);
  const common = {
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    logger: new TypeormLogger(),
  } as const;
  if (db.kind === 'sqlite') {
    if (db.database !== ':memory:') mkdirSync(dirname(resolve(db.database)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.database,
      enableWAL: db.database !== ':memory:',
      // Writers from another process wait instead of failing at once.
      timeout: 5000,
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('foreign_keys = ON');
      },
    };
  }
  const credentials = (d: ParsedDatabaseUrl) => ({
    host: d.host,
    port: d.port,
    username: d.username,
    password: d.password,
    database: d.database,
  });
  const replicas = replicaUrls.map((r) => {
    const parsed = parseDatabaseUrl(r);
    if (parsed.kind !== 'mysql') throw new Error('DATABASE_REPLICA_URLS must be mysql:// URLs');
    return credentials(parsed);
  });
  return {
    ...common,
    type: 'mysql',
    ...(replicas.length === 0
      ? credentials(db)
      : // Everything, reads included, goes to the primary unless a service asks for a replica (onReplica()).
        { replication: { master: credentials(db), slaves: replicas, defaultMode: 'master' as const } }),
    charset: 'utf8mb4_unicode_ci',
    // The database stores UTC; mysql2 converts Dates with this offset.
    timezone: 'Z',
    // Calendar dates (birth dates, certificate dates) stay 'YYYY-MM-DD' text: read as Dates they would
    // shift by the server's own UTC offset.
    dateStrings: ['DATE'],
    poolSize: 20,
    // mysql2 would capture a stack trace for every query, to graft onto driver errors; TypeORM wraps those
    // in QueryFailedError (with its own stack) and the logs redact the driver error, so it is pure cost.
    trace: false,
    connectTimeout: 5000,
    // A silent network partition (packets dropped, nothing refused) would leave a query waiting for TCP to give
    // up, a quarter of an hour; after this long without an answer mysql2 fails it and the connection is dropped
    // (src/database/stalled-connections.ts). Not for migrations: they get a data source without it.
    ...(queryTimeoutSeconds > 0 ? { enableQueryTimeout: true, maxQueryExecutionTime: queryTimeoutSeconds * 1000 } : {}),
    extra: { waitForConnections: true, queueLimit: 0, enableKeepAlive: true },
  };
}

import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/database/database-url.js';

/** Plain SQL on a database that real server processes own, without booting an app of the test's own. */
export interface RawReader {
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A connection to the database behind `url` (`mysql://…` or `sqlite:<file>`). SQLite is opened read-only:
 * the servers write, the test only looks, and a second writer would queue behind theirs.
 */
export async function openRawReader(url: string): Promise<RawReader> {
  if (url.startsWith('sqlite:')) {
    const conn = new Database(url.slice('sqlite:'.length), { readonly: true });
    return {
      query: async (sql, params = []) => conn.prepare(sql).all(...params) as any[],
      close: async () => void conn.close(),
    };
  }
  const db = parseDatabaseUrl(url);
  const conn = await mysql.createConnection({
    host: db.host,
    port: db.port,
    user: db.username,
    password: db.password,
    database: db.database,
  });
  return { query: async (sql, params) => (await conn.query(sql, params))[0] as any[], close: () => conn.end() };
}

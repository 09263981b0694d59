import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/database/database-url.js';

/**
 * A fresh, empty database for one test suite: in-memory SQLite by default, or a new MySQL database
 * on the server of TEST_DATABASE_URL (mysql://root@127.0.0.1:3306/test), dropped afterwards.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export const testingMysql = () => (process.env.TEST_DATABASE_URL ?? '').startsWith('mysql://');

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base || !testingMysql()) {
    return { url: 'sqlite::memory:', kind: 'sqlite', drop: async () => undefined };
  }
  const server = parseDatabaseUrl(base);
  const name = `bm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.username,
    password: server.password,
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'mysql',
    drop: async () => {
      const conn = await mysql.createConnection({
        host: server.host,
        port: server.port,
        user: server.username,
        password: server.password,
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

import mysql, { type Pool } from 'mysql2/promise';
import { mysqlOptions } from './mysql-url.js';

/**
 * The pool of the raw servers (baseline-server.ts, floor-server.ts), with the platform's settings
 * (src/database/database-url.ts): same size, charset, time zone, number handling, keep-alive and no long stack
 * traces, so a difference in the bench is the servers', not their pools'.
 */
export function rawPool(url: string, size: number): Pool {
  const pool = mysql.createPool({
    ...mysqlOptions(url),
    connectionLimit: size,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    enableKeepAlive: true,
    trace: false,
  });
  // Once per connection, not per transaction: the platform's isolation level and lock wait limit.
  pool.on('connection', (conn) => {
    void conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    void conn.query('SET SESSION innodb_lock_wait_timeout = 5');
  });
  return pool;
}

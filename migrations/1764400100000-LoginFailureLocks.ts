import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { int } from './support.js';

/** Rows of login_failure_locks: the sign-in counter of an email + client address is guarded by one of them. */
export const LOGIN_FAILURE_LOCK_BUCKETS = 1024;

/**
 * Row locks that serialise the counting of failed logins per email + client address, so the check "fewer
 * than LOGIN_MAX_FAILURES in the window" and the insert that counts an attempt happen as one step across
 * processes (READ COMMITTED takes no gap locks: with no row to lock, two transactions would both see
 * room). A fixed set of buckets rather than a row per email + address: nothing to create on the fly
 * (no insert race) and nothing that grows; unrelated keys sharing a bucket wait a few milliseconds.
 */
export class LoginFailureLocks1764400100000 implements MigrationInterface {
  name = 'LoginFailureLocks1764400100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({ name: 'login_failure_locks', columns: [{ ...int('bucket'), isPrimary: true }] }));
    const chunk = 256;
    for (let start = 0; start < LOGIN_FAILURE_LOCK_BUCKETS; start += chunk) {
      const buckets = Array.from({ length: Math.min(chunk, LOGIN_FAILURE_LOCK_BUCKETS - start) }, (_, i) => start + i);
      await qr.query(`INSERT INTO login_failure_locks (bucket) VALUES ${buckets.map(() => '(?)').join(', ')}`, buckets);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('login_failure_locks');
  }
}

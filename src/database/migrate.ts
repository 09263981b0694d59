import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, Migration } from 'typeorm';

/** Seconds a starting process waits for another one's migrations before it gives up. */
export const MIGRATION_LOCK_WAIT_SECONDS = 600;

/**
 * Applies pending migrations, one transaction each, one process at a time: instances started together
 * after a deploy take turns, the first applies the migrations and the others find none pending. Without
 * it they race to create the same tables (TypeORM checks what is pending before any transaction, and MySQL
 * DDL is not transactional anyway), and the loser stops half-way. MySQL: a named lock (GET_LOCK) for the
 * database. SQLite file: an exclusive lock on a lock database next to it.
 */
export async function runMigrationsExclusively(
  ds: DataSource,
  lockWaitSeconds = MIGRATION_LOCK_WAIT_SECONDS,
): Promise<Migration[]> {
  const run = () => ds.runMigrations({ transaction: 'each' });
  if (ds.options.type === 'mysql') return withMysqlLock(ds, lockWaitSeconds, run);
  const file = String(ds.options.database ?? '');
  if (!file || file === ':memory:') return run();
  return withLockFile(`${file}.migrations.lock`, lockWaitSeconds, run);
}

async function withMysqlLock<T>(ds: DataSource, lockWaitSeconds: number, work: () => Promise<T>): Promise<T> {
  // The lock lives on this one connection; the migrations run on others of the pool.
  const runner = ds.createQueryRunner('master');
  await runner.connect();
  const name = "LEFT(CONCAT('bangga-macapat-migrations:', DATABASE()), 64)";
  try {
    const [{ got }] = (await runner.query(`SELECT GET_LOCK(${name}, ?) AS got`, [lockWaitSeconds])) as {
      got: number | string | null;
    }[];
    if (Number(got) !== 1)
      throw new Error(
        `Another process kept the migration lock for ${lockWaitSeconds} s; not starting on a half-migrated database`,
      );
    return await work();
  } finally {
    await runner.query(`SELECT RELEASE_LOCK(${name})`).catch(() => undefined);
    await runner.release();
  }
}

/**
 * SQLite: an exclusive transaction on a small lock database next to the data file. SQLite's file locks are
 * the operating system's, so they work between processes and containers sharing the volume, and a holder
 * that dies (kill -9 mid-migration) releases its lock with its process: nothing stale is ever left to judge.
 */
async function withLockFile<T>(path: string, lockWaitSeconds: number, work: () => Promise<T>): Promise<T> {
  // No busy timeout: better-sqlite3 would block this whole process while it waits; this loop waits asynchronously.
  const lock = new Database(path, { timeout: 0 });
  try {
    const until = Date.now() + lockWaitSeconds * 1000;
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        if (Date.now() > until) {
          throw new Error(
            `Another process kept ${path} for ${lockWaitSeconds} s; not starting on a half-migrated database`,
            { cause: err },
          );
        }
        await sleep(100);
      }
    }
    try {
      return await work();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

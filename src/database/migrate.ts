import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, Migration } from 'typeorm';

/** Seconds a starting process waits for another one's migrations before it gives up. */
export const MIGRATION_LOCK_WAIT_SECONDS = 600;

/**
 * Applies pending migrations, one transaction each, one process at a time: instances started together
 * after a deploy take turns, the first applies the migrations and the others find none pending. Without
 * it they race to create the same tables (TypeORM checks what is pending before any transaction, and MySQL
 * DDL is not transactional anyway), and the loser stops half-way. MySQL: a named lock (GET_LOCK) for the
 * database. SQLite file: a lock file next to it, created exclusively.
 */
export async function runMigrationsExclusively(ds: DataSource, lockWaitSeconds = MIGRATION_LOCK_WAIT_SECONDS): Promise<Migration[]> {
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
    const [{ got }] = (await runner.query(`SELECT GET_LOCK(${name}, ?) AS got`, [lockWaitSeconds])) as { got: number | string | null }[];
    if (Number(got) !== 1) throw new Error(`Another process kept the migration lock for ${lockWaitSeconds} s; not starting on a half-migrated database`);
    return await work();
  } finally {
    await runner.query(`SELECT RELEASE_LOCK(${name})`).catch(() => undefined);
    await runner.release();
  }
}

/** When this process started (ms): with the pid it tells a holder apart from an earlier process that had the same pid. */
const PROCESS_STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);

/** The holder's pid is in the file; a file left by a process that died (kill -9 mid-migration) is taken over. */
async function withLockFile<T>(path: string, lockWaitSeconds: number, work: () => Promise<T>): Promise<T> {
  const until = Date.now() + lockWaitSeconds * 1000;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid} ${PROCESS_STARTED_AT}`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (holderIsGone(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > until) {
        throw new Error(`Another process kept ${path} for ${lockWaitSeconds} s; not starting on a half-migrated database`, { cause: err });
      }
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}

function holderIsGone(path: string): boolean {
  let pid: number;
  let startedAt: number;
  try {
    [pid, startedAt] = readFileSync(path, 'utf8').split(' ').map(Number);
  } catch {
    return false; // removed meanwhile: look again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false; // still being written
  // Our own pid: another data source of this process holds it, or (a restarted container is pid 1 again) a
  // previous incarnation of this process that never removed it.
  if (pid === process.pid) return Math.abs(startedAt - PROCESS_STARTED_AT) > 1000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

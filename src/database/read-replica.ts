import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs reads that may lag behind the last write (public listings, reports) on a read replica when
 * DATABASE_REPLICA_URLS configures some; everything else, and every read right after a write, stays
 * on the primary (the data source's default mode). Without replicas it is simply the primary.
 */
export async function onReplica<T>(ds: DataSource, read: (em: EntityManager) => Promise<T>): Promise<T> {
  const options = ds.options as { replication?: unknown };
  if (!options.replication) return read(ds.manager);
  const runner = ds.createQueryRunner('slave');
  try {
    return await read(runner.manager);
  } finally {
    await runner.release();
  }
}

import { type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import { BroadcasterResult } from 'typeorm/subscriber/BroadcasterResult.js';

/** The part of a mysql2 connection a statement needs: its callback API, no promise wrapper. */
interface MysqlConnection {
  query(
    options: { sql: string; values: unknown[]; timeout?: number },
    callback: (err: Error | null, result: unknown) => void,
  ): void;
}

interface StatementOptions {
  enableQueryTimeout?: boolean;
  maxQueryExecutionTime?: number;
}

/**
 * `em.query(sql, params)` for the statements of the busiest routes (the token check's user read, registration,
 * check-in, the event list). On MySQL the statement goes straight to the mysql2 connection of the entity
 * manager's query runner (a transaction's; else one taken from the pool for it): TypeORM's own `query` also
 * awaits two subscriber broadcasts, loads and builds a promise wrapper around the connection and copies the
 * rows, on every statement, which cost more CPU than the driver's work for it (`npm run bench`, issue 17).
 * The result is the driver's, as `em.query` returns it. What TypeORM's `query` does that matters is kept: the
 * per-statement timeout, the slow-statement log, the error wrapped in `QueryFailedError`, and the after-query
 * event on failure, on which src/database/stalled-connections.ts drops a connection that stopped answering.
 * SQLite keeps `em.query`: its driver is synchronous and has no such costs.
 */
export async function runStatement<T = unknown>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T> {
  if (em.connection.options.type !== 'mysql') return (await em.query(sql, params)) as T;
  const own = em.queryRunner;
  if (own?.isReleased) return (await em.query(sql, params)) as T;
  const runner = own ?? em.connection.createQueryRunner();
  try {
    return await onRunner<T>(em, runner, sql, params);
  } finally {
    if (!own) await runner.release();
  }
}

async function onRunner<T>(em: EntityManager, runner: QueryRunner, sql: string, params: unknown[]): Promise<T> {
  const connection = (await runner.connect()) as MysqlConnection;
  const options = em.connection.options as StatementOptions;
  const limit = options.maxQueryExecutionTime;
  const startedAt = Date.now();
  try {
    return await new Promise<T>((resolve, reject) => {
      connection.query(
        options.enableQueryTimeout && limit ? { sql, values: params, timeout: limit } : { sql, values: params },
        (err, result) => (err ? reject(err) : resolve(result as T)),
      );
    });
  } catch (err) {
    const elapsed = Date.now() - startedAt;
    em.connection.logger.logQueryError(err as Error, sql, params, runner);
    const heard = new BroadcasterResult();
    runner.broadcaster.broadcastAfterQueryEvent(heard, sql, params, false, elapsed, undefined, err);
    await heard.wait();
    throw new QueryFailedError(sql, params, err as Error);
  } finally {
    const elapsed = Date.now() - startedAt;
    if (limit && elapsed > limit) em.connection.logger.logQuerySlow(elapsed, sql, params, runner);
  }
}

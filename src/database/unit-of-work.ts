import { Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { isSqliteBusy, isTransientLockError } from '../common/db-errors.js';
import { rowById } from './row-statements.js';
import { SerialQueue } from './serial-queue.js';

/** What a transaction's query runner carries for the entity subscribers (TypeORM's `QueryRunner.data`). */
interface TransactionData {
  actor: Actor | null;
}

/** The actor a change is made for, as `UnitOfWork.run` left it on the transaction's query runner. */
export function actorOf(queryRunner: QueryRunner | undefined): Actor | null {
  return (queryRunner?.data as Partial<TransactionData> | undefined)?.actor ?? null;
}

/** Attempts of one transaction on deadlocks and lock timeouts before the request is answered 503. */
export const MAX_ATTEMPTS = 3;
const BUSY = 'The database is busy; please retry shortly.';

/**
 * The one way services write to the database: a transaction (READ COMMITTED on MySQL), retried a
 * bounded number of times on deadlocks and lock timeouts, answered 503 when it still cannot get
 * its locks. Audit rows are written by the audit subscriber inside the same transaction.
 * On SQLite a write lock held by another process is answered 503 after one busy timeout.
 */
@Injectable()
export class UnitOfWork implements OnModuleInit {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly sqliteQueue = new SerialQueue();
  readonly isSqlite: boolean;
  /**
   * Seconds one attempt waits for a lock someone else holds
   * (DB_LOCK_WAIT_SECONDS): InnoDB lock wait, SQLite busy timeout.
   */
  private readonly lockWaitSeconds: number;
  /**
   * SQLite: until then another process is known to hold the file's write lock, because an attempt just
   * waited the whole busy timeout for it in vain. That wait blocks this whole process (the driver is
   * synchronous), so meanwhile transactions do not wait: they run if the lock is free, else get 503 at once.
   */
  private sqliteLockedUntil = 0;
  /** MySQL connections of the pool whose session settings are made (see prepareSession). */
  private readonly preparedSessions = new WeakSet<object>();

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
    this.lockWaitSeconds = config.dbLockWaitSeconds;
  }

  async onModuleInit(): Promise<void> {
    // One connection serves the whole SQLite process, so this applies to every statement.
    if (this.isSqlite) await this.dataSource.query(`PRAGMA busy_timeout = ${this.lockWaitSeconds * 1000}`);
  }

  /**
   * Runs `work` in a transaction on behalf of `actor` (null for the system's own work: the start-up admin,
   * sign-in bookkeeping, the demo seed's partners and accounts). The actor rides on the transaction's query
   * runner, where the audit subscriber reads it.
   */
  async run<T>(actor: Actor | null, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const withActor = async (em: EntityManager) => {
      const runner = em.queryRunner as QueryRunner;
      runner.data = { actor } satisfies TransactionData;
      try {
        return await work(em);
      } finally {
        // SQLite's one query runner serves every transaction in turn: no actor may outlive its own.
        runner.data = {};
      }
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(withActor);
      } catch (err) {
        if (!isTransientLockError(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          this.logger.warn(
            { req: { id: actor?.requestId } },
            `transaction gave up after ${attempt} attempts: ${(err as Error).message}`,
          );
          throw new ServiceUnavailableException(BUSY, { cause: err });
        }
        await sleep(20 * attempt + Math.floor(Math.random() * 30));
      }
    }
  }

  private async attempt<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isSqlite) {
      return this.sqliteQueue.run(async () => {
        // Another process held the write lock through a whole busy timeout moments ago: take it only if it
        // is free right now, instead of blocking this process for another busy timeout.
        const heldElsewhere = Date.now() < this.sqliteLockedUntil;
        if (heldElsewhere) await this.dataSource.query('PRAGMA busy_timeout = 0');
        try {
          const result = await this.dataSource.transaction(async (em) => {
            // BEGIN is deferred. A transaction that reads and then writes cannot wait for a write lock another
            // process holds (SQLite calls no busy handler when a reader upgrades: SQLITE_BUSY at once), and its
            // snapshot goes stale when that process commits (SQLITE_BUSY_SNAPSHOT). A no-op write as the first
            // statement takes the write lock up front, waiting up to the busy timeout, as BEGIN IMMEDIATE would.
            await em.query('DELETE FROM migrations WHERE 0');
            return work(em);
          });
          this.sqliteLockedUntil = 0;
          return result;
        } catch (err) {
          if (!isSqliteBusy(err)) throw err;
          // SQLite's busy handler already kept trying for the whole lock wait: no retry, 503 now.
          if (!heldElsewhere) {
            this.sqliteLockedUntil = Date.now() + this.lockWaitSeconds * 1000;
            this.logger.warn(`the SQLite write lock is held by another process: ${(err as Error).message}`);
          }
          throw new ServiceUnavailableException(BUSY, { cause: err });
        } finally {
          if (heldElsewhere) await this.dataSource.query(`PRAGMA busy_timeout = ${this.lockWaitSeconds * 1000}`);
        }
      });
    }
    // As dataSource.transaction() does, but the isolation level and lock wait are session settings made once
    // per pooled connection, instead of two more statements (round trips) in every transaction.
    const runner = this.dataSource.createQueryRunner();
    try {
      await this.prepareSession(runner);
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (err) {
        // The original error is the one to report, even if the rollback fails as well.
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * READ COMMITTED and the lock wait limit for every transaction on this MySQL connection. They stay set
   * for the connection's life; nothing else runs explicit transactions that would expect other values.
   */
  private async prepareSession(runner: QueryRunner): Promise<void> {
    await runner.connect();
    const connection = (runner as { databaseConnection?: object }).databaseConnection;
    if (connection && this.preparedSessions.has(connection)) return;
    await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await runner.query(`SET SESSION innodb_lock_wait_timeout = ${this.lockWaitSeconds}`);
    if (connection) this.preparedSessions.add(connection);
  }

  /**
   * Takes the row lock that serialises every writer of one aggregate (an event's seats, a studio's
   * calendar). On SQLite the whole transaction already runs alone, so only the existence check remains.
   * Returns false when the row does not exist.
   */
  async lock<E extends ObjectLiteral>(em: EntityManager, target: EntityTarget<E>, id: string): Promise<boolean> {
    const qb = em.createQueryBuilder(target, 't').select('t.id').where('t.id = :id', { id });
    if (!this.isSqlite) qb.setLock('pessimistic_write');
    return (await qb.getRawOne()) !== undefined;
  }

  /**
   * `lock` and the row itself in one query: the locked row (only the given columns), or null when it
   * does not exist.
   */
  lockedRow<E extends ObjectLiteral, K extends keyof E & string>(
    em: EntityManager,
    target: EntityTarget<E>,
    id: string,
    columns: readonly K[],
  ): Promise<Pick<E, K> | null> {
    return rowById(em, target, id, columns, { forUpdate: !this.isSqlite });
  }
}

import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isTransientLockError } from './db-errors.js';
import { SerialQueue } from './serial-queue.js';

const MAX_ATTEMPTS = 3;
/** Seconds a MySQL transaction waits for a row lock before giving up (then retried, then 503). */
const LOCK_WAIT_SECONDS = 5;

/**
 * The one way services write to the database: a transaction (READ COMMITTED on MySQL), retried a
 * bounded number of times on deadlocks and lock timeouts, answered 503 when it still cannot get
 * its locks. Audit rows are written by the audit subscriber inside the same transaction.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly sqliteQueue = new SerialQueue();
  readonly isSqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(work);
      } catch (err) {
        if (!isTransientLockError(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          this.logger.warn(`transaction gave up after ${attempt} attempts: ${(err as Error).message}`);
          throw new ServiceUnavailableException('The database is busy; please retry shortly.');
        }
        await sleep(20 * attempt + Math.floor(Math.random() * 30));
      }
    }
  }

  private attempt<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isSqlite) return this.sqliteQueue.run(() => this.dataSource.transaction(work));
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      await em.query(`SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_SECONDS}`);
      return work(em);
    });
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
}

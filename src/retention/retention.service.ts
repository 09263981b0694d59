import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { describeDbError } from '../common/db-errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { claimLease, renewLease } from './leases.js';
import { RETENTION_RULES, type RetentionRule } from './retention-rules.js';

export const RETENTION_LEASE = 'retention';
/** Rows per transaction: a big backlog is deleted in many short transactions, never one long lock. */
export const RETENTION_BATCH_SIZE = 500;
/** Batches per rule and run: bounds one run's time; what is left goes in the next run. */
const MAX_BATCHES_PER_RULE = 200;
/** The lease outlives a run that dies with its process by at most this (or the interval, if longer). */
const MIN_LEASE_MS = 5 * 60 * 1000;
/** The first run comes this long after start-up (or after one interval, if shorter), not during it. */
const FIRST_RUN_DELAY_MS = 60 * 1000;

export interface RetentionReport {
  /** Rows deleted per rule (RETENTION_RULES labels): counts only, nothing about whose rows they were. */
  purged: Record<string, number>;
  ms: number;
}

/**
 * Deletes what the platform no longer needs (retention-rules.ts): stored idempotent answers, spent login
 * failures, long-dead refresh tokens. Runs in every process every RETENTION_INTERVAL_MINUTES (0: never), but a
 * lease row lets one process do a run: the one holding it keeps it for an interval and renews it on its next
 * run, and when that process dies another takes over once the lease has expired.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  /** This instance, as the lease row names it. */
  readonly holder = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID()}`;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'retentionIntervalMinutes'>,
  ) {
    this.intervalMs = config.retentionIntervalMinutes * 60 * 1000;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule(Math.min(this.intervalMs, FIRST_RUN_DELAY_MS));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A run in progress stops after its current batch; the database must outlive it.
    await this.running;
  }

  /**
   * One run, if this instance gets the lease: every rule, in batches, with `now` fixed at the start.
   * Returns what it deleted, or null when another instance holds the lease.
   */
  async run(now = new Date()): Promise<RetentionReport | null> {
    const leaseMs = Math.max(this.intervalMs, MIN_LEASE_MS);
    let leaseUntil = now.getTime() + leaseMs;
    const claimed = await this.uow.run(null, (em) =>
      claimLease(em, RETENTION_LEASE, this.holder, now, new Date(leaseUntil)),
    );
    if (!claimed) return null;
    const started = Date.now();
    const purged: Record<string, number> = {};
    for (const rule of RETENTION_RULES) {
      purged[rule.label] = 0;
      const cutoff = rule.cutoff(now);
      for (let batch = 0; batch < MAX_BATCHES_PER_RULE && !this.stopped; batch++) {
        if (Date.now() > leaseUntil - leaseMs / 2) {
          leaseUntil = Date.now() + leaseMs;
          const kept = await this.uow.run(null, (em) =>
            renewLease(em, RETENTION_LEASE, this.holder, new Date(leaseUntil)),
          );
          if (!kept) {
            this.logger.warn({ purged }, 'retention run stopped: its lease was taken over');
            return { purged, ms: Date.now() - started };
          }
        }
        const deleted = await this.uow.run(null, (em) => purgeBatch(em, rule, cutoff, RETENTION_BATCH_SIZE));
        purged[rule.label] += deleted;
        if (deleted < RETENTION_BATCH_SIZE) break;
      }
    }
    const report = { purged, ms: Date.now() - started };
    this.logger.log(report, 'retention run');
    return report;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run()
        .catch((err: unknown) =>
          this.logger.warn({ err: describeDbError(err) }, 'retention run failed; trying again next interval'),
        )
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
    // A pending run never keeps the process alive.
    this.timer.unref();
  }
}

/**
 * Deletes up to `limit` rows of the rule older than `cutoff`, by primary key, and returns how many went. The
 * delete checks the cutoff again: a row may have been renewed in between (an idempotency key re-claimed).
 */
export async function purgeBatch(em: EntityManager, rule: RetentionRule, cutoff: Date, limit: number): Promise<number> {
  const rows = await em
    .createQueryBuilder()
    .select(`t.${rule.idColumn}`, 'id')
    .from(rule.table, 't')
    .where(`t.${rule.column} < :cutoff`, { cutoff })
    .limit(limit)
    .getRawMany<{ id: string }>();
  if (rows.length === 0) return 0;
  const result = await em
    .createQueryBuilder()
    .delete()
    .from(rule.table)
    .where(`${rule.idColumn} IN (:...ids)`, { ids: rows.map((r) => r.id) })
    .andWhere(`${rule.column} < :cutoff`, { cutoff })
    .execute();
  return result.affected ?? rows.length;
}

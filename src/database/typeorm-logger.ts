import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, QueryRunner } from 'typeorm';
import { actorOf } from './unit-of-work.js';

/**
 * TypeORM's own messages through the application's logger, without SQL parameters: they hold password
 * hashes, NIK hashes and ciphertexts, phones and e-mails. (With `logging: false` TypeORM still prints slow
 * queries, parameters included, straight to the console once `maxQueryExecutionTime` is set.) Query and
 * query-error lines are left out: failures reach the problem-details filter, which logs the unexpected ones.
 */
export class TypeormLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {}

  logQueryError(): void {}

  logQuerySlow(time: number, query: string, _parameters?: unknown, queryRunner?: QueryRunner): void {
    // The statement's first words say which query it was; its values stay out.
    const statement = query.replace(/\s+/g, ' ').slice(0, 80);
    this.logger.warn({ ms: time, statement, req: { id: actorOf(queryRunner)?.requestId } }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.log(message);
  }
}

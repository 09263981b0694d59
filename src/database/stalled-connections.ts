import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AfterQueryEvent, DataSource, EntitySubscriberInterface } from 'typeorm';
import { actorOf } from './unit-of-work.js';

/**
 * Drops a MySQL connection whose query got no answer within DB_QUERY_TIMEOUT_SECONDS. mysql2 fails such a
 * query but keeps the connection, with the unanswered command still at the head of its queue: the rollback
 * and every later user of that pooled connection would wait behind it. Destroyed, it leaves the pool, and
 * the rollback fails at once (the server ends the transaction when it sees the connection gone).
 */
@Injectable()
export class StalledConnectionSubscriber implements EntitySubscriberInterface {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  afterQuery(event: AfterQueryEvent): void {
    if (event.success || (event.error as { code?: string } | undefined)?.code !== 'PROTOCOL_SEQUENCE_TIMEOUT') return;
    const connection = (event.queryRunner as { databaseConnection?: { destroy?: () => void } } | undefined)
      ?.databaseConnection;
    if (!connection?.destroy) return;
    this.logger.warn(
      { req: { id: actorOf(event.queryRunner)?.requestId } },
      `no answer from the database within the query timeout ` +
        `(${event.executionTime ?? '?'} ms); dropping the connection`,
    );
    connection.destroy();
  }
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { instant, int, text, uuidRef, varchar } from './support.js';

export class IdempotencyKeys1764300100000 implements MigrationInterface {
  name = 'IdempotencyKeys1764300100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...varchar('id', 64), isPrimary: true },
          uuidRef('user_id'),
          varchar('request_hash', 64),
          int('status_code', { nullable: true }),
          text('response_body'),
          instant(qr, 'created_at'),
        ],
        indices: [{ name: 'IDX_idempotency_keys_created', columnNames: ['created_at'] }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('idempotency_keys');
  }
}

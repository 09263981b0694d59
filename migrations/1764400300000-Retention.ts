import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { instant, varchar } from './support.js';

/**
 * The retention job (src/retention/): a lease row per periodic job, so with several processes on one
 * database only one runs it at a time, and indexes on the columns it purges by, so each bounded batch finds
 * its old rows without scanning the table. An index is added only where its table and column exist: the way
 * login attempts are stored may change in a migration before this one.
 */
const INDEXES = [
  { table: 'login_failures', column: 'created_at', name: 'IDX_login_failures_created' },
  { table: 'refresh_tokens', column: 'expires_at', name: 'IDX_refresh_tokens_expires' },
  { table: 'refresh_tokens', column: 'revoked_at', name: 'IDX_refresh_tokens_revoked' },
];

export class Retention1764400300000 implements MigrationInterface {
  name = 'Retention1764400300000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'leases',
        columns: [{ ...varchar('name', 64), isPrimary: true }, varchar('holder', 100), instant(qr, 'expires_at')],
      }),
    );
    for (const { table, column, name } of INDEXES) {
      if ((await qr.hasTable(table)) && (await qr.hasColumn(table, column))) {
        await qr.createIndex(table, new TableIndex({ name, columnNames: [column] }));
      }
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const { table, name } of [...INDEXES].reverse()) {
      const found = (await qr.getTable(table))?.indices.some((index) => index.name === name);
      if (found) await qr.dropIndex(table, name);
    }
    await qr.dropTable('leases');
  }
}

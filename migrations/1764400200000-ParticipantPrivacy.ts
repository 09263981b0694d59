import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { instant, text, varchar } from './support.js';

/**
 * Personal-data hardening of participants (issue 10):
 * - `nik_masked` goes. It kept 8 of the 16 NIK digits in plain text beside birth date and gender, which
 *   left two unknown digits; masks are now built when answering, from the ciphertext. The values are
 *   overwritten before the column is dropped, because MySQL and MariaDB drop a column instantly and
 *   leave the old values in the rows until the table is rebuilt.
 * - `nik_change_limits`: NIK settings and changes per account and per client address (sliding windows,
 *   one row per key, locked while a change is counted), shared by every process on the database.
 */
export class ParticipantPrivacy1764400200000 implements MigrationInterface {
  name = 'ParticipantPrivacy1764400200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('UPDATE participants SET nik_masked = NULL WHERE nik_masked IS NOT NULL');
    // SQLite: TypeORM rebuilds the table without the column (indexes kept); MySQL: ALTER TABLE … DROP COLUMN.
    await qr.dropColumn('participants', 'nik_masked');
    await qr.createTable(
      new Table({
        name: 'nik_change_limits',
        columns: [
          // A keyed hash of the account id or client address: no address is stored in plain text.
          { ...varchar('limit_key', 64), isPrimary: true },
          // JSON array of the epoch milliseconds of the changes still inside the window.
          text('attempts', false),
          instant(qr, 'updated_at'),
        ],
        indices: [{ name: 'IDX_nik_change_limits_updated', columnNames: ['updated_at'] }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('nik_change_limits');
    // The stored masks cannot come back (that needs the encryption
    // key): the older code shows null until a profile is saved again.
    await qr.addColumn('participants', new TableColumn(varchar('nik_masked', 16, true)));
  }
}

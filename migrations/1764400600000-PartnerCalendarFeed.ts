import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A partner's own calendar feed (its bookings, pending and approved), opened by a secret token that its
 * users can rotate. Null until first asked for: the token is made then, so no per-row random values are
 * needed here on either database.
 */
export class PartnerCalendarFeed1764400600000 implements MigrationInterface {
  name = 'PartnerCalendarFeed1764400600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn(
      'partners',
      new TableColumn({ name: 'calendar_token', type: 'varchar', length: '64', isNullable: true }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('partners', 'calendar_token');
  }
}

import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The public list filtered by pillar or kecamatan (the web app's two filters): with (status, starts_at) alone
 * its COUNT(*) read the whole events table and its page sorted every public event. With the filter column
 * between status and start, the count is an index range and the page reads the index in start order.
 */
export class EventListIndexes1764400700000 implements MigrationInterface {
  name = 'EventListIndexes1764400700000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createIndex(
      'events',
      new TableIndex({ name: 'IDX_events_status_pillar_starts', columnNames: ['status', 'pillar', 'starts_at'] }),
    );
    await qr.createIndex(
      'events',
      new TableIndex({
        name: 'IDX_events_status_kecamatan_starts',
        columnNames: ['status', 'kecamatan_code', 'starts_at'],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('events', 'IDX_events_status_kecamatan_starts');
    await qr.dropIndex('events', 'IDX_events_status_pillar_starts');
  }
}

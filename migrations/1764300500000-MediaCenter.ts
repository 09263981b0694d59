import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { instant, int, text, timestamps, uuidPk, uuidRef, varchar } from './support.js';

/** Media center: studios, their closures and the partners' bookings. */
export class MediaCenter1764300500000 implements MigrationInterface {
  name = 'MediaCenter1764300500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'studios',
        columns: [
          uuidPk(),
          varchar('name', 150),
          varchar('location', 300, true),
          text('description'),
          int('capacity', { nullable: true }),
          text('opening_hours', false),
          int('slot_minutes', { default: 30 }),
          int('buffer_minutes', { default: 15 }),
          int('min_notice_hours', { default: 24 }),
          int('max_duration_minutes', { default: 180 }),
          int('max_advance_days', { default: 60 }),
          int('max_active_bookings_per_partner', { default: 4 }),
          varchar('calendar_token', 64),
          ...timestamps(qr),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'studio_closures',
        columns: [
          uuidPk(),
          uuidRef('studio_id'),
          instant(qr, 'starts_at'),
          instant(qr, 'ends_at'),
          varchar('reason', 300),
          uuidRef('created_by'),
          timestamps(qr)[0],
        ],
        indices: [{ name: 'IDX_studio_closures_studio_starts', columnNames: ['studio_id', 'starts_at'] }],
        foreignKeys: [
          {
            name: 'FK_studio_closures_studio',
            columnNames: ['studio_id'],
            referencedTableName: 'studios',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'bookings',
        columns: [
          uuidPk(),
          uuidRef('studio_id'),
          uuidRef('partner_id'),
          uuidRef('created_by'),
          instant(qr, 'starts_at'),
          instant(qr, 'ends_at'),
          varchar('topic', 200),
          text('description'),
          int('guest_count', { nullable: true }),
          varchar('status', 20),
          varchar('status_reason', 500, true),
          uuidRef('decided_by', true),
          instant(qr, 'decided_at', true),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'IDX_bookings_studio_starts', columnNames: ['studio_id', 'starts_at'] },
          { name: 'IDX_bookings_partner_starts', columnNames: ['partner_id', 'starts_at'] },
        ],
        foreignKeys: [
          {
            name: 'FK_bookings_studio',
            columnNames: ['studio_id'],
            referencedTableName: 'studios',
            referencedColumnNames: ['id'],
          },
          {
            name: 'FK_bookings_partner',
            columnNames: ['partner_id'],
            referencedTableName: 'partners',
            referencedColumnNames: ['id'],
          },
          {
            name: 'FK_bookings_created_by',
            columnNames: ['created_by'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['bookings', 'studio_closures', 'studios']) await qr.dropTable(table);
  }
}

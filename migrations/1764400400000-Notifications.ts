import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { bool, instant, int, text, uuidPk, uuidRef, varchar } from './support.js';

/**
 * The notification outbox (src/notifications/): one row per message per channel, written in the same
 * transaction as the change it tells about. `dedupe_key` (kind, subject, recipient, channel) is unique,
 * so a repeated trigger inserts nothing; `(status, next_attempt_at)` serves the dispatcher's claim.
 * Preferences are per person: `owner_key` is `u:<user id>` for accounts, `p:<participant id>` for
 * participants without one (who can still turn email off through the unsubscribe link).
 */
export class Notifications1764400400000 implements MigrationInterface {
  name = 'Notifications1764400400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'notifications',
        columns: [
          uuidPk(),
          varchar('kind', 40),
          varchar('subject_type', 20),
          varchar('subject_id', 80),
          uuidRef('recipient_user_id', true),
          uuidRef('recipient_participant_id', true),
          varchar('channel', 10),
          text('payload', false),
          varchar('status', 10),
          int('attempts', { default: 0 }),
          instant(qr, 'next_attempt_at', true),
          varchar('last_error', 500, true),
          varchar('dedupe_key', 191),
          instant(qr, 'created_at'),
          instant(qr, 'sent_at', true),
          instant(qr, 'read_at', true),
        ],
        indices: [
          { name: 'UQ_notifications_dedupe', columnNames: ['dedupe_key'], isUnique: true },
          { name: 'IDX_notifications_due', columnNames: ['status', 'next_attempt_at'] },
          { name: 'IDX_notifications_user', columnNames: ['recipient_user_id', 'channel', 'created_at'] },
          { name: 'IDX_notifications_participant', columnNames: ['recipient_participant_id', 'channel', 'created_at'] },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [
          { ...varchar('owner_key', 40), isPrimary: true },
          bool('email', true),
          bool('whatsapp', true),
          instant(qr, 'updated_at'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('notification_preferences');
    await qr.dropTable('notifications');
  }
}

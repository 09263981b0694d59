import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { bool, date, instant, int, text, timestamps, uuidPk, uuidRef, varchar } from './support.js';

/** Participants (NIK encrypted, hash-indexed), events with seat counters, and registrations. */
export class Trainings1764300600000 implements MigrationInterface {
  name = 'Trainings1764300600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'participants',
        columns: [
          uuidPk(),
          uuidRef('user_id', true),
          varchar('full_name', 150),
          varchar('name_search', 150),
          text('nik_encrypted'),
          varchar('nik_hash', 64, true),
          varchar('nik_masked', 16, true),
          varchar('gender', 6),
          date('birth_date', true),
          int('birth_year'),
          varchar('phone', 20, true),
          varchar('email', 254, true),
          varchar('kecamatan_code', 8),
          varchar('village', 100, true),
          varchar('occupation', 20),
          bool('has_disability', false),
          instant(qr, 'consent_at'),
          varchar('consent_policy_version', 20),
          varchar('guardian_name', 150, true),
          bool('guardian_consent', false),
          instant(qr, 'erased_at', true),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'UQ_participants_user', columnNames: ['user_id'], isUnique: true },
          { name: 'UQ_participants_nik_hash', columnNames: ['nik_hash'], isUnique: true },
          { name: 'IDX_participants_name', columnNames: ['name_search'] },
          { name: 'IDX_participants_phone', columnNames: ['phone'] },
          { name: 'IDX_participants_kecamatan', columnNames: ['kecamatan_code'] },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'events',
        columns: [
          uuidPk(),
          varchar('title', 200),
          varchar('title_search', 200),
          text('description'),
          varchar('pillar', 20),
          varchar('format', 10),
          varchar('venue', 200, true),
          varchar('kecamatan_code', 8, true),
          varchar('online_url', 500, true),
          instant(qr, 'starts_at'),
          instant(qr, 'ends_at'),
          int('capacity'),
          bool('waitlist_enabled', true),
          instant(qr, 'registration_opens_at', true),
          instant(qr, 'registration_closes_at', true),
          varchar('target_groups', 200),
          varchar('status', 12),
          text('cancel_reason'),
          int('confirmed_count', { default: 0 }),
          int('waitlisted_count', { default: 0 }),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'IDX_events_status_starts', columnNames: ['status', 'starts_at'] },
          { name: 'IDX_events_starts', columnNames: ['starts_at'] },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'event_partners',
        columns: [
          { ...uuidRef('event_id'), isPrimary: true },
          { ...uuidRef('partner_id'), isPrimary: true },
        ],
        indices: [{ name: 'IDX_event_partners_partner', columnNames: ['partner_id'] }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'registrations',
        columns: [
          uuidPk(),
          uuidRef('event_id'),
          uuidRef('participant_id'),
          uuidRef('active_key', true),
          varchar('status', 12),
          int('waitlist_position', { nullable: true }),
          varchar('ticket_code', 10),
          varchar('source', 10),
          instant(qr, 'cancelled_at', true),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'UQ_registrations_ticket', columnNames: ['ticket_code'], isUnique: true },
          { name: 'UQ_registrations_active', columnNames: ['event_id', 'active_key'], isUnique: true },
          { name: 'IDX_registrations_event_status', columnNames: ['event_id', 'status', 'waitlist_position'] },
          { name: 'IDX_registrations_participant', columnNames: ['participant_id'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['registrations', 'event_partners', 'events', 'participants']) {
      await qr.dropTable(table);
    }
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { date, instant, int, timestamps, uuidRef, varchar } from './support.js';

/**
 * Check-ins (one per registration: the primary key is what makes a second scan harmless, even from
 * another process), issued certificates, and on registrations the certificate number and the age
 * kept when a participant's birth date is erased.
 */
export class Attendance1764300700000 implements MigrationInterface {
  name = 'Attendance1764300700000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'check_ins',
        columns: [
          { ...uuidRef('registration_id'), isPrimary: true },
          uuidRef('event_id'),
          uuidRef('participant_id'),
          instant(qr, 'checked_in_at'),
          uuidRef('checked_in_by'),
          ...timestamps(qr),
        ],
        indices: [{ name: 'IDX_check_ins_event', columnNames: ['event_id'] }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'certificates',
        columns: [
          { ...varchar('number', 24), isPrimary: true },
          uuidRef('registration_id'),
          uuidRef('participant_id'),
          // The name as issued; cleared when the participant's data is erased.
          varchar('participant_name', 150, true),
          varchar('event_title', 200),
          varchar('pillar', 20),
          date('event_date'),
          instant(qr, 'issued_at'),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'UQ_certificates_registration', columnNames: ['registration_id'], isUnique: true },
          { name: 'IDX_certificates_participant', columnNames: ['participant_id'] },
        ],
      }),
    );

    await qr.addColumns('registrations', [
      new TableColumn(varchar('certificate_number', 24, true)),
      new TableColumn(int('age_at_event', { nullable: true })),
    ]);
    await qr.createIndex(
      'registrations',
      new TableIndex({ name: 'UQ_registrations_certificate', columnNames: ['certificate_number'], isUnique: true }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('registrations', 'UQ_registrations_certificate');
    await qr.dropColumn('registrations', 'age_at_event');
    await qr.dropColumn('registrations', 'certificate_number');
    await qr.dropTable('certificates');
    await qr.dropTable('check_ins');
  }
}

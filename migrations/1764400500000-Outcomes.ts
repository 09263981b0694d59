import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { instant, int, isMysql, text, timestamps, uuidPk, uuidRef, varchar } from './support.js';

/**
 * Learning outcomes and online attendance (issue 16):
 * - check_ins.source: how the attendance was recorded, `staff` (scan, registration id or walk-in at the
 *   door) or `code` (the participant entered the attendance code of an online session);
 * - attendance_codes: the short codes staff open for a time window, and attendance_code_guesses, every
 *   self check-in attempt per account and client address, the rate limit's shared counter;
 * - quiz_versions: a pillar's question set, one immutable row per version, so a changed set never
 *   changes a past score; quiz_attempts: one pre and one post test per registration (primary key), scored
 *   against the version it was taken on; evaluations: one rating per registration (primary key).
 */
export class Outcomes1764400500000 implements MigrationInterface {
  name = 'Outcomes1764400500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('check_ins', new TableColumn({ ...varchar('source', 10), default: "'staff'" }));

    await qr.createTable(
      new Table({
        name: 'attendance_codes',
        columns: [
          uuidPk(),
          uuidRef('event_id'),
          varchar('code', 12),
          instant(qr, 'valid_from'),
          instant(qr, 'valid_until'),
          uuidRef('created_by'),
          ...timestamps(qr),
        ],
        indices: [{ name: 'IDX_attendance_codes_event_code', columnNames: ['event_id', 'code'] }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'attendance_code_guesses',
        columns: [uuidPk(), uuidRef('account_id'), varchar('client_address', 64), instant(qr, 'created_at')],
        indices: [
          { name: 'IDX_code_guesses_account', columnNames: ['account_id', 'created_at'] },
          { name: 'IDX_code_guesses_address', columnNames: ['client_address', 'created_at'] },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'quiz_versions',
        columns: [
          uuidPk(),
          varchar('pillar', 20),
          int('version'),
          int('question_count'),
          // JSON: [{text, options: string[], correctIndex}]; up to ~90 KB of UTF-8, past MySQL's 64 KB TEXT.
          { ...text('questions', false), type: isMysql(qr) ? 'mediumtext' : 'text' },
          uuidRef('created_by'),
          ...timestamps(qr),
        ],
        indices: [{ name: 'UQ_quiz_versions_pillar_version', columnNames: ['pillar', 'version'], isUnique: true }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'quiz_attempts',
        // The primary key (registration_id, phase) allows one attempt per phase, and keeps each attempt's
        // score in the row the report's join finds by that key (no second lookup per registration).
        columns: [
          { ...uuidRef('registration_id'), isPrimary: true },
          { ...varchar('phase', 4), isPrimary: true },
          uuidRef('quiz_version_id'),
          int('correct_count'),
          int('question_count'),
          int('score'),
          // JSON: the chosen option index per question
          text('answers', false),
          ...timestamps(qr),
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'evaluations',
        columns: [
          { ...uuidRef('registration_id'), isPrimary: true },
          int('rating'),
          text('comment'),
          ...timestamps(qr),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('evaluations');
    await qr.dropTable('quiz_attempts');
    await qr.dropTable('quiz_versions');
    await qr.dropTable('attendance_code_guesses');
    await qr.dropTable('attendance_codes');
    await qr.dropColumn('check_ins', 'source');
  }
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bool, instant, text, timestamps, uuidPk, uuidRef, varchar } from './support.js';

/** Official codes of the 18 kecamatan of Kabupaten Purbalingga (Kemendagri 33.03.xx). */
export const PURBALINGGA_KECAMATAN: [string, string][] = [
  ['33.03.01', 'Kemangkon'],
  ['33.03.02', 'Bukateja'],
  ['33.03.03', 'Kejobong'],
  ['33.03.04', 'Kaligondang'],
  ['33.03.05', 'Purbalingga'],
  ['33.03.06', 'Kalimanah'],
  ['33.03.07', 'Kutasari'],
  ['33.03.08', 'Mrebet'],
  ['33.03.09', 'Bobotsari'],
  ['33.03.10', 'Karangreja'],
  ['33.03.11', 'Karanganyar'],
  ['33.03.12', 'Karangmoncol'],
  ['33.03.13', 'Rembang'],
  ['33.03.14', 'Bojongsari'],
  ['33.03.15', 'Padamara'],
  ['33.03.16', 'Pengadegan'],
  ['33.03.17', 'Karangjambu'],
  ['33.03.18', 'Kertanegara'],
];

export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'kecamatan',
        columns: [{ ...varchar('code', 8), isPrimary: true }, varchar('name', 60)],
      }),
    );
    for (const [code, name] of PURBALINGGA_KECAMATAN) {
      await qr.query('INSERT INTO kecamatan (code, name) VALUES (?, ?)', [code, name]);
    }

    await qr.createTable(
      new Table({
        name: 'partners',
        columns: [
          uuidPk(),
          varchar('name_key', 150),
          varchar('name', 150),
          varchar('type', 20),
          text('description'),
          varchar('contact_name', 150, true),
          varchar('contact_email', 254, true),
          varchar('contact_phone', 20, true),
          varchar('website', 300, true),
          bool('is_active', true),
          ...timestamps(qr),
        ],
        indices: [{ name: 'UQ_partners_name_key', columnNames: ['name_key'], isUnique: true }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          uuidPk(),
          varchar('email', 254),
          varchar('password_hash', 255),
          varchar('full_name', 150),
          varchar('phone', 20, true),
          varchar('role', 20),
          uuidRef('partner_id', true),
          bool('is_active', true),
          ...timestamps(qr),
        ],
        indices: [
          { name: 'UQ_users_email', columnNames: ['email'], isUnique: true },
          { name: 'IDX_users_role', columnNames: ['role'] },
        ],
        foreignKeys: [
          {
            name: 'FK_users_partner',
            columnNames: ['partner_id'],
            referencedTableName: 'partners',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          uuidPk(),
          uuidRef('user_id'),
          uuidRef('family_id'),
          varchar('token_hash', 64),
          instant(qr, 'expires_at'),
          instant(qr, 'used_at', true),
          instant(qr, 'revoked_at', true),
          instant(qr, 'created_at'),
        ],
        indices: [
          { name: 'UQ_refresh_tokens_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'IDX_refresh_tokens_family', columnNames: ['family_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_refresh_tokens_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'login_failures',
        columns: [uuidPk(), varchar('email', 254), varchar('client_address', 64), instant(qr, 'created_at')],
        indices: [{ name: 'IDX_login_failures_lookup', columnNames: ['email', 'client_address', 'created_at'] }],
      }),
    );

    await qr.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          uuidPk(),
          uuidRef('actor_id'),
          varchar('actor_role', 20),
          varchar('action', 10),
          varchar('entity_type', 40),
          varchar('entity_id', 64),
          text('before'),
          text('after'),
          varchar('request_id', 64, true),
          instant(qr, 'created_at'),
        ],
        indices: [
          { name: 'IDX_audit_logs_entity', columnNames: ['entity_type', 'entity_id'] },
          { name: 'IDX_audit_logs_created', columnNames: ['created_at'] },
          { name: 'IDX_audit_logs_actor', columnNames: ['actor_id', 'created_at'] },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'login_failures', 'refresh_tokens', 'users', 'partners', 'kecamatan']) {
      await qr.dropTable(table);
    }
  }
}

import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column builders that give the same schema on MySQL/MariaDB and SQLite. */
export const isMysql = (qr: QueryRunner) => qr.connection.options.type === 'mysql';

export const uuidPk = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: true,
});

export const uuidRef = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});

export const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export const text = (name: string, nullable = true): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

export const int = (name: string, options: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: options.nullable ?? false,
  ...(options.default !== undefined ? { default: options.default } : {}),
});

export const bool = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: defaultValue,
});

export const date = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'date',
  isNullable: nullable,
});

/** UTC instant with millisecond precision. */
export const instant = (qr: QueryRunner, name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  ...(isMysql(qr) ? { precision: 3 } : {}),
  isNullable: nullable,
});

/** created_at / updated_at filled by the database, as TypeORM's Create/UpdateDateColumn expect. */
export const timestamps = (qr: QueryRunner): TableColumnOptions[] => {
  const now = isMysql(qr) ? 'CURRENT_TIMESTAMP(3)' : "(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))";
  return [
    { ...instant(qr, 'created_at'), default: now },
    { ...instant(qr, 'updated_at'), default: now },
  ];
};

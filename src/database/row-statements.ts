import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { BroadcasterResult } from 'typeorm/subscriber/BroadcasterResult.js';
import { runStatement } from './statement.js';

/**
 * Single-row statements for the busiest paths (registration, check-in, the token check, audit rows),
 * written from TypeORM's entity metadata once per shape and then run with `em.query`. TypeORM's query
 * builders rebuild and re-scan the SQL text on every call, which cost more CPU per registration than all
 * the rest of the request together (bench/, docs/scaling.md). Values still pass through the driver's own
 * conversions and column transformers, so rows read and written here look exactly as TypeORM's would on
 * MySQL and SQLite alike.
 */

const insertSql = new WeakMap<EntityMetadata, Map<string, { sql: string; columns: ColumnMetadata[] }>>();
const selectSql = new WeakMap<EntityMetadata, Map<string, { sql: string; columns: ColumnMetadata[] }>>();

function cached<T>(
  store: WeakMap<EntityMetadata, Map<string, T>>,
  metadata: EntityMetadata,
  key: string,
  build: () => T,
): T {
  let byKey = store.get(metadata);
  if (!byKey) store.set(metadata, (byKey = new Map()));
  let entry = byKey.get(key);
  if (!entry) byKey.set(key, (entry = build()));
  return entry;
}

/**
 * Inserts one new row with one statement and nothing read back: the caller knows the row is new and sets
 * everything it later returns (createdAt, updatedAt; a generated uuid key left out is generated here), so
 * neither `save()`'s read-before-write nor the reload after the insert is needed. Columns left undefined get
 * their database default, except those with a transformer, which decides as in TypeORM. Entity subscribers
 * and listeners see the insert as they see a save (`listeners: false` for the audit trail's own rows), so
 * audited entities get their audit row in the same transaction just the same.
 */
export async function insertRow<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  row: E,
  options: { listeners?: boolean } = {},
): Promise<E> {
  const metadata = em.connection.getMetadata(target);
  const runner = em.queryRunner;
  // Outside a unit of work no subscriber would hear of the insert, and an audited change would go unrecorded.
  if (!runner) throw new Error(`insertRow(${metadata.name}) must run inside UnitOfWork.run`);
  for (const column of metadata.columns) {
    if (column.isGenerated && column.generationStrategy === 'uuid' && column.getEntityValue(row) === undefined)
      column.setEntityValue(row, randomUUID());
  }
  const listeners = options.listeners !== false;
  if (listeners) await broadcast((result) => runner.broadcaster.broadcastBeforeInsertEvent(result, metadata, row));
  // As TypeORM's insert: a column with a transformer is written even when undefined (the transformer decides).
  const present = metadata.columns.filter(
    (c) => c.isInsert && !c.isVirtual && (c.getEntityValue(row) !== undefined || c.transformer),
  );
  const { sql, columns } = cached(insertSql, metadata, present.map((c) => c.databaseName).join(','), () => {
    const driver = em.connection.driver;
    return {
      sql:
        `INSERT INTO ${driver.escape(metadata.tableName)} ` +
        `(${present.map((c) => driver.escape(c.databaseName)).join(', ')}) ` +
        `VALUES (${present.map(() => '?').join(', ')})`,
      columns: present,
    };
  });
  await runStatement(
    em,
    sql,
    columns.map((c) => em.connection.driver.preparePersistentValue(c.getEntityValue(row), c)),
  );
  if (listeners) await broadcast((result) => runner.broadcaster.broadcastAfterInsertEvent(result, metadata, row));
  return row;
}

/**
 * The row with this primary key (an entity holding only `columns`), or null. `forUpdate` locks it for the
 * rest of the transaction (MySQL only: SQLite has no row locks, and a write transaction there runs alone).
 */
export function rowById<E extends ObjectLiteral, K extends keyof E & string>(
  em: EntityManager,
  target: EntityTarget<E>,
  id: string,
  columns: readonly K[],
  options: { forUpdate?: boolean } = {},
): Promise<Pick<E, K> | null> {
  const metadata = em.connection.getMetadata(target);
  const [primary, ...more] = metadata.primaryColumns;
  if (!primary || more.length > 0) throw new Error(`rowById needs a single-column primary key (${metadata.name})`);
  return rowByUnique(em, target, primary.propertyName as keyof E & string, id, columns, options);
}

/** As `rowById`, by another column that a unique index covers (a ticket code, say). */
export async function rowByUnique<E extends ObjectLiteral, K extends keyof E & string>(
  em: EntityManager,
  target: EntityTarget<E>,
  key: keyof E & string,
  value: string,
  columns: readonly K[],
  options: { forUpdate?: boolean } = {},
): Promise<Pick<E, K> | null> {
  const metadata = em.connection.getMetadata(target);
  const forUpdate = options.forUpdate === true;
  const statement = cached(selectSql, metadata, `${key}=|${columns.join(',')}|${forUpdate}`, () => {
    const driver = em.connection.driver;
    const [keyColumn] = columnsNamed(metadata, [key]);
    const selected = columnsNamed(metadata, columns);
    return {
      sql:
        `SELECT ${selected.map((c) => driver.escape(c.databaseName)).join(', ')} ` +
        `FROM ${driver.escape(metadata.tableName)} ` +
        `WHERE ${driver.escape(keyColumn.databaseName)} = ?${forUpdate ? ' FOR UPDATE' : ''}`,
      columns: selected,
    };
  });
  const [raw] = (await runStatement(em, statement.sql, [value])) as Record<string, unknown>[];
  return raw ? hydrate<E>(em, metadata, statement.columns, raw) : null;
}

/**
 * The rows of `target` (entities holding only `columns`) that a written-out `tail` picks: joins, WHERE, ORDER BY
 * and LIMIT over the alias `t`, with `params` for its placeholders. The column list is built once per shape.
 */
export async function rowsWhere<E extends ObjectLiteral, K extends keyof E & string>(
  em: EntityManager,
  target: EntityTarget<E>,
  columns: readonly K[],
  tail: string,
  params: unknown[],
): Promise<Pick<E, K>[]> {
  const metadata = em.connection.getMetadata(target);
  const statement = cached(selectSql, metadata, `rows|${columns.join(',')}`, () => {
    const driver = em.connection.driver;
    const selected = columnsNamed(metadata, columns);
    return {
      sql:
        `SELECT ${selected.map((c) => `t.${driver.escape(c.databaseName)}`).join(', ')} ` +
        `FROM ${driver.escape(metadata.tableName)} t`,
      columns: selected,
    };
  });
  const raws = (await runStatement(em, `${statement.sql} ${tail}`, params)) as Record<string, unknown>[];
  return raws.map((raw) => hydrate<E>(em, metadata, statement.columns, raw));
}

function columnsNamed(metadata: EntityMetadata, names: readonly string[]): ColumnMetadata[] {
  return names.map((name) => {
    const column = metadata.findColumnWithPropertyName(name);
    if (!column) throw new Error(`${metadata.name} has no column ${name}`);
    return column;
  });
}

/** An entity from a raw row, each value through the driver's own conversions and the column's transformer. */
function hydrate<E extends ObjectLiteral>(
  em: EntityManager,
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
  raw: Record<string, unknown>,
): E {
  const entity = metadata.create(em.queryRunner) as E;
  for (const column of columns) {
    column.setEntityValue(entity, em.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return entity;
}

async function broadcast(send: (result: BroadcasterResult) => void): Promise<void> {
  const result = new BroadcasterResult();
  send(result);
  await result.wait();
}

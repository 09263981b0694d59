import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts one new row with one statement. `em.save()` first reads a row whose primary key is set (to
 * choose between INSERT and UPDATE) and, on MySQL, reads created/updated times and defaults back
 * afterwards; a caller that knows the row is new and sets what it later returns (id, createdAt,
 * updatedAt) needs neither. Entity subscribers see the insert as they see a save, so audited entities
 * get their audit row just the same.
 */
export async function insertRow<E extends ObjectLiteral>(em: EntityManager, target: EntityTarget<E>, row: E): Promise<E> {
  await em.createQueryBuilder().insert().into(target).values(row as QueryDeepPartialEntity<E>).updateEntity(false).execute();
  return row;
}

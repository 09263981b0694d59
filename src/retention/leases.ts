import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors.js';
import { Lease } from './lease.entity.js';

/**
 * Claims the lease `name` for `holder` until `until`: taken over when it has expired, or extended when
 * `holder` already has it. One conditional UPDATE (the row lock orders racing claimers; each re-reads the
 * row's committed state), and an INSERT the first time, where the primary key lets one claimer win.
 * Portable MySQL/SQLite. Returns whether `holder` holds it now.
 */
export async function claimLease(
  em: EntityManager,
  name: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const updated = await em
    .createQueryBuilder()
    .update(Lease)
    .set({ holder, expiresAt: until })
    .where('name = :name', { name })
    .andWhere('(expires_at <= :now OR holder = :holder)', { now, holder })
    .execute();
  if ((updated.affected ?? 0) > 0) return true;
  if (await em.existsBy(Lease, { name })) return false;
  try {
    await em.insert(Lease, { name, holder, expiresAt: until });
    return true;
  } catch (err) {
    // Another claimer inserted it first: theirs.
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Extends the lease only while `holder` still has it; false when it was lost (expired and taken over). */
export async function renewLease(em: EntityManager, name: string, holder: string, until: Date): Promise<boolean> {
  const updated = await em
    .createQueryBuilder()
    .update(Lease)
    .set({ expiresAt: until })
    .where('name = :name AND holder = :holder', { name, holder })
    .execute();
  return (updated.affected ?? 0) > 0;
}

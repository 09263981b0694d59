import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { type AuditAction, AuditLog } from './audit-log.entity.js';

/** The audit trail's rows for other modules: they change them only through here, in their own transaction. */
@Injectable()
export class AuditService {
  /**
   * Rewrites the before/after snapshots of every audit row about one entity (erasure: the trail keeps who
   * did what, not whom it was about). `rewrite` gets each JSON snapshot and returns its replacement.
   */
  async rewriteSnapshotsIn(
    em: EntityManager,
    entityType: string,
    entityId: string,
    rewrite: (snapshot: string | null) => string | null,
  ): Promise<void> {
    const audits = await em.findBy(AuditLog, { entityType, entityId });
    for (const a of audits) {
      await em.update(AuditLog, { id: a.id }, { before: rewrite(a.before), after: rewrite(a.after) });
    }
  }

  /**
   * One audit row written by a module itself, for an event no entity save records (a refused NIK claim), in the
   * caller's transaction: who acted, about what, and the `after` snapshot (JSON), never personal data.
   */
  async recordIn(
    em: EntityManager,
    actor: { id: string; role: string; requestId?: string | null },
    entry: { action: AuditAction; entityType: string; entityId: string; after: string | null },
  ): Promise<void> {
    await em.insert(AuditLog, {
      id: randomUUID(),
      actorId: actor.id,
      actorRole: actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: null,
      after: entry.after,
      requestId: actor.requestId ?? null,
      createdAt: new Date(),
    });
  }
}

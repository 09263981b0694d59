import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity.js';

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
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { RefreshToken } from './refresh-token.entity.js';

export type { RefreshToken } from './refresh-token.entity.js';

/**
 * The rows of refresh tokens, part of the account (users and tokens are one aggregate): auth decides when a
 * token is issued, spent or revoked, and reaches the table only through these statements, in its transaction.
 */
@Injectable()
export class RefreshTokensService {
  findByHashIn(em: EntityManager, tokenHash: string, userId?: string): Promise<RefreshToken | null> {
    return em.findOneBy(RefreshToken, userId ? { tokenHash, userId } : { tokenHash });
  }

  /** Marks the token used; false when another request spent it first (the conditional update decides). */
  async spendIn(em: EntityManager, id: string): Promise<boolean> {
    const spent = await em.update(RefreshToken, { id, usedAt: IsNull() }, { usedAt: new Date() });
    return spent.affected === 1;
  }

  async revokeFamilyIn(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUserIn(em: EntityManager, userId: string): Promise<void> {
    await em.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async deleteAllOfUserIn(em: EntityManager, userId: string): Promise<void> {
    await em.delete(RefreshToken, { userId });
  }

  async insertIn(
    em: EntityManager,
    token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date; createdAt: Date },
  ): Promise<void> {
    await em.insert(RefreshToken, { id: randomUUID(), ...token, usedAt: null, revokedAt: null });
  }
}

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ProblemCode } from '../common/problem-codes.js';
import { unauthorized } from '../common/problem.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { RefreshTokensService } from '../users/refresh-tokens.service.js';
import { UsersService, type User } from '../users/users.service.js';
import { sha256Hex } from '../common/crypto.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_DAYS = 30;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

type RotationOutcome =
  { kind: 'ok'; user: User; tokens: IssuedTokens } | { kind: 'refused'; reason: string; code: ProblemCode };

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  /** A new access token and the first refresh token of a new family (a login). */
  issueIn(em: EntityManager, user: User): Promise<IssuedTokens> {
    return this.issue(em, user, randomUUID());
  }

  /**
   * Spends a refresh token and hands out the next of its family. A token that was already spent
   * means it leaked: the whole family is revoked, and that revocation is committed before the 401.
   */
  async rotate(presented: string): Promise<{ user: User; tokens: IssuedTokens }> {
    const outcome = await this.uow.run<RotationOutcome>(null, async (em) => {
      const token = await this.refreshTokens.findByHashIn(em, sha256Hex(presented));
      if (!token) return { kind: 'refused', reason: 'Unknown refresh token', code: 'token_invalid' };
      if (token.revokedAt) return { kind: 'refused', reason: 'Refresh token revoked', code: 'token_revoked' };
      const spent = await this.refreshTokens.spendIn(em, token.id);
      if (token.usedAt || !spent) {
        await this.refreshTokens.revokeFamilyIn(em, token.familyId);
        return {
          kind: 'refused',
          reason: 'Refresh token reused; every session of this login is revoked',
          code: 'token_reused',
        };
      }
      if (token.expiresAt.getTime() <= Date.now())
        return { kind: 'refused', reason: 'Refresh token expired', code: 'token_expired' };
      const user = await this.users.findActiveIn(em, token.userId);
      if (!user) return { kind: 'refused', reason: 'Account is not active', code: 'account_inactive' };
      return { kind: 'ok', user, tokens: await this.issue(em, user, token.familyId) };
    });
    if (outcome.kind === 'refused') throw unauthorized(outcome.reason, outcome.code);
    return outcome;
  }

  /** Ends the login the token belongs to, if it is the caller's. */
  async revoke(presented: string, userId: string): Promise<void> {
    await this.uow.run(null, async (em) => {
      const token = await this.refreshTokens.findByHashIn(em, sha256Hex(presented), userId);
      if (token) await this.refreshTokens.revokeFamilyIn(em, token.familyId);
    });
  }

  private async issue(em: EntityManager, user: User, familyId: string): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.refreshTokens.insertIn(em, {
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000),
      createdAt: now,
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }
}

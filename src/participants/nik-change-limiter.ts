import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deriveLookupKey, lookupHash } from '../common/crypto.js';
import { ProblemException } from '../common/problem.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { NikChangeLimit } from './nik-change-limit.entity.js';
import { afterAttempt, parseAttempts, slideWindow } from './nik-change-window.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Limits NIK settings and changes through PUT /me/participant, per account (NIK_CHANGE_ACCOUNT_LIMIT per
 * 24 hours) and per client address (NIK_CHANGE_IP_LIMIT per hour): each answer says whether a NIK belongs
 * to someone, so without a limit a birth date and gender are enough to find a neighbour's NIK.
 *
 * The counts live in the database, not in Redis even when REDIS_URL is set: an attempt is counted in the
 * transaction that saves the profile or records the refused claim, so a request refused for any other
 * reason (bad input, 429) counts nothing, a counted refusal commits with its audit row, and every process
 * on the database shares them. NIK changes are rare, so the few extra statements cost nothing that matters.
 */
@Injectable()
export class NikChangeLimiter {
  private readonly lookupKey: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.lookupKey = deriveLookupKey(config.dataEncryptionKey);
  }

  /**
   * Counts one NIK setting or change for the account and the client address inside `em`'s transaction,
   * or refuses it with 429 and `Retry-After` when either budget is spent (then nothing is counted).
   */
  async count(em: EntityManager, userId: string, clientAddress: string): Promise<void> {
    const now = Date.now();
    // Always the account first, then the address: two requests never wait for each other's rows crosswise.
    const budgets = [
      {
        key: this.key(`account:${userId}`),
        max: this.config.nikChangeAccountLimit,
        windowMs: DAY_MS,
        what: 'this account (per 24 hours)',
      },
      {
        key: this.key(`address:${clientAddress}`),
        max: this.config.nikChangeAddressLimit,
        windowMs: HOUR_MS,
        what: 'this network address (per hour)',
      },
    ];
    const updates: { key: string; attempts: number[] }[] = [];
    for (const budget of budgets) {
      const verdict = slideWindow(await this.lockedAttempts(em, budget.key, now), now, budget.windowMs, budget.max);
      if (verdict.retryAfterSeconds !== null) {
        throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          `Too many NIK changes from ${budget.what}; please wait before trying again`,
          undefined,
          { 'Retry-After': String(verdict.retryAfterSeconds) },
          'rate_limited',
        );
      }
      updates.push({ key: budget.key, attempts: afterAttempt(verdict.kept, now, budget.max) });
    }
    for (const u of updates) {
      await em.update(
        NikChangeLimit,
        { limitKey: u.key },
        { attempts: JSON.stringify(u.attempts), updatedAt: new Date(now) },
      );
    }
  }

  private key(subject: string): string {
    return lookupHash(`nik-change:${subject}`, this.lookupKey);
  }

  /**
   * The key's attempts, its row locked until the transaction ends. The upsert creates the row or, on MySQL,
   * takes its exclusive lock at once (a plain read then SELECT … FOR UPDATE would let two first-timers both
   * create it, and INSERT IGNORE's shared lock would deadlock two upgraders); SQLite runs one transaction at a time.
   */
  private async lockedAttempts(em: EntityManager, key: string, now: number): Promise<number[]> {
    await em
      .createQueryBuilder()
      .insert()
      .into(NikChangeLimit)
      .values({ limitKey: key, attempts: '[]', updatedAt: new Date(now) })
      .orUpdate(['updated_at'], ['limit_key'])
      .updateEntity(false)
      .execute();
    const row = await em.findOneBy(NikChangeLimit, { limitKey: key });
    return parseAttempts(row?.attempts);
  }
}

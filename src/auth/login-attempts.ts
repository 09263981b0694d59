import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { MoreThan } from 'typeorm';
import { LOGIN_FAILURE_LOCK_BUCKETS } from '../../migrations/1764400100000-LoginFailureLocks.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { LoginFailure } from './login-failure.entity.js';

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counted: the attempt may verify its password; `id` is its login_failures row. Locked: seconds until the oldest
 * counted attempt leaves the window.
 */
export type AttemptOutcome = { counted: true; id: string } | { counted: false; retryAfterSeconds: number };

/** Which row of login_failure_locks guards this email + address. */
export function lockBucket(email: string, clientAddress: string): number {
  return (
    createHash('sha256').update(`${email}\n${clientAddress}`).digest().readUInt32BE(0) % LOGIN_FAILURE_LOCK_BUCKETS
  );
}

/**
 * Failed logins per email + client address, counted BEFORE the password is checked: each attempt first
 * takes one of the LOGIN_MAX_FAILURES places of the 15-minute window (a login_failures row), in a
 * transaction that holds the key's bucket lock while it counts and inserts, so parallel guesses on one
 * process or many can never verify more passwords than there are places. A successful login gives its
 * place back (successful logins do not count); a wrong one keeps it as the recorded failure.
 */
@Injectable()
export class LoginAttempts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
  ) {}

  count(email: string, clientAddress: string): Promise<AttemptOutcome> {
    const max = this.config.loginMaxFailures;
    return this.uow.run(null, async (em) => {
      // SQLite: the whole transaction already runs alone (one connection, the write lock taken up front).
      if (!this.uow.isSqlite) {
        await em.query('SELECT bucket FROM login_failure_locks WHERE bucket = ? FOR UPDATE', [
          lockBucket(email, clientAddress),
        ]);
      }
      const now = Date.now();
      // READ COMMITTED: this statement sees every attempt committed by whoever held the lock before us.
      const recent = await em.find(LoginFailure, {
        select: { id: true, createdAt: true },
        where: { email, clientAddress, createdAt: MoreThan(new Date(now - FAILURE_WINDOW_MS)) },
        order: { createdAt: 'ASC' },
        take: max,
      });
      if (recent.length >= max) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((recent[0].createdAt.getTime() + FAILURE_WINDOW_MS - now) / 1000),
        );
        return { counted: false, retryAfterSeconds } as const;
      }
      const id = randomUUID();
      await em.insert(LoginFailure, { id, email, clientAddress, createdAt: new Date(now) });
      return { counted: true, id } as const;
    });
  }

  /** Gives a counted attempt's place back: the password was right, or it was never checked. */
  async release(id: string): Promise<void> {
    await this.uow.run(null, (em) => em.delete(LoginFailure, { id }));
  }
}

import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { ProblemException } from '../common/problem.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { clientAddressKey } from './client-address.js';
import { FAILURE_WINDOW_MS } from './login-attempts.js';

/**
 * LOGIN_IP_RATE_LIMIT login attempts per client address per 15 minutes, right or wrong, for any email:
 * the per-email lockout cannot stop one address trying a password on many emails, and each attempt costs
 * a password check. Runs before the body is validated, so a refused attempt costs no database work and no hash.
 * Counted in the throttler's storage: Redis when REDIS_URL is set (every process shares the count), else
 * in this process. Past the limit the address is refused for a whole window.
 */
@Injectable()
export class LoginAddressGuard implements CanActivate {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const address = clientAddressKey(req.ip);
    const key = createHash('sha256').update(`login-address-${address}`).digest('hex');
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      key,
      FAILURE_WINDOW_MS,
      this.config.loginIpRateLimit,
      FAILURE_WINDOW_MS,
      'login',
    );
    if (isBlocked) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too many sign-in attempts from this network; please wait before trying again',
        undefined,
        { 'Retry-After': String(Math.max(1, timeToBlockExpire)) },
        'rate_limited',
      );
    }
    return true;
  }
}

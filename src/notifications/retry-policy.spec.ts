import { ConfigService } from '@nestjs/config';
import { readAppConfig } from '../config/app-config.js';
import { validateEnv } from '../config/env.validation.js';
import { retryDelayMs, shouldRetry } from './retry-policy.js';

/**
 * When a message failing from `t = 0` (the server down until `outageMs`) is delivered under a policy:
 * the attempt times, and whether it was given up. `random` fixes the jitter (0: shortest, 1: longest).
 */
function outcome(
  outageMs: number,
  p: { retryBaseMs: number; retryMaxMs: number; maxAttempts: number },
  random: () => number,
) {
  let at = 0;
  for (let attempt = 1; ; attempt++) {
    if (at >= outageMs) return { deliveredAtMs: at, attempts: attempt };
    if (!shouldRetry(true, attempt, p.maxAttempts)) return { failedAtMs: at, attempts: attempt };
    at += retryDelayMs(attempt, p.retryBaseMs, p.retryMaxMs, random);
  }
}

describe('retry policy', () => {
  it('doubles the delay per attempt around the base, within ±25 % jitter', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(2, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(retryDelayMs(4, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(3000);
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(5000);
  });

  it('never waits longer than the cap (plus jitter), even after many attempts', () => {
    expect(retryDelayMs(40, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(40, 1000, 60_000, () => 1)).toBe(75_000);
  });

  it('retries retryable failures until the attempt limit, never permanent ones', () => {
    expect(shouldRetry(true, 1, 3)).toBe(true);
    expect(shouldRetry(true, 3, 3)).toBe(false);
    expect(shouldRetry(false, 1, 3)).toBe(false);
  });

  it(
    'production defaults: a one-minute SMTP outage is delivered on the third attempt, ' +
      '67.5–112.5 s in; ~47 min of outage before giving up',
    () => {
      const production = readAppConfig(new ConfigService(validateEnv({}))).notifications;
      expect(production).toMatchObject({ retryBaseMs: 30_000, maxAttempts: 8 });
      expect(outcome(60_000, production, () => 0)).toEqual({ deliveredAtMs: 67_500, attempts: 3 });
      expect(outcome(60_000, production, () => 1)).toEqual({ deliveredAtMs: 112_500, attempts: 3 });
      for (let i = 0; i < 100; i++) {
        const o = outcome(60_000, production, Math.random);
        expect(o.deliveredAtMs).toBeGreaterThanOrEqual(67_500);
        expect(o.deliveredAtMs).toBeLessThanOrEqual(112_500);
      }
      // The budget: 7 waits of 30 s · (1 + 2 + … + 64), at least 0.75 of that with the shortest jitter.
      expect(outcome(Infinity, production, () => 0)).toEqual({ failedAtMs: 2_857_500, attempts: 8 });
      expect(outcome(47 * 60_000, production, () => 0)).toMatchObject({ attempts: 8, deliveredAtMs: 2_857_500 });
    },
  );

  it(
    "the minute-long outage test's scaled policy (notifications-outage.e2e-spec) " +
      'outlasts a minute whatever the jitter',
    () => {
      const scaled = { retryBaseMs: 1000, retryMaxMs: 10_000, maxAttempts: 15 };
      expect(outcome(Infinity, scaled, () => 0).failedAtMs).toBeGreaterThan(80_000);
      expect(outcome(60_000, scaled, () => 1).deliveredAtMs).toBeLessThanOrEqual(60_000 + 12_500);
      expect(outcome(60_000, scaled, () => 0).attempts - 1).toBeGreaterThanOrEqual(8);
    },
  );
});

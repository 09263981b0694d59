import { ConfigService } from '@nestjs/config';
import { readAppConfig } from '../config/app-config.js';
import { validateEnv } from '../config/env.validation.js';
import { RETENTION_RULES } from './retention-rules.js';

const configOf = (env: Record<string, string>) => readAppConfig(new ConfigService(validateEnv(env)));

describe('retention rules', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const cutoffOf = (label: string) =>
    RETENTION_RULES.find((r) => r.label === label)!
      .cutoff(now)
      .toISOString();

  it('keeps idempotency keys 24 hours, login failures their 15-minute window, dead refresh tokens 30 days', () => {
    expect(cutoffOf('idempotencyKeys')).toBe('2026-11-30T00:00:00.000Z');
    expect(cutoffOf('loginFailures')).toBe('2026-11-30T23:45:00.000Z');
    expect(cutoffOf('expiredRefreshTokens')).toBe('2026-11-01T00:00:00.000Z');
    expect(cutoffOf('revokedRefreshTokens')).toBe('2026-11-01T00:00:00.000Z');
  });

  it('runs every 60 minutes by default, never under NODE_ENV=test unless set, and 0 turns it off', () => {
    expect(configOf({ NODE_ENV: 'development' }).retentionIntervalMinutes).toBe(60);
    expect(configOf({ NODE_ENV: 'test' }).retentionIntervalMinutes).toBe(0);
    expect(configOf({ NODE_ENV: 'test', RETENTION_INTERVAL_MINUTES: '5' }).retentionIntervalMinutes).toBe(5);
    expect(configOf({ NODE_ENV: 'development', RETENTION_INTERVAL_MINUTES: '0' }).retentionIntervalMinutes).toBe(0);
    for (const bad of ['-1', 'often', '1.5', '20000']) {
      expect(() => configOf({ RETENTION_INTERVAL_MINUTES: bad })).toThrow(/RETENTION_INTERVAL_MINUTES/);
    }
  });
});

import { ConfigService } from '@nestjs/config';
import { readAppConfig } from './app-config.js';
import { validateEnv } from './env.validation.js';

const configOf = (env: Record<string, string>) => readAppConfig(new ConfigService(validateEnv(env)));

describe('readAppConfig', () => {
  it('keeps the database query timeout past the lock wait unless it is set', () => {
    expect(configOf({})).toMatchObject({ dbLockWaitSeconds: 5, dbQueryTimeoutSeconds: 30 });
    expect(configOf({ DB_LOCK_WAIT_SECONDS: '60' })).toMatchObject({
      dbLockWaitSeconds: 60,
      dbQueryTimeoutSeconds: 120,
    });
    expect(configOf({ DB_QUERY_TIMEOUT_SECONDS: '0' })).toMatchObject({ dbQueryTimeoutSeconds: 0 });
    expect(configOf({ DB_QUERY_TIMEOUT_SECONDS: '45', DB_LOCK_WAIT_SECONDS: '10' })).toMatchObject({
      dbQueryTimeoutSeconds: 45,
    });
  });

  it('gives TRUST_PROXY to Express as a boolean, a hop count or a list, never as one raw string', () => {
    expect(configOf({}).trustProxy).toBeUndefined();
    expect(configOf({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configOf({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(configOf({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(configOf({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('has the login limits of the issue by default: 100 attempts per address, bounded password checks', () => {
    const config = configOf({});
    expect(config.loginIpRateLimit).toBe(100);
    expect(config.loginVerifyConcurrency).toBeGreaterThanOrEqual(1);
    expect(config.loginVerifyConcurrency).toBeLessThanOrEqual(4);
    expect(config.loginVerifyQueue).toBe(4 * config.loginVerifyConcurrency);
    expect(configOf({ LOGIN_VERIFY_CONCURRENCY: '3', LOGIN_VERIFY_QUEUE: '0' })).toMatchObject({
      loginVerifyConcurrency: 3,
      loginVerifyQueue: 0,
    });
  });

  it(
    'turns the dispatcher on outside tests, off in tests unless set, ' +
      'and enables WhatsApp only with all three settings',
    () => {
      expect(configOf({ NODE_ENV: 'development' }).notifications).toMatchObject({
        dispatcher: 'in-process',
        smtpUrl: undefined,
        whatsapp: undefined,
        maxAttempts: 8,
        leaseSeconds: 120,
      });
      expect(configOf({ NODE_ENV: 'test' }).notifications.dispatcher).toBe('off');
      expect(configOf({ NODE_ENV: 'test', NOTIFICATIONS_DISPATCHER: 'in-process' }).notifications.dispatcher).toBe(
        'in-process',
      );
      const whatsapp = {
        WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
        WHATSAPP_TOKEN: 'token',
        WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      };
      expect(configOf(whatsapp).notifications.whatsapp).toEqual({
        apiUrl: whatsapp.WHATSAPP_API_URL,
        token: 'token',
        phoneNumberId: '1234567890',
      });
    },
  );

  it('finds the built web app beside the built server from any working directory unless WEB_ROOT is set', () => {
    const saved = process.argv[1];
    try {
      process.argv[1] = '/srv/bangga-macapat/dist/src/main.js';
      expect(configOf({}).webRoot).toBe('/srv/bangga-macapat/dist/web');
      expect(configOf({ WEB_ROOT: '/var/www/app' }).webRoot).toBe('/var/www/app');
      process.argv[1] = '/usr/lib/node_modules/jest/bin/jest.js';
      expect(configOf({}).webRoot).toBe('dist/web');
    } finally {
      process.argv[1] = saved;
    }
  });
});

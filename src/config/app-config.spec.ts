import { ConfigService } from '@nestjs/config';
import { readAppConfig } from './app-config.js';
import { validateEnv } from './env.validation.js';

const configOf = (env: Record<string, string>) => readAppConfig(new ConfigService(validateEnv(env)));

describe('readAppConfig', () => {
  it('keeps the database query timeout past the lock wait unless it is set', () => {
    expect(configOf({})).toMatchObject({ dbLockWaitSeconds: 5, dbQueryTimeoutSeconds: 30 });
    expect(configOf({ DB_LOCK_WAIT_SECONDS: '60' })).toMatchObject({ dbLockWaitSeconds: 60, dbQueryTimeoutSeconds: 120 });
    expect(configOf({ DB_QUERY_TIMEOUT_SECONDS: '0' })).toMatchObject({ dbQueryTimeoutSeconds: 0 });
    expect(configOf({ DB_QUERY_TIMEOUT_SECONDS: '45', DB_LOCK_WAIT_SECONDS: '10' })).toMatchObject({ dbQueryTimeoutSeconds: 45 });
  });
});

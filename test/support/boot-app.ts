import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { problemCodeRecorder } from './problem-code-check.js';

/**
 * The settings every test app runs with (test-app.ts and second-app.ts
 * boot through bootApp); a suite overrides what it tests.
 */
export const TEST_APP_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  REGISTER_RATE_LIMIT: '1000',
  LOGIN_MAX_FAILURES: '5',
  // Every suite signs in from 127.0.0.1; suites about the per-address login limit set their own.
  LOGIN_IP_RATE_LIMIT: '100000',
  // Suites sign many users in at once; test/login-limits.e2e-spec.ts tests the bound on password checks.
  LOGIN_VERIFY_QUEUE: '1000',
  // Every suite sets many NIKs from 127.0.0.1; test/nik-claims.e2e-spec.ts tests the real limits.
  NIK_CHANGE_ACCOUNT_LIMIT: '1000',
  NIK_CHANGE_IP_LIMIT: '100000',
  // Thousands of sign-ups and sign-ins across the suites at ~0.3 s of CPU each were most of CI's time;
  // src/common/password.spec.ts and test/login-limits.e2e-spec.ts run the standard cost.
  PASSWORD_HASH_COST: 'test-only-weak',
};

/**
 * The real application (the HTTP pipeline of main.ts) on a database that exists, with the test settings and
 * `env` over them for this app only; the process environment is left as it was.
 */
export async function bootApp(databaseUrl: string, env: Record<string, string> = {}): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, { ...TEST_APP_ENV, DATABASE_URL: databaseUrl, ...env });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.use(problemCodeRecorder);
    configureApp(app);
    await app.init();
    return app;
  } finally {
    process.env = saved;
  }
}

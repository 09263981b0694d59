/**
 * The settings every test app runs with (test-app.ts and second-app.ts boot through bootApp, and the
 * service tier's modules, test/service/service-test.ts); a suite overrides what it tests.
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

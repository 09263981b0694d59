/**
 * The allowed values of PASSWORD_HASH_COST. They live in config, which validates the setting, and common/password.ts
 * maps each to argon2 parameters: infrastructure names the choices, the feature gives them meaning.
 * `standard`: argon2id at the library's OWASP-level defaults (64 MiB, 3 passes, ~0.3 s of CPU).
 * `test-only-weak`: 1 MiB and one pass, for test suites that sign in thousands of accounts; refused when
 * NODE_ENV=production (env.validation.ts). The parameters travel inside each hash, so a hash made under
 * either cost verifies under both, and test/login-limits runs at `standard` to test the real bound.
 */
export type PasswordHashCost = 'standard' | 'test-only-weak';
export const PASSWORD_HASH_COSTS: readonly PasswordHashCost[] = ['standard', 'test-only-weak'];

import argon2 from 'argon2';

/**
 * `standard`: argon2id at the library's OWASP-level defaults (64 MiB, 3 passes, ~0.3 s of CPU).
 * `test-only-weak`: 1 MiB and one pass, for test suites that sign in thousands of accounts; refused when
 * NODE_ENV=production (env.validation.ts). The parameters travel inside each hash, so a hash made under
 * either cost verifies under both, and test/login-limits runs at `standard` to test the real bound.
 */
export type PasswordHashCost = 'standard' | 'test-only-weak';
export const PASSWORD_HASH_COSTS: readonly PasswordHashCost[] = ['standard', 'test-only-weak'];

const OPTIONS: Record<PasswordHashCost, argon2.HashOptions & { raw?: false }> = {
  standard: { type: argon2.argon2id },
  'test-only-weak': { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

export const hashPassword = (plain: string, cost: PasswordHashCost): Promise<string> =>
  argon2.hash(plain, OPTIONS[cost]);

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** Verified when the email is unknown, so both failures take the same time as a known account's. */
const dummyHashes = new Map<PasswordHashCost, Promise<string>>();
export function dummyPasswordHash(cost: PasswordHashCost): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) dummyHashes.set(cost, (hash = hashPassword('not-a-real-password-0', cost)));
  return hash;
}

// Password hashing, in common: users stores the hashes (admin-created accounts), auth verifies them at login.
import argon2 from 'argon2';
import type { PasswordHashCost } from '../config/password-hash-cost.js';

// The cost names are config's (config/password-hash-cost.ts explains each); re-exported for its callers.
export type { PasswordHashCost } from '../config/password-hash-cost.js';

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

import { isUniqueViolation } from '../common/db-errors.js';

/**
 * Runs a write whose uniqueness a database index holds, and answers a violation with the caller's problem
 * (usually a 409) instead of the driver's error. The index, not a look-up before the write, is what refuses a
 * duplicate, also one racing in from another process; a look-up first only adds a round trip, so callers keep
 * one only where it decides which of several problems is answered.
 */
export async function uniqueOr<T>(write: () => Promise<T>, problem: () => Error): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw problem();
    throw err;
  }
}

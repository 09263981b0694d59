/** Classifies driver errors so callers can answer 409/503 instead of 500. */

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Worth retrying the whole transaction: deadlock victim, lock wait timeout, SQLite busy. */
export function isTransientLockError(err: unknown): boolean {
  const code = codeOf(err);
  return (
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT' ||
    code === 'SQLITE_LOCKED'
  );
}

/** SQLite gave up waiting for the write lock another connection holds (after its busy timeout). */
export function isSqliteBusy(err: unknown): boolean {
  return codeOf(err) === 'SQLITE_BUSY';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'POOL_CLOSED',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ERR_SOCKET_CLOSED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = (err as Error)?.message ?? '';
  return /Can't add new command when connection is in closed state|connect ETIMEDOUT|Pool is closed|connection is closed|connection is not open|Connection is not established/i.test(
    message,
  );
}

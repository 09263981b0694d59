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

/** An error the database server or SQLite raised for a statement (as opposed to a network or pool failure). */
function isStatementError(err: unknown): boolean {
  const e = err as { name?: unknown; driverError?: unknown; sqlMessage?: unknown };
  const code = codeOf(err);
  return (
    e?.name === 'QueryFailedError' ||
    e?.driverError !== undefined ||
    e?.sqlMessage !== undefined ||
    /^(ER_|SQLITE_)/.test(code ?? '')
  );
}

/**
 * The index a unique violation names, never the duplicate value: MySQL/MariaDB say "Duplicate entry '<value>'
 * for key '<index>'" (MySQL 8: '<table>.<index>'), SQLite "UNIQUE constraint failed: <table>.<column>".
 */
export function uniqueConstraintOf(err: unknown): string | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const e = err as { message?: unknown; driverError?: { message?: unknown } };
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  // Anchored at the end: the value before it may itself contain "for key '…'".
  const mysql = /for key '([A-Za-z0-9_.$]+)'$/.exec(message.trim());
  if (mysql) return mysql[1];
  const sqlite = /^UNIQUE constraint failed: ([A-Za-z0-9_.$]+(, [A-Za-z0-9_.$]+)*)$/.exec(message.trim());
  return sqlite?.[1];
}

/**
 * What may be logged of an error. A statement's error message and stack header can quote the values it
 * failed on (a duplicate NIK hash, e-mail or phone; a malformed date), so for those only the driver's code,
 * the unique index (if any) and the stack frames are kept. Other errors are returned as they are.
 */
export function describeDbError(err: unknown): unknown {
  if (!isStatementError(err)) return err;
  const e = err as { name?: unknown; errno?: unknown; stack?: unknown; driverError?: { errno?: unknown } };
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')
      : undefined;
  const errno = e.driverError?.errno ?? e.errno;
  return {
    type: typeof e.name === 'string' ? e.name : 'Error',
    code: codeOf(err),
    ...(typeof errno === 'number' ? { errno } : {}),
    ...(isUniqueViolation(err) ? { constraint: uniqueConstraintOf(err) } : {}),
    message: '[database error message withheld: it may quote values]',
    ...(frames ? { stack: frames } : {}),
  };
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

const UNAVAILABLE_MESSAGE = new RegExp(
  [
    "Can't add new command when connection is in closed state",
    'connect ETIMEDOUT',
    'Pool is closed',
    'connection is closed',
    'connection is not open',
    'Connection is not established',
  ].join('|'),
  'i',
);

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = codeOf(err);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = (err as Error)?.message ?? '';
  return UNAVAILABLE_MESSAGE.test(message);
}

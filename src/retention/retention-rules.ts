/**
 * What the retention job deletes, and from when. Each rule is one table and one timestamp column: rows whose
 * column is older than the cutoff (and not null) go. Kept as plain data, so a change in how something is stored
 * is a change of one line here.
 */
export interface RetentionRule {
  /** Name in the log line's counts. */
  label: string;
  table: string;
  /** The primary key column, by which each batch deletes what it found. */
  idColumn: string;
  /** A timestamp column (UTC) with an index, so each batch finds its rows without a scan. */
  column: string;
  /** Rows with `column` before this go. */
  cutoff: (now: Date) => Date;
}

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * An Idempotency-Key answers retries for 24 hours (api-contract.md);
 * after that its stored response is only personal data.
 */
export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/**
 * A failed login counts toward the lockout only within its window (FAILURE_WINDOW_MS in src/auth/auth.service.ts,
 * 15 minutes); older rows decide nothing any more.
 */
export const LOGIN_FAILURE_RETENTION_MS = 15 * MINUTE_MS;
/** Expired or revoked refresh tokens are kept 30 days for investigating a stolen session, then go. */
export const REFRESH_TOKEN_RETENTION_MS = 30 * DAY_MS;

const before = (ms: number) => (now: Date) => new Date(now.getTime() - ms);

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    label: 'idempotencyKeys',
    table: 'idempotency_keys',
    idColumn: 'id',
    column: 'created_at',
    cutoff: before(IDEMPOTENCY_RETENTION_MS),
  },
  {
    label: 'loginFailures',
    table: 'login_failures',
    idColumn: 'id',
    column: 'created_at',
    cutoff: before(LOGIN_FAILURE_RETENTION_MS),
  },
  // Two rules for one table: each condition has its own index (an OR of both would scan).
  {
    label: 'expiredRefreshTokens',
    table: 'refresh_tokens',
    idColumn: 'id',
    column: 'expires_at',
    cutoff: before(REFRESH_TOKEN_RETENTION_MS),
  },
  {
    label: 'revokedRefreshTokens',
    table: 'refresh_tokens',
    idColumn: 'id',
    column: 'revoked_at',
    cutoff: before(REFRESH_TOKEN_RETENTION_MS),
  },
];

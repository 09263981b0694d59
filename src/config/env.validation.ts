import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { PASSWORD_HASH_COSTS, type PasswordHashCost } from './password-hash-cost.js';
import { parseTrustProxy } from './trust-proxy.js';

/** Development-only fallbacks: production refuses to start without real values (validateEnv below). */
export const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-0123456789';
export const DEV_DATA_ENCRYPTION_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

const defaults: Record<string, unknown> = {};

/**
 * The value used when the variable is unset, written beside its rules so that validation, readAppConfig and
 * README (env-readme.spec.ts) cannot disagree. The value must have the property's type.
 */
function Default<V>(value: V) {
  return <K extends string>(_target: Partial<Record<K, V>>, key: K): void => {
    defaults[key] = value;
  };
}

/**
 * Every environment variable the server reads, with its rules and, where it is a constant, its default.
 * Defaults that depend on other settings (NODE_ENV, the cores, DB_LOCK_WAIT_SECONDS) are derived in
 * readAppConfig. Unknown variables are ignored.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  @Default('development')
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @Default(3000)
  PORT?: number;

  @IsOptional()
  @IsString()
  @Matches(/^(sqlite:.+|mysql:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path>, sqlite::memory: or mysql://user:pass@host:3306/db',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'DATA_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)',
  })
  DATA_ENCRYPTION_KEY?: string;

  @IsOptional() @IsString() ADMIN_EMAIL?: string;
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: 'json' | 'pretty';
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Default(5) LOGIN_MAX_FAILURES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Default(10) REGISTER_RATE_LIMIT?: number;
  @IsOptional() @IsIn(PASSWORD_HASH_COSTS) @Default('standard') PASSWORD_HASH_COST?: PasswordHashCost;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Default(100) LOGIN_IP_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) LOGIN_VERIFY_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000) LOGIN_VERIFY_QUEUE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Default(5) NIK_CHANGE_ACCOUNT_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Default(20) NIK_CHANGE_IP_LIMIT?: number;
  @IsOptional() @IsString() PUBLIC_BASE_URL?: string;
  @IsOptional() @IsString() WEB_ROOT?: string;
  @IsOptional() @IsIn(['true', 'false']) @Default('true') SEED_DEMO_ON_FIRST_START?: string;
  @IsOptional() @IsString() TRUST_PROXY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(60) @Default(5) DB_LOCK_WAIT_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600) DB_QUERY_TIMEOUT_SECONDS?: number;

  @IsOptional()
  @IsString()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://host:6379 or rediss://…' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^mysql:\/\/[^,]+(,mysql:\/\/[^,]+)*$/, {
    message: 'DATABASE_REPLICA_URLS must be a comma-separated list of mysql:// URLs',
  })
  DATABASE_REPLICA_URLS?: string;

  /** Minutes between retention runs; 0 turns the in-process job off (at most a week). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(7 * 24 * 60) RETENTION_INTERVAL_MINUTES?: number;
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be smtp://user:pass@host:587 or smtps://…' })
  SMTP_URL?: string;
  @IsOptional() @IsString() @Default('Bangga Macapat <no-reply@banggamacapat.purbalinggakab.go.id>') MAIL_FROM?: string;
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/.+/, {
    message: 'WHATSAPP_API_URL must be an http(s) URL such as https://graph.facebook.com/v21.0',
  })
  WHATSAPP_API_URL?: string;
  @IsOptional() @IsString() WHATSAPP_TOKEN?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\d+$/, {
    message: 'WHATSAPP_PHONE_NUMBER_ID must be the numeric phone number id of the WhatsApp Business account',
  })
  WHATSAPP_PHONE_NUMBER_ID?: string;
  @IsOptional() @IsIn(['in-process', 'off']) NOTIFICATIONS_DISPATCHER?: 'in-process' | 'off';
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(600_000) @Default(2000) NOTIFICATIONS_POLL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) @Default(50) NOTIFICATIONS_BATCH_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) @Default(8) NOTIFICATIONS_SEND_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) @Default(8) NOTIFICATIONS_MAX_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Default(30_000) NOTIFICATIONS_RETRY_BASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Default(6 * 60 * 60 * 1000) NOTIFICATIONS_RETRY_MAX_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(5) @Max(3600) @Default(120) NOTIFICATIONS_LEASE_SECONDS?: number;
}

/** Every declared constant default, by variable name. */
export const ENV_DEFAULTS: Readonly<Record<string, unknown>> = defaults;

/** The declared default of a variable that has one (a programming error otherwise, caught by the specs). */
export function envDefault<K extends keyof EnvironmentVariables>(name: K): NonNullable<EnvironmentVariables[K]> {
  if (!(name in defaults)) throw new Error(`${name} has no declared default`);
  return defaults[name] as NonNullable<EnvironmentVariables[K]>;
}

export function validateEnv(raw: Record<string, unknown>): Record<string, unknown> {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
  if (env.NODE_ENV === 'production') {
    // The development defaults are published in this repository: anyone could sign tokens or decrypt NIKs with them.
    if (!env.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
    else if (env.JWT_SECRET === DEV_JWT_SECRET)
      problems.push('JWT_SECRET must not be the development default when NODE_ENV=production');
    if (!env.DATA_ENCRYPTION_KEY) problems.push('DATA_ENCRYPTION_KEY is required when NODE_ENV=production');
    else if (sameKeyBytes(env.DATA_ENCRYPTION_KEY, DEV_DATA_ENCRYPTION_KEY)) {
      problems.push('DATA_ENCRYPTION_KEY must not be the development default when NODE_ENV=production');
    }
    if (env.PASSWORD_HASH_COST === 'test-only-weak')
      problems.push('PASSWORD_HASH_COST=test-only-weak is refused when NODE_ENV=production');
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if ('error' in trustProxy) problems.push(trustProxy.error);
  const queryTimeout = env.DB_QUERY_TIMEOUT_SECONDS;
  if (
    queryTimeout !== undefined &&
    queryTimeout > 0 &&
    queryTimeout <= (env.DB_LOCK_WAIT_SECONDS ?? envDefault('DB_LOCK_WAIT_SECONDS'))
  ) {
    // Otherwise a query waiting for a lock would be abandoned (and its connection dropped) before InnoDB's own answer.
    problems.push('DB_QUERY_TIMEOUT_SECONDS must be 0 or longer than DB_LOCK_WAIT_SECONDS');
  }
  if (env.DATABASE_REPLICA_URLS && !env.DATABASE_URL?.startsWith('mysql://')) {
    problems.push('DATABASE_REPLICA_URLS needs DATABASE_URL to be a mysql:// primary');
  }
  const whatsapp = [env.WHATSAPP_API_URL, env.WHATSAPP_TOKEN, env.WHATSAPP_PHONE_NUMBER_ID].filter(Boolean).length;
  if (whatsapp !== 0 && whatsapp !== 3) {
    problems.push('WHATSAPP_API_URL, WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together: set all three or none');
  }
  if (env.ADMIN_EMAIL && !env.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD is required when ADMIN_EMAIL is set');
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n - ${problems.join('\n - ')}`);
  }
  return { ...raw, ...stripUndefined(env) };
}

/**
 * The same key bytes, however spelled: 43 base64 characters carry 258 bits for 32 bytes, so the last
 * character has four spellings that decode alike.
 */
function sameKeyBytes(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

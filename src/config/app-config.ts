import { ConfigService } from '@nestjs/config';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { PasswordHashCost } from './password-hash-cost.js';
import { DEV_DATA_ENCRYPTION_KEY, DEV_JWT_SECRET, envDefault, type EnvironmentVariables } from './env.validation.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

export { DEV_DATA_ENCRYPTION_KEY, DEV_JWT_SECRET };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | undefined;
  jwtSecret: string;
  dataEncryptionKey: Buffer;
  usingDevSecrets: boolean;
  adminEmail?: string;
  adminPassword?: string;
  corsOrigins: string[];
  logLevel: string;
  /** pretty: for a person at a terminal (development default); json: one line per entry for a log collector. */
  logFormat: 'json' | 'pretty';
  loginMaxFailures: number;
  /** Login attempts per client address per 15 minutes, whatever the email and outcome (LOGIN_IP_RATE_LIMIT). */
  loginIpRateLimit: number;
  /** Password verifications (argon2, 64 MiB and ~0.3 s of CPU each) running at once in this process. */
  loginVerifyConcurrency: number;
  /** Verifications that may wait for a turn; past that a login is answered 503 at once. */
  loginVerifyQueue: number;
  registerRateLimit: number;
  /** argon2 parameters for new password hashes (common/password.ts); `test-only-weak` is refused in production. */
  passwordHashCost: PasswordHashCost;
  /** NIK settings and changes through PUT /me/participant per account per 24 hours (a NIK oracle otherwise). */
  nikChangeAccountLimit: number;
  /** The same per client address per hour. */
  nikChangeAddressLimit: number;
  publicBaseUrl: string;
  /** Folder of the built web app (index.html and assets); relative paths start at the working directory. */
  webRoot: string;
  seedDemoOnFirstStart: boolean;
  /** Express `trust proxy`: which hops of X-Forwarded-For to believe for the client address; undefined: none. */
  trustProxy: TrustProxy | undefined;
  /** Seconds a transaction waits for a lock held by another before it is retried (and finally answered 503). */
  dbLockWaitSeconds: number;
  /** MySQL: seconds without an answer before a query is abandoned and its connection dropped (0: never). */
  dbQueryTimeoutSeconds: number;
  /** Shared rate-limit counters across processes; unset → in-process counters (one instance). */
  redisUrl: string | undefined;
  /** Read replicas for reads that may lag (public lists, reports); writes always go to DATABASE_URL. */
  databaseReplicaUrls: string[];
  /** Minutes between retention runs (src/retention/); 0: never. Off by default under NODE_ENV=test. */
  retentionIntervalMinutes: number;
  notifications: NotificationsConfig;
}

/** The notification outbox's channels and dispatcher (src/notifications/). */
export interface NotificationsConfig {
  /** SMTP server for email; unset → no email rows are written. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** WhatsApp Business Cloud API; all three or none (none → no WhatsApp rows). */
  whatsapp: { apiUrl: string; token: string; phoneNumberId: string } | undefined;
  /**
   * Whether this process runs the dispatcher and reminder scheduler
   * (`off` in API processes when `npm run worker` runs it).
   */
  dispatcher: 'in-process' | 'off';
  pollMs: number;
  batchSize: number;
  sendConcurrency: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a claimed row belongs to its dispatcher; after that (a crash) it is due again. */
  leaseSeconds: number;
}

export function readAppConfig(config: ConfigService): AppConfig {
  const nodeEnv = setting(config, 'NODE_ENV');
  const port = setting(config, 'PORT');
  const jwtSecret = config.get<string>('JWT_SECRET');
  const key = config.get<string>('DATA_ENCRYPTION_KEY');
  // argon2 runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), shared with file
  // and DNS work: more verifications at once than cores only makes each slower.
  const loginVerifyConcurrency = config.get<number>('LOGIN_VERIFY_CONCURRENCY') ?? Math.min(availableParallelism(), 4);
  return {
    nodeEnv,
    port,
    databaseUrl: config.get<string>('DATABASE_URL') || undefined,
    jwtSecret: jwtSecret ?? DEV_JWT_SECRET,
    dataEncryptionKey: Buffer.from(key ?? DEV_DATA_ENCRYPTION_KEY, 'base64'),
    usingDevSecrets: !jwtSecret || !key,
    adminEmail: config.get<string>('ADMIN_EMAIL')?.trim().toLowerCase() || undefined,
    adminPassword: config.get<string>('ADMIN_PASSWORD') || undefined,
    corsOrigins: (config.get<string>('CORS_ORIGINS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: config.get<string>('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: config.get<'json' | 'pretty'>('LOG_FORMAT') ?? (nodeEnv === 'development' ? 'pretty' : 'json'),
    loginMaxFailures: setting(config, 'LOGIN_MAX_FAILURES'),
    loginIpRateLimit: setting(config, 'LOGIN_IP_RATE_LIMIT'),
    loginVerifyConcurrency,
    // About two seconds of waiting at most at ~0.3 s per verification and one per core.
    loginVerifyQueue: config.get<number>('LOGIN_VERIFY_QUEUE') ?? 4 * loginVerifyConcurrency,
    registerRateLimit: setting(config, 'REGISTER_RATE_LIMIT'),
    passwordHashCost: setting(config, 'PASSWORD_HASH_COST'),
    nikChangeAccountLimit: setting(config, 'NIK_CHANGE_ACCOUNT_LIMIT'),
    nikChangeAddressLimit: setting(config, 'NIK_CHANGE_IP_LIMIT'),
    publicBaseUrl: (config.get<string>('PUBLIC_BASE_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    webRoot: config.get<string>('WEB_ROOT') || defaultWebRoot(),
    seedDemoOnFirstStart: setting(config, 'SEED_DEMO_ON_FIRST_START') === 'true',
    trustProxy: trustProxyOf(config.get<string>('TRUST_PROXY')),
    dbLockWaitSeconds: setting(config, 'DB_LOCK_WAIT_SECONDS'),
    // By default well past the lock wait, so a query waiting for a lock gets InnoDB's own answer first.
    dbQueryTimeoutSeconds:
      config.get<number>('DB_QUERY_TIMEOUT_SECONDS') ?? Math.max(30, 2 * setting(config, 'DB_LOCK_WAIT_SECONDS')),
    redisUrl: config.get<string>('REDIS_URL') || undefined,
    databaseReplicaUrls: (config.get<string>('DATABASE_REPLICA_URLS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    // Tests run the job themselves when they need it, not on a timer behind their backs.
    retentionIntervalMinutes: config.get<number>('RETENTION_INTERVAL_MINUTES') ?? (nodeEnv === 'test' ? 0 : 60),
    notifications: {
      smtpUrl: config.get<string>('SMTP_URL') || undefined,
      mailFrom: config.get<string>('MAIL_FROM') || envDefault('MAIL_FROM'),
      whatsapp:
        config.get<string>('WHATSAPP_API_URL') &&
        config.get<string>('WHATSAPP_TOKEN') &&
        config.get<string>('WHATSAPP_PHONE_NUMBER_ID')
          ? {
              apiUrl: config.get<string>('WHATSAPP_API_URL') as string,
              token: config.get<string>('WHATSAPP_TOKEN') as string,
              phoneNumberId: config.get<string>('WHATSAPP_PHONE_NUMBER_ID') as string,
            }
          : undefined,
      // Tests drive the dispatcher themselves (runOnce) unless they turn it on.
      dispatcher:
        config.get<'in-process' | 'off'>('NOTIFICATIONS_DISPATCHER') ?? (nodeEnv === 'test' ? 'off' : 'in-process'),
      pollMs: setting(config, 'NOTIFICATIONS_POLL_MS'),
      batchSize: setting(config, 'NOTIFICATIONS_BATCH_SIZE'),
      sendConcurrency: setting(config, 'NOTIFICATIONS_SEND_CONCURRENCY'),
      maxAttempts: setting(config, 'NOTIFICATIONS_MAX_ATTEMPTS'),
      retryBaseMs: setting(config, 'NOTIFICATIONS_RETRY_BASE_MS'),
      retryMaxMs: setting(config, 'NOTIFICATIONS_RETRY_MAX_MS'),
      leaseSeconds: setting(config, 'NOTIFICATIONS_LEASE_SECONDS'),
    },
  };
}

/** A variable's value, or its declared default when unset. */
function setting<K extends keyof EnvironmentVariables>(
  config: ConfigService,
  name: K,
): NonNullable<EnvironmentVariables[K]> {
  return config.get<NonNullable<EnvironmentVariables[K]>>(name) ?? envDefault(name);
}

function trustProxyOf(raw: string | undefined): TrustProxy | undefined {
  const parsed = parseTrustProxy(raw);
  // validateEnv has already refused a bad value; this only guards a ConfigService built without it.
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.value;
}

/**
 * The built app beside the built server (dist/web next to dist/src/main.js), wherever the server is started
 * from; a process that is not the built server (tests) looks in dist/web of its working directory.
 */
function defaultWebRoot(): string {
  const main = process.argv[1] ?? '';
  return /[\\/]dist[\\/]src[\\/][^\\/]+\.js$/.test(main) ? resolve(dirname(main), '../web') : 'dist/web';
}

export const APP_CONFIG = Symbol('APP_CONFIG');

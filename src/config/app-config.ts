import { ConfigService } from '@nestjs/config';

/** Development-only fallbacks: production refuses to start without real values (see env.validation.ts). */
export const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-0123456789';
export const DEV_DATA_ENCRYPTION_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE=';

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
  loginMaxFailures: number;
  registerRateLimit: number;
  publicBaseUrl: string;
  seedDemoOnFirstStart: boolean;
  trustProxy: string | undefined;
  /** Seconds a transaction waits for a lock held by another before it is retried (and finally answered 503). */
  dbLockWaitSeconds: number;
  /** MySQL: seconds without an answer before a query is abandoned and its connection dropped (0: never). */
  dbQueryTimeoutSeconds: number;
  /** Shared rate-limit counters across processes; unset → in-process counters (one instance). */
  redisUrl: string | undefined;
  /** Read replicas for reads that may lag (public lists, reports); writes always go to DATABASE_URL. */
  databaseReplicaUrls: string[];
  notifications: NotificationsConfig;
}

/** The notification outbox's channels and dispatcher (src/notifications/). */
export interface NotificationsConfig {
  /** SMTP server for email; unset → no email rows are written. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** WhatsApp Business Cloud API; all three or none (none → no WhatsApp rows). */
  whatsapp: { apiUrl: string; token: string; phoneNumberId: string } | undefined;
  /** Whether this process runs the dispatcher and reminder scheduler (`off` in API processes when `npm run worker` runs it). */
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
  const nodeEnv = config.get<AppConfig['nodeEnv']>('NODE_ENV') ?? 'development';
  const port = config.get<number>('PORT') ?? 3000;
  const jwtSecret = config.get<string>('JWT_SECRET');
  const key = config.get<string>('DATA_ENCRYPTION_KEY');
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
    loginMaxFailures: config.get<number>('LOGIN_MAX_FAILURES') ?? 5,
    registerRateLimit: config.get<number>('REGISTER_RATE_LIMIT') ?? 10,
    publicBaseUrl: (config.get<string>('PUBLIC_BASE_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    seedDemoOnFirstStart: (config.get<string>('SEED_DEMO_ON_FIRST_START') ?? 'true') === 'true',
    trustProxy: config.get<string>('TRUST_PROXY') || undefined,
    dbLockWaitSeconds: config.get<number>('DB_LOCK_WAIT_SECONDS') ?? 5,
    // By default well past the lock wait, so a query waiting for a lock gets InnoDB's own answer first.
    dbQueryTimeoutSeconds: config.get<number>('DB_QUERY_TIMEOUT_SECONDS') ?? Math.max(30, 2 * (config.get<number>('DB_LOCK_WAIT_SECONDS') ?? 5)),
    redisUrl: config.get<string>('REDIS_URL') || undefined,
    databaseReplicaUrls: (config.get<string>('DATABASE_REPLICA_URLS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    notifications: {
      smtpUrl: config.get<string>('SMTP_URL') || undefined,
      mailFrom: config.get<string>('MAIL_FROM') || 'Bangga Macapat <no-reply@banggamacapat.purbalinggakab.go.id>',
      whatsapp: config.get<string>('WHATSAPP_API_URL') && config.get<string>('WHATSAPP_TOKEN') && config.get<string>('WHATSAPP_PHONE_NUMBER_ID')
        ? { apiUrl: config.get<string>('WHATSAPP_API_URL') as string, token: config.get<string>('WHATSAPP_TOKEN') as string, phoneNumberId: config.get<string>('WHATSAPP_PHONE_NUMBER_ID') as string }
        : undefined,
      // Tests drive the dispatcher themselves (runOnce) unless they turn it on.
      dispatcher: (config.get<'in-process' | 'off'>('NOTIFICATIONS_DISPATCHER') ?? (nodeEnv === 'test' ? 'off' : 'in-process')),
      pollMs: config.get<number>('NOTIFICATIONS_POLL_MS') ?? 2000,
      batchSize: config.get<number>('NOTIFICATIONS_BATCH_SIZE') ?? 50,
      sendConcurrency: config.get<number>('NOTIFICATIONS_SEND_CONCURRENCY') ?? 8,
      maxAttempts: config.get<number>('NOTIFICATIONS_MAX_ATTEMPTS') ?? 8,
      retryBaseMs: config.get<number>('NOTIFICATIONS_RETRY_BASE_MS') ?? 30_000,
      retryMaxMs: config.get<number>('NOTIFICATIONS_RETRY_MAX_MS') ?? 6 * 60 * 60 * 1000,
      leaseSeconds: config.get<number>('NOTIFICATIONS_LEASE_SECONDS') ?? 120,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

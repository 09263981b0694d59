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
  /** Folder of the built web app (index.html and assets); relative paths start at the working directory. */
  webRoot: string;
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
    webRoot: config.get<string>('WEB_ROOT') || 'dist/web',
    seedDemoOnFirstStart: (config.get<string>('SEED_DEMO_ON_FIRST_START') ?? 'true') === 'true',
    trustProxy: config.get<string>('TRUST_PROXY') || undefined,
    dbLockWaitSeconds: config.get<number>('DB_LOCK_WAIT_SECONDS') ?? 5,
    // By default well past the lock wait, so a query waiting for a lock gets InnoDB's own answer first.
    dbQueryTimeoutSeconds: config.get<number>('DB_QUERY_TIMEOUT_SECONDS') ?? Math.max(30, 2 * (config.get<number>('DB_LOCK_WAIT_SECONDS') ?? 5)),
    redisUrl: config.get<string>('REDIS_URL') || undefined,
    databaseReplicaUrls: (config.get<string>('DATABASE_REPLICA_URLS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

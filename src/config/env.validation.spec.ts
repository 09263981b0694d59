import { DEV_DATA_ENCRYPTION_KEY, DEV_JWT_SECRET } from './app-config.js';
import { validateEnv } from './env.validation.js';

const SECRET = 'a-real-production-secret-of-32+chars!';
const KEY = Buffer.alloc(32, 7).toString('base64');

const failure = (env: Record<string, unknown>): string => {
  try {
    validateEnv(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`validateEnv accepted ${JSON.stringify(env)}`);
};

describe('validateEnv', () => {
  it('refuses production without JWT_SECRET and DATA_ENCRYPTION_KEY, naming both', () => {
    const message = failure({ NODE_ENV: 'production' });
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/DATA_ENCRYPTION_KEY/);
  });

  it('names only what is missing in production', () => {
    const noKey = failure({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(noKey).toMatch(/DATA_ENCRYPTION_KEY/);
    expect(noKey).not.toMatch(/JWT_SECRET/);
    const noSecret = failure({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY });
    expect(noSecret).toMatch(/JWT_SECRET/);
    expect(noSecret).not.toMatch(/DATA_ENCRYPTION_KEY/);
  });

  it('accepts production with both set', () => {
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY: KEY })).toMatchObject({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: KEY,
    });
  });

  it('refuses the weak test-only password hashing in production, and any unknown cost anywhere', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY: KEY };
    expect(failure({ ...prod, PASSWORD_HASH_COST: 'test-only-weak' })).toMatch(
      /PASSWORD_HASH_COST=test-only-weak is refused/,
    );
    expect(validateEnv({ ...prod, PASSWORD_HASH_COST: 'standard' })).toMatchObject({ PASSWORD_HASH_COST: 'standard' });
    expect(validateEnv({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'test-only-weak' })).toMatchObject({
      PASSWORD_HASH_COST: 'test-only-weak',
    });
    expect(failure({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'cheap' })).toMatch(/PASSWORD_HASH_COST/);
  });

  it('refuses a JWT_SECRET under 32 characters, in any environment', () => {
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31), DATA_ENCRYPTION_KEY: KEY })).toMatch(
      /JWT_SECRET must be at least 32/,
    );
    expect(failure({ JWT_SECRET: 'pendek' })).toMatch(/JWT_SECRET/);
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it.each([
    ['too short', Buffer.alloc(16, 1).toString('base64')],
    ['too long', Buffer.alloc(48, 1).toString('base64')],
    ['not base64', '!'.repeat(43) + '='],
    ['hex instead of base64', 'ab'.repeat(32)],
    ['empty', ''],
  ])('refuses a DATA_ENCRYPTION_KEY that is %s', (_label, key) => {
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY: key })).toMatch(
      /DATA_ENCRYPTION_KEY/,
    );
  });

  it('refuses the development JWT_SECRET in production, naming it (it is published in the repository)', () => {
    const message = failure({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, DATA_ENCRYPTION_KEY: KEY });
    expect(message).toMatch(/JWT_SECRET must not be the development default/);
    expect(message).not.toMatch(/DATA_ENCRYPTION_KEY/);
    // Outside production it is the fallback anyway.
    expect(() => validateEnv({ NODE_ENV: 'development', JWT_SECRET: DEV_JWT_SECRET })).not.toThrow();
  });

  it('refuses the development DATA_ENCRYPTION_KEY in production, however its last character is spelled', () => {
    const message = failure({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATA_ENCRYPTION_KEY: DEV_DATA_ENCRYPTION_KEY,
    });
    expect(message).toMatch(/DATA_ENCRYPTION_KEY must not be the development default/);
    expect(message).not.toMatch(/JWT_SECRET/);
    // The last of 43 base64 characters carries two unused bits: four spellings, one key.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(DEV_DATA_ENCRYPTION_KEY[42]);
    const respelled = DEV_DATA_ENCRYPTION_KEY.slice(0, 42) + alphabet[last ^ 1] + '=';
    expect(respelled).not.toBe(DEV_DATA_ENCRYPTION_KEY);
    expect(Buffer.from(respelled, 'base64')).toEqual(Buffer.from(DEV_DATA_ENCRYPTION_KEY, 'base64'));
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY: respelled })).toMatch(
      /development default/,
    );
    expect(() => validateEnv({ NODE_ENV: 'development', DATA_ENCRYPTION_KEY: DEV_DATA_ENCRYPTION_KEY })).not.toThrow();
  });

  it('refuses both development defaults at once, naming both', () => {
    const message = failure({
      NODE_ENV: 'production',
      JWT_SECRET: DEV_JWT_SECRET,
      DATA_ENCRYPTION_KEY: DEV_DATA_ENCRYPTION_KEY,
    });
    expect(message).toMatch(/JWT_SECRET must not be the development default/);
    expect(message).toMatch(/DATA_ENCRYPTION_KEY must not be the development default/);
  });

  it.each([
    ['31 characters', 'k'.repeat(31)],
    ['empty', ''],
  ])('refuses a weak JWT_SECRET in production (%s)', (_label, secret) => {
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: secret, DATA_ENCRYPTION_KEY: KEY })).toMatch(/JWT_SECRET/);
  });

  it.each([
    ['31 bytes', Buffer.alloc(31, 9).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 9).toString('base64')],
    ['32 bytes without padding', Buffer.alloc(32, 9).toString('base64').replace(/=+$/, '')],
    ['32 bytes in base64url', Buffer.alloc(32, 0xfb).toString('base64url') + '='],
  ])('refuses a DATA_ENCRYPTION_KEY in production that is not 32 bytes of base64 (%s)', (_label, key) => {
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY: key })).toMatch(
      /DATA_ENCRYPTION_KEY must be 32 random bytes/,
    );
  });

  it('reads TRUST_PROXY and refuses what is not a hop count, true/false or addresses, naming it', () => {
    for (const ok of ['1', 'true', 'false', 'loopback', '10.0.0.0/8,::1'])
      expect(validateEnv({ TRUST_PROXY: ok })).toMatchObject({ TRUST_PROXY: ok });
    for (const bad of ['yes', '10.0.0.300', '1.5']) expect(failure({ TRUST_PROXY: bad })).toMatch(/TRUST_PROXY/);
  });

  it('reads the login limits as whole numbers and refuses bad ones', () => {
    expect(
      validateEnv({ LOGIN_IP_RATE_LIMIT: '100', LOGIN_VERIFY_CONCURRENCY: '2', LOGIN_VERIFY_QUEUE: '0' }),
    ).toMatchObject({
      LOGIN_IP_RATE_LIMIT: 100,
      LOGIN_VERIFY_CONCURRENCY: 2,
      LOGIN_VERIFY_QUEUE: 0,
    });
    expect(failure({ LOGIN_IP_RATE_LIMIT: '0' })).toMatch(/LOGIN_IP_RATE_LIMIT/);
    expect(failure({ LOGIN_VERIFY_CONCURRENCY: '0' })).toMatch(/LOGIN_VERIFY_CONCURRENCY/);
    expect(failure({ LOGIN_VERIFY_CONCURRENCY: '65' })).toMatch(/LOGIN_VERIFY_CONCURRENCY/);
    expect(failure({ LOGIN_VERIFY_QUEUE: '-1' })).toMatch(/LOGIN_VERIFY_QUEUE/);
    expect(failure({ LOGIN_VERIFY_QUEUE: 'banyak' })).toMatch(/LOGIN_VERIFY_QUEUE/);
  });

  it.each(['postgres://u:p@h/db', 'mysql:/no-slashes', 'sqlite:', 'bangga.sqlite', 'http://h/db'])(
    'refuses DATABASE_URL %s',
    (url) => {
      expect(failure({ DATABASE_URL: url })).toMatch(/DATABASE_URL/);
    },
  );

  it.each([
    'sqlite::memory:',
    'sqlite:data/x.sqlite',
    'mysql://root@127.0.0.1:3306/bangga',
    'mysql://u:p%40ss@db:3306/bangga',
  ])('accepts DATABASE_URL %s', (url) => {
    expect(validateEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('accepts an empty environment (development defaults)', () => {
    expect(() => validateEnv({})).not.toThrow();
    expect(() => validateEnv({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => validateEnv({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('turns numeric settings into numbers and refuses bad ones', () => {
    expect(validateEnv({ PORT: '8080', LOGIN_MAX_FAILURES: '3', REGISTER_RATE_LIMIT: '10' })).toMatchObject({
      PORT: 8080,
      LOGIN_MAX_FAILURES: 3,
      REGISTER_RATE_LIMIT: 10,
    });
    expect(failure({ PORT: 'delapan' })).toMatch(/PORT/);
    expect(failure({ PORT: '70000' })).toMatch(/PORT/);
    expect(failure({ LOGIN_MAX_FAILURES: '0' })).toMatch(/LOGIN_MAX_FAILURES/);
    expect(failure({ REGISTER_RATE_LIMIT: '2.5' })).toMatch(/REGISTER_RATE_LIMIT/);
  });

  it('reads DB_LOCK_WAIT_SECONDS as whole seconds from 1 to 60', () => {
    expect(validateEnv({ DB_LOCK_WAIT_SECONDS: '2' })).toMatchObject({ DB_LOCK_WAIT_SECONDS: 2 });
    for (const bad of ['0', '61', '1.5', 'lima'])
      expect(failure({ DB_LOCK_WAIT_SECONDS: bad })).toMatch(/DB_LOCK_WAIT_SECONDS/);
  });

  it('reads DB_QUERY_TIMEOUT_SECONDS as whole seconds from 0 (never) to 3600', () => {
    expect(validateEnv({ DB_QUERY_TIMEOUT_SECONDS: '0' })).toMatchObject({ DB_QUERY_TIMEOUT_SECONDS: 0 });
    expect(validateEnv({ DB_QUERY_TIMEOUT_SECONDS: '45' })).toMatchObject({ DB_QUERY_TIMEOUT_SECONDS: 45 });
    for (const bad of ['-1', '3601', '2.5', 'tiga puluh'])
      expect(failure({ DB_QUERY_TIMEOUT_SECONDS: bad })).toMatch(/DB_QUERY_TIMEOUT_SECONDS/);
    // A lock wait must end in InnoDB's answer (retried, then 503), not in an abandoned query.
    expect(failure({ DB_QUERY_TIMEOUT_SECONDS: '5' })).toMatch(/longer than DB_LOCK_WAIT_SECONDS/);
    // Unset, it follows the lock wait (see app-config): a long lock wait alone is still a valid configuration.
    expect(validateEnv({ DB_LOCK_WAIT_SECONDS: '60' })).toMatchObject({ DB_LOCK_WAIT_SECONDS: 60 });
    expect(failure({ DB_QUERY_TIMEOUT_SECONDS: '10', DB_LOCK_WAIT_SECONDS: '20' })).toMatch(
      /longer than DB_LOCK_WAIT_SECONDS/,
    );
    expect(validateEnv({ DB_QUERY_TIMEOUT_SECONDS: '0', DB_LOCK_WAIT_SECONDS: '20' })).toMatchObject({
      DB_QUERY_TIMEOUT_SECONDS: 0,
    });
  });

  it('refuses an unknown NODE_ENV and ADMIN_EMAIL without ADMIN_PASSWORD', () => {
    expect(failure({ NODE_ENV: 'staging' })).toMatch(/NODE_ENV/);
    expect(failure({ ADMIN_EMAIL: 'admin@purbalinggakab.go.id' })).toMatch(/ADMIN_PASSWORD/);
    expect(failure({ ADMIN_EMAIL: 'admin@purbalinggakab.go.id', ADMIN_PASSWORD: 'pendek' })).toMatch(/ADMIN_PASSWORD/);
  });

  it('keeps unrelated variables', () => {
    expect(validateEnv({ PATH: '/usr/bin', HOME: '/root' })).toMatchObject({ PATH: '/usr/bin', HOME: '/root' });
  });

  it('checks REDIS_URL and DATABASE_REPLICA_URLS, and replicas only with a MySQL primary', () => {
    expect(validateEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(failure({ REDIS_URL: 'http://127.0.0.1:6379' })).toMatch(/REDIS_URL must be redis:\/\//);
    const primary = 'mysql://app@db1:3306/bangga';
    const replicas = 'mysql://ro@db2:3306/bangga,mysql://ro@db3:3306/bangga';
    expect(validateEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: replicas })).toMatchObject({
      DATABASE_REPLICA_URLS: replicas,
    });
    expect(failure({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'sqlite:replica.db' })).toMatch(
      /comma-separated list of mysql:\/\/ URLs/,
    );
    expect(failure({ DATABASE_REPLICA_URLS: replicas })).toMatch(/needs DATABASE_URL to be a mysql:\/\/ primary/);
    expect(failure({ DATABASE_URL: 'sqlite::memory:', DATABASE_REPLICA_URLS: replicas })).toMatch(/needs DATABASE_URL/);
  });

  it(
    'checks the notification settings: SMTP and WhatsApp URLs, ' +
      'the WhatsApp trio together, dispatcher mode and numbers',
    () => {
      const whatsapp = {
        WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
        WHATSAPP_TOKEN: 'token',
        WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      };
      expect(validateEnv({ SMTP_URL: 'smtp://user:pass@mail.example.id:587', ...whatsapp })).toMatchObject(whatsapp);
      expect(failure({ SMTP_URL: 'mail.example.id' })).toMatch(/SMTP_URL must be smtp:\/\//);
      expect(failure({ WHATSAPP_API_URL: whatsapp.WHATSAPP_API_URL })).toMatch(/go together/);
      expect(failure({ ...whatsapp, WHATSAPP_PHONE_NUMBER_ID: '+62812' })).toMatch(
        /WHATSAPP_PHONE_NUMBER_ID must be the numeric/,
      );
      expect(failure({ NOTIFICATIONS_DISPATCHER: 'worker' })).toMatch(/NOTIFICATIONS_DISPATCHER/);
      expect(validateEnv({ NOTIFICATIONS_MAX_ATTEMPTS: '5' })).toMatchObject({ NOTIFICATIONS_MAX_ATTEMPTS: 5 });
      expect(failure({ NOTIFICATIONS_MAX_ATTEMPTS: '0' })).toMatch(/NOTIFICATIONS_MAX_ATTEMPTS/);
      expect(failure({ NOTIFICATIONS_LEASE_SECONDS: '1' })).toMatch(/NOTIFICATIONS_LEASE_SECONDS/);
    },
  );
});

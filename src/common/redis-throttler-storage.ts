import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';

/** What the throttler guard expects back (the type is not exported from the package's index). */
export interface ThrottleRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * One round trip, atomic on the Redis server, so every process sees the same count: a fixed window
 * per key (INCR + PEXPIRE on the first hit) and, once over the limit, a block key for blockDuration.
 * Returns {hits, windowMsLeft, blocked, blockMsLeft}.
 */
const SCRIPT = `
local hits_key, block_key = KEYS[1], KEYS[2]
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local block_left = redis.call('PTTL', block_key)
if block_left > 0 then
  local hits_ttl = math.max(redis.call('PTTL', hits_key), 0)
  return {tonumber(redis.call('GET', hits_key) or (limit + 1)), hits_ttl, 1, block_left}
end
local hits = redis.call('INCR', hits_key)
if hits == 1 then redis.call('PEXPIRE', hits_key, ttl) end
local window_left = redis.call('PTTL', hits_key)
if window_left < 0 then
  redis.call('PEXPIRE', hits_key, ttl)
  window_left = ttl
end
if hits > limit then
  local duration = block > 0 and block or window_left
  redis.call('SET', block_key, '1', 'PX', duration)
  return {hits, window_left, 1, duration}
end
return {hits, window_left, 0, 0}
`;

const RECONNECT_MS = 5000;
const seconds = (ms: number) => Math.max(Math.ceil(ms / 1000), 0);

/**
 * Throttler storage shared by every API process through Redis (REDIS_URL). Written here rather than
 * taken from @nest-lab/throttler-storage-redis because that package's peer range stops at NestJS 11.
 * When Redis cannot be reached the limit is not enforced for that request (logged): rate limiting is
 * a guard against abuse, and losing it for a moment is better than refusing every citizen's request.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  readonly redis: Redis;

  constructor(
    url: string,
    readonly prefix = 'bm:throttle:',
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      commandTimeout: 500,
      // No background reconnect loop: increment() reconnects on demand, at most every RECONNECT_MS.
      retryStrategy: () => null,
    });
    this.redis.on('error', (err: Error) => this.logger.warn(`Redis: ${err.message}`));
    this.redis.defineCommand('bmThrottle', { numberOfKeys: 2, lua: SCRIPT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottleRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    try {
      await this.connected();
      const run = (this.redis as unknown as Record<string, (...args: (string | number)[]) => Promise<number[]>>)
        .bmThrottle;
      const [hits, windowLeft, blocked, blockLeft] = await run.call(
        this.redis,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      );
      return {
        totalHits: hits,
        timeToExpire: seconds(windowLeft),
        isBlocked: blocked === 1,
        timeToBlockExpire: seconds(blockLeft),
      };
    } catch (err) {
      this.logger.warn(`rate limit not enforced (Redis unavailable): ${(err as Error).message}`);
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  private lastAttempt = 0;

  private async connected(): Promise<void> {
    const status = this.redis.status;
    if (status !== 'wait' && status !== 'end') return;
    if (Date.now() - this.lastAttempt < RECONNECT_MS) throw new Error('Redis is unavailable; next attempt shortly');
    this.lastAttempt = Date.now();
    await this.redis.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    const status = this.redis.status;
    if (status === 'ready') await this.redis.quit();
    // Disconnecting a client that never connected (or already ended) would schedule work that outlives the app.
    else if (status !== 'wait' && status !== 'end') this.redis.disconnect();
  }
}

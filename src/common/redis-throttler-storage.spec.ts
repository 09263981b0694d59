import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisThrottlerStorage } from './redis-throttler-storage.js';

/** Against the Redis that runs on every machine here (TEST_REDIS_URL to point elsewhere). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisThrottlerStorage', () => {
  const stores: RedisThrottlerStorage[] = [];
  const store = (url = REDIS_URL) => {
    const s = new RedisThrottlerStorage(url, `bm:test:${randomUUID()}:`);
    stores.push(s);
    return s;
  };
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(async () => {
    for (const s of stores) await s.onApplicationShutdown();
  });

  it('counts hits in a window, blocks past the limit for blockDuration, and lets the next window through', async () => {
    const s = store();
    expect(await s.increment('ip', 600, 2, 0, 'register')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(await s.increment('ip', 600, 2, 0, 'register')).toMatchObject({ totalHits: 2, isBlocked: false });
    const third = await s.increment('ip', 600, 2, 0, 'register');
    expect(third).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 1 });
    expect(await s.increment('other-ip', 600, 2, 0, 'register')).toMatchObject({ totalHits: 1, isBlocked: false });
    await sleep(700);
    expect(await s.increment('ip', 600, 2, 0, 'register')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('shares counters between two clients (two processes) and keeps throttler names apart', async () => {
    const a = store();
    const b = new RedisThrottlerStorage(REDIS_URL, a.prefix);
    stores.push(b);
    await a.increment('ip', 60_000, 3, 0, 'register');
    await b.increment('ip', 60_000, 3, 0, 'register');
    expect(await a.increment('ip', 60_000, 3, 0, 'register')).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await b.increment('ip', 60_000, 3, 0, 'register')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await b.increment('ip', 60_000, 3, 0, 'login')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('uses an explicit block duration when one is set', async () => {
    const s = store();
    await s.increment('ip', 1000, 1, 5000, 'register');
    expect(await s.increment('ip', 1000, 1, 5000, 'register')).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
  });

  it('lets requests through when Redis is unreachable instead of failing them', async () => {
    const s = store('redis://127.0.0.1:1');
    for (let i = 0; i < 3; i++) {
      expect(await s.increment('ip', 1000, 1, 0, 'register')).toEqual({
        totalHits: 0,
        timeToExpire: 1,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
  });
});

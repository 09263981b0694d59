import { afterAttempt, parseAttempts, slideWindow } from './nik-change-window.js';

const HOUR = 3_600_000;

describe('slideWindow', () => {
  const now = 10 * HOUR;

  it('lets attempts through until the window holds max of them', () => {
    expect(slideWindow([], now, HOUR, 2)).toEqual({ kept: [], retryAfterSeconds: null });
    expect(slideWindow([now - 1000], now, HOUR, 2).retryAfterSeconds).toBeNull();
    expect(slideWindow([now - 2000, now - 1000], now, HOUR, 2).retryAfterSeconds).not.toBeNull();
  });

  it('forgets attempts older than the window', () => {
    expect(slideWindow([now - HOUR, now - HOUR - 1, now - 5], now, HOUR, 2)).toEqual({
      kept: [now - 5],
      retryAfterSeconds: null,
    });
  });

  it('says when the oldest attempt that has to go leaves the window', () => {
    const verdict = slideWindow([now - 30 * 60_000, now - 10 * 60_000], now, HOUR, 2);
    expect(verdict.retryAfterSeconds).toBe(30 * 60);
    // More kept than the limit (the limit was lowered): wait until enough of them have left.
    expect(slideWindow([now - 50 * 60_000, now - 40 * 60_000, now - 1000], now, HOUR, 2).retryAfterSeconds).toBe(
      20 * 60,
    );
    expect(slideWindow([now - HOUR + 1], now, HOUR, 1).retryAfterSeconds).toBe(1);
  });

  it('keeps attempts from a clock that runs ahead', () => {
    expect(slideWindow([now + 5000], now, HOUR, 1).retryAfterSeconds).toBe(HOUR / 1000 + 5);
  });
});

describe('afterAttempt and parseAttempts', () => {
  it('stores at most max attempts, newest last', () => {
    expect(afterAttempt([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
    expect(afterAttempt([], 4, 5)).toEqual([4]);
  });

  it('reads what was stored and nothing else', () => {
    expect(parseAttempts('[1,2]')).toEqual([1, 2]);
    expect(parseAttempts('{"a":1}')).toEqual([]);
    expect(parseAttempts('not json')).toEqual([]);
    expect(parseAttempts(null)).toEqual([]);
    expect(parseAttempts('[1,"x",null]')).toEqual([1]);
  });
});

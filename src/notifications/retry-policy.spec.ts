import { retryDelayMs, shouldRetry } from './retry-policy.js';

describe('retry policy', () => {
  it('doubles the delay per attempt around the base, within ±25 % jitter', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(2, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(retryDelayMs(4, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(3000);
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(5000);
  });

  it('never waits longer than the cap (plus jitter), even after many attempts', () => {
    expect(retryDelayMs(40, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(40, 1000, 60_000, () => 1)).toBe(75_000);
  });

  it('retries retryable failures until the attempt limit, never permanent ones', () => {
    expect(shouldRetry(true, 1, 3)).toBe(true);
    expect(shouldRetry(true, 3, 3)).toBe(false);
    expect(shouldRetry(false, 1, 3)).toBe(false);
  });
});

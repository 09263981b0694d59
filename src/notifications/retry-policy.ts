/**
 * When a failed send is tried again: exponential backoff (base · 2^(attempt−1), capped) with ±25 %
 * jitter, so many rows that failed together (an SMTP outage) do not all come back in the same second.
 * `attempt` counts the attempts made so far (1 after the first failure). Pure: `random` is injected.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.max(1, Math.round(exponential * (0.75 + random() * 0.5)));
}

/** Whether a failed row gets another attempt or is given up as `failed`. */
export function shouldRetry(retryable: boolean, attempts: number, maxAttempts: number): boolean {
  return retryable && attempts < maxAttempts;
}

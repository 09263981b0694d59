/** Sliding-window counting for NIK settings and changes (pure; the limiter keeps the numbers in the database). */

export interface WindowVerdict {
  /** Attempts still inside the window, oldest first. */
  kept: number[];
  /** Null when one more attempt fits; else whole seconds until one does (at least 1). */
  retryAfterSeconds: number | null;
}

/**
 * Whether one more attempt at `now` fits `max` attempts per `windowMs`, given earlier attempts (epoch ms).
 * Attempts stamped later than `now` (another process's clock running ahead) are kept, never forgotten.
 */
export function slideWindow(attempts: readonly number[], now: number, windowMs: number, max: number): WindowVerdict {
  const kept = attempts.filter((t) => Number.isFinite(t) && t > now - windowMs).sort((a, b) => a - b);
  if (kept.length < max) return { kept, retryAfterSeconds: null };
  // One more fits once all but max - 1 of the kept attempts have left the window.
  const freedAt = kept[kept.length - max] + windowMs;
  return { kept, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now) / 1000)) };
}

/** The attempts to store after one at `now` is counted: never more than `max`, which is all a verdict needs. */
export const afterAttempt = (kept: readonly number[], now: number, max: number): number[] => [...kept, now].slice(-max);

/** Reads a stored attempts column; anything unreadable counts as no attempts rather than failing the request. */
export function parseAttempts(stored: string | null | undefined): number[] {
  try {
    const value: unknown = JSON.parse(stored ?? '[]');
    return Array.isArray(value) ? value.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}

/** Thrown when the gate has no running place and no waiting place left. */
export class GateFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many password checks are waiting');
  }
}

/**
 * At most `concurrency` tasks run at once; up to `queue` more wait for a turn, first come first served;
 * anything past that is refused at once with GateFull. For password hashing: argon2 takes ~0.3 s of CPU
 * and 64 MiB per check, so a flood of logins left unbounded queues hundreds of checks on the thread pool
 * and every real login waits behind all of them (0.27 s became 21.5 s under 200 bogus logins). Bounded,
 * a waiting login knows its wait is short, and the rest of the flood is answered fast.
 */
export class VerificationGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Moving average of one task's duration, for the Retry-After of a refusal. */
  private averageMs = 300;

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
    if (!Number.isInteger(queue) || queue < 0) throw new Error('queue must be a non-negative integer');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** run() would refuse now: callers can skip work they would only undo (it may still refuse a moment later). */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.queue;
  }

  /** Runs `task` when a place is free; throws GateFull at once when no place and no waiting place is left. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw this.refusal();
      // The place is handed over by the task that finishes (see finally): `running` is not decremented in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    const started = Date.now();
    try {
      return await task();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - started);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** The refusal run() gives, with roughly when the current queue will have drained (whole seconds, at least 1). */
  refusal(): GateFull {
    const rounds = Math.ceil((this.waiting.length + this.running) / this.concurrency);
    return new GateFull(Math.max(1, Math.ceil((rounds * this.averageMs) / 1000)));
  }
}

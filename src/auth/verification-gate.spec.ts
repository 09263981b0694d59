import { GateFull, VerificationGate } from './verification-gate.js';

/** A task the test finishes by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('VerificationGate', () => {
  it('runs at most `concurrency` tasks, queues up to `queue` in order, and refuses the rest at once', async () => {
    const gate = new VerificationGate(2, 2);
    const tasks = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const results = tasks.map((d, i) =>
      gate
        .run(async () => {
          started.push(i);
          await d.promise;
          return i;
        })
        .then(
          (v) => ({ ok: v }),
          (err: unknown) => ({ err }),
        ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([gate.active, gate.queued]).toEqual([2, 2]);
    const refused = await results[4];
    expect(refused).toEqual({ err: expect.any(GateFull) });
    expect((refused as { err: GateFull }).err.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    tasks[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect([gate.active, gate.queued]).toEqual([2, 1]);
    tasks[0].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    tasks[2].resolve();
    tasks[3].resolve();
    expect(await Promise.all(results.slice(0, 4))).toEqual([{ ok: 0 }, { ok: 1 }, { ok: 2 }, { ok: 3 }]);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it('gives the place back when a task fails', async () => {
    const gate = new VerificationGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('argon2 said no')))).rejects.toThrow('argon2 said no');
    expect(gate.active).toBe(0);
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('with no queue refuses as soon as every place is taken', async () => {
    const gate = new VerificationGate(1, 0);
    const first = deferred();
    const running = gate.run(() => first.promise);
    await expect(gate.run(async () => 'second')).rejects.toBeInstanceOf(GateFull);
    first.resolve();
    await running;
    await expect(gate.run(async () => 'third')).resolves.toBe('third');
  });

  it('refuses a nonsensical bound', () => {
    expect(() => new VerificationGate(0, 1)).toThrow(/concurrency/);
    expect(() => new VerificationGate(1, -1)).toThrow(/queue/);
  });
});

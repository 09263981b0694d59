import type { Request } from 'express';
import { type PassportStrategy, type StrategyEndings, runStrategy } from './run-strategy.js';

/** A strategy that ends as `end` says, on `this`, as passport strategies do. */
const ending = (end: (self: StrategyEndings, req: Request) => void): PassportStrategy => ({
  authenticate(this: StrategyEndings, req: Request) {
    end(this, req);
  },
});

const req = { headers: {} } as Request;

describe('runStrategy', () => {
  it('resolves with the user a strategy authenticates, and hands it the request', async () => {
    let seen: unknown;
    const strategy = ending((s, r) => {
      seen = r;
      s.success({ id: 'u1' });
    });
    await expect(runStrategy(strategy, req)).resolves.toEqual({ user: { id: 'u1' } });
    expect(seen).toBe(req);
  });

  it('resolves a refusal for fail, pass, redirect and a falsy user', async () => {
    const ends: ((s: StrategyEndings) => void)[] = [
      (s) => s.fail(401),
      (s) => s.pass(),
      (s) => s.redirect('/login'),
      (s) => s.success(false),
    ];
    for (const end of ends) await expect(runStrategy(ending(end), req)).resolves.toEqual({ user: false });
  });

  it('rejects with the error a strategy reports or throws', async () => {
    const reported = new Error('database down');
    await expect(
      runStrategy(
        ending((s) => s.error(reported)),
        req,
      ),
    ).rejects.toBe(reported);
    const thrown = new Error('bug');
    const throwing = ending(() => {
      throw thrown;
    });
    await expect(runStrategy(throwing, req)).rejects.toBe(thrown);
  });

  it('keeps the first ending of a strategy that ends twice, and leaves the shared strategy as it was', async () => {
    const strategy = ending((s) => {
      s.success({ id: 'first' });
      s.error(new Error('late'));
    });
    await expect(runStrategy(strategy, req)).resolves.toEqual({ user: { id: 'first' } });
    expect(Object.keys(strategy)).toEqual(['authenticate']);
  });

  it('settles when the strategy ends later', async () => {
    const later = ending((s) => setTimeout(() => s.success({ id: 'later' }), 1));
    await expect(runStrategy(later, req)).resolves.toEqual({ user: { id: 'later' } });
  });
});

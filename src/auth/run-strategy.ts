import type { Request } from 'express';

/** How a passport strategy ends a run: one of these, called on the strategy (passport adds them per run). */
export interface StrategyEndings {
  success(user: unknown, info?: unknown): void;
  fail(...challengeOrStatus: unknown[]): void;
  pass(): void;
  redirect(url: string, status?: number): void;
  error(err: unknown): void;
}

/** A passport strategy: `authenticate` ends in one of its endings. */
export interface PassportStrategy {
  authenticate(this: StrategyEndings, req: Request, options?: object): void;
}

/** What one run of a strategy decided: the user it authenticated, or that it refused the request. */
export type StrategyOutcome<U> = { user: U } | { user: false };

/**
 * Runs a passport strategy for one request under passport's strategy contract (its `authenticate` ends in
 * exactly one of success, fail, error, pass or redirect, on a per-request copy of the strategy), without
 * `passport.authenticate()`: that builds a middleware and a closure chain per call and adds six functions to
 * every request object it sees, which cost 0.12-0.15 ms of CPU per request on the bench's check-in (about a
 * tenth of the whole request; `npm run bench`, issue 17). Only for strategies that answer without redirects
 * or sessions (bearer tokens): pass and redirect count as a refusal.
 */
export function runStrategy<U>(strategy: PassportStrategy, req: Request): Promise<StrategyOutcome<U>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
    };
    const refuse = () => settle(() => resolve({ user: false }));
    const endings: StrategyEndings = {
      success: (user) => settle(() => resolve(user ? { user: user as U } : { user: false })),
      fail: refuse,
      pass: refuse,
      redirect: refuse,
      error: (err) => settle(() => reject(err)),
    };
    const attempt = Object.assign(Object.create(strategy) as PassportStrategy, endings);
    try {
      attempt.authenticate(req, {});
    } catch (err) {
      settle(() => reject(err));
    }
  });
}

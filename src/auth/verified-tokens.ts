/** The claims of an access token the cache needs: its expiry (seconds since the epoch) and no not-before. */
export interface TokenClaims {
  exp?: unknown;
  nbf?: unknown;
}

/**
 * Access tokens whose signature was already checked, with their claims, until they expire: a door device or a
 * desk sends the same token on every request for its quarter of an hour, and checking its HMAC and parsing it
 * again each time cost more CPU than the rest of the token check (`npm run bench`, issue 17). The key is the
 * whole token, so only the exact string that was verified is found. Expiry is decided as jsonwebtoken decides
 * it (valid while the whole seconds of now are before `exp`); tokens without `exp` or with `nbf` are not kept,
 * so they are always checked afresh. Bounded: past `capacity` the oldest entry goes. What the token cannot say
 * (the account deactivated, its role changed) is still read from the database on every request.
 */
export class VerifiedTokens<C extends TokenClaims> {
  private readonly entries = new Map<string, { claims: C; exp: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(token: string): C | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Math.floor(this.now() / 1000) >= entry.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  remember(token: string, claims: C): void {
    if (typeof claims.exp !== 'number' || claims.nbf !== undefined) return;
    if (this.entries.has(token)) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { claims, exp: claims.exp });
  }

  get size(): number {
    return this.entries.size;
  }
}

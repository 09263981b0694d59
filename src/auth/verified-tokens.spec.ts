import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  it('finds a remembered token until the second its exp names, then forgets it', () => {
    let now = 1_000_000_000;
    const tokens = new VerifiedTokens<{ sub: string; exp: number }>(10, () => now);
    tokens.remember('a.b.c', { sub: 'u1', exp: 1_000_010 });
    expect(tokens.get('a.b.c')).toEqual({ sub: 'u1', exp: 1_000_010 });
    now = 1_000_009_999;
    expect(tokens.get('a.b.c')?.sub).toBe('u1');
    now = 1_000_010_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('finds only the exact token string', () => {
    const tokens = new VerifiedTokens<{ exp: number }>(10, () => 0);
    tokens.remember('a.b.c', { exp: 100 });
    expect(tokens.get('a.b.c ')).toBeUndefined();
    expect(tokens.get('a.b.C')).toBeUndefined();
  });

  it('keeps no token without exp or with nbf', () => {
    const tokens = new VerifiedTokens<{ exp?: unknown; nbf?: unknown }>(10, () => 0);
    tokens.remember('no-exp', {});
    tokens.remember('text-exp', { exp: '100' });
    tokens.remember('nbf', { exp: 100, nbf: 50 });
    expect([tokens.get('no-exp'), tokens.get('text-exp'), tokens.get('nbf')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(tokens.size).toBe(0);
  });

  it('drops the oldest token past its capacity', () => {
    const tokens = new VerifiedTokens<{ exp: number }>(2, () => 0);
    tokens.remember('t1', { exp: 100 });
    tokens.remember('t2', { exp: 100 });
    tokens.remember('t3', { exp: 100 });
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1')).toBeUndefined();
    expect(tokens.get('t2')).toEqual({ exp: 100 });
    expect(tokens.get('t3')).toEqual({ exp: 100 });
  });
});

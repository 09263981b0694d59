import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token.js';

const SECRET = 'x'.repeat(40);
const OWNER = 'u:3f0c8a4e-2b1d-4c5e-9f60-7a8b9c0d1e2f';

describe('unsubscribe token', () => {
  it('round-trips the owner and does not show the id in the token', () => {
    const token = unsubscribeToken(OWNER, SECRET);
    expect(readUnsubscribeToken(token, SECRET)).toBe(OWNER);
    expect(token).not.toContain('3f0c8a4e');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('3f0c8a4e');
  });

  it('refuses a token made with another secret, altered, or made up', () => {
    const token = unsubscribeToken(OWNER, SECRET);
    expect(readUnsubscribeToken(token, 'y'.repeat(40))).toBeNull();
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(readUnsubscribeToken(raw.toString('base64url'), SECRET)).toBeNull();
    expect(readUnsubscribeToken('abc', SECRET)).toBeNull();
    expect(readUnsubscribeToken('not a token!', SECRET)).toBeNull();
  });
});

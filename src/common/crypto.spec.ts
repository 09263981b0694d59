import { randomBytes } from 'node:crypto';
import { decrypt, deriveLookupKey, sha256Hex, encrypt, lookupHash } from './crypto.js';

describe('crypto', () => {
  const key = randomBytes(32);

  it('round-trips and uses a fresh IV each time', () => {
    const a = encrypt('3303014101900001', key);
    const b = encrypt('3303014101900001', key);
    expect(a).not.toEqual(b);
    expect(decrypt(a, key)).toBe('3303014101900001');
  });

  it('refuses tampered ciphertext and a wrong key', () => {
    const sealed = Buffer.from(encrypt('rahasia', key), 'base64');
    sealed[sealed.length - 1] ^= 1;
    expect(() => decrypt(sealed.toString('base64'), key)).toThrow();
    expect(() => decrypt(encrypt('rahasia', key), randomBytes(32))).toThrow();
  });

  it('gives a stable keyed hash that differs per key and from a plain hash', () => {
    const k1 = deriveLookupKey(key);
    expect(k1.equals(key)).toBe(false);
    expect(lookupHash('x', k1)).toBe(lookupHash('x', k1));
    expect(lookupHash('x', k1)).toHaveLength(64);
    expect(lookupHash('x', k1)).not.toBe(lookupHash('x', deriveLookupKey(randomBytes(32))));
  });

  it('hashes unkeyed SHA-256 as hex (the FIPS 180-2 "abc" vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random IV; the result is base64 of iv | tag | ciphertext. */
export function encrypt(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** A separate key for lookup hashes, so the encryption key itself never keys an HMAC. */
export function deriveLookupKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'bangga-macapat lookup hash', 32));
}

/** Deterministic keyed hash (hex) for uniqueness and exact search without storing the plain value. */
export function lookupHash(value: string, lookupKey: Buffer): string {
  return createHmac('sha256', lookupKey).update(value, 'utf8').digest('hex');
}

/** Unkeyed SHA-256 (hex), for values that are secret by themselves (random tokens) or not secret at all. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

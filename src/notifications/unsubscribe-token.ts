import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The token in every email's unsubscribe link. It names whose email to turn off (`u:<user id>` or
 * `p:<participant id>`) encrypted with AES-256-GCM under a key derived from JWT_SECRET, so the link is
 * unguessable, cannot be altered into someone else's, and does not show the id in plain text.
 * Base64url: nonce (12 bytes) · tag (16) · ciphertext.
 */
const keyOf = (secret: string) => createHash('sha256').update(`bangga-macapat/unsubscribe/v1\0${secret}`).digest();

export function unsubscribeToken(ownerKey: string, secret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), nonce);
  const sealed = Buffer.concat([cipher.update(ownerKey, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The owner key a token names, or null for anything not made by unsubscribeToken with this secret. */
export function readUnsubscribeToken(token: string, secret: string): string | null {
  if (typeof token !== 'string' || token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 12 + 16 + 3) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const owner = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return /^[up]:[0-9a-f-]{36}$/.test(owner) ? owner : null;
  } catch {
    return null;
  }
}

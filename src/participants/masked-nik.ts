import { decrypt } from '../common/crypto.js';
import { maskNik } from './nik.js';

/**
 * The `nikMasked` of an answer, from the stored ciphertext (null without a NIK). Decrypted per row
 * answered, never stored: callers map only the rows of the page they return.
 */
export function maskedNikOf(nikEncrypted: string | null | undefined, dataKey: Buffer): string | null {
  return nikEncrypted ? maskNik(decrypt(nikEncrypted, dataKey)) : null;
}

import { randomInt } from 'node:crypto';
import { jakartaToday } from '../participants/participant-rules.js';
import { TICKET_ALPHABET } from '../registrations/ticket-code.js';

export const CERTIFICATE_PREFIX = 'BM';
export const CERTIFICATE_RANDOM_LENGTH = 8;

/**
 * The number is printed on paper and is the key of a public verification URL, so the part after the
 * year is random (31^8 ≈ 8.5·10^11 from a CSPRNG), never a counter someone could walk through.
 * Letters and digits that are easy to confuse (0/O, 1/I/L) are left out, as on tickets.
 */
const PATTERN = new RegExp(`^${CERTIFICATE_PREFIX}-[0-9]{4}-[${TICKET_ALPHABET}]{${CERTIFICATE_RANDOM_LENGTH}}$`);

/** A fresh number like `BM-2026-K7M2QX9B`; the year is that of the event's local day (Asia/Jakarta). */
export function newCertificateNumber(eventStartsAt: Date): string {
  let random = '';
  for (let i = 0; i < CERTIFICATE_RANDOM_LENGTH; i++) random += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return `${CERTIFICATE_PREFIX}-${jakartaToday(eventStartsAt).slice(0, 4)}-${random}`;
}

/** Whether a string can be a certificate number at all (anything else is answered 404 without a query). */
export const isCertificateNumber = (s: string) => PATTERN.test(s);

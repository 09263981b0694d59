import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud and typed from paper at the door. */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TICKET_LENGTH = 10;

/** 31^10 ≈ 8·10^14 codes from a CSPRNG: unguessable and independent of any id. */
export function newTicketCode(): string {
  let code = '';
  for (let i = 0; i < TICKET_LENGTH; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

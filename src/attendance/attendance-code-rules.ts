import { randomInt } from 'node:crypto';
import { TICKET_ALPHABET } from '../registrations/ticket-code.js';

/**
 * Attendance codes are read off a shared screen and typed on a phone: six characters of the ticket
 * alphabet (no 0/O, 1/I/L), 31^6 ≈ 8.9·10^8 codes. With at most ATTENDANCE_CODE_GUESSES_PER_ACCOUNT
 * tries per account and ATTENDANCE_CODE_GUESSES_PER_ADDRESS per client address in a window, guessing
 * one is hopeless; the code only keeps people who were not in the session from being counted present.
 */
export const ATTENDANCE_CODE_LENGTH = 6;
export const DEFAULT_CODE_MINUTES = 15;
export const MAX_CODE_MINUTES = 240;

/** The rate limit window and its limits (every attempt counts; a successful one is taken back). */
export const GUESS_WINDOW_MS = 15 * 60 * 1000;
export const ATTENDANCE_CODE_GUESSES_PER_ACCOUNT = 5;
/** Higher than per account: a class in one school lab or behind one mobile carrier's NAT shares an address. */
export const ATTENDANCE_CODE_GUESSES_PER_ADDRESS = 30;

export function newAttendanceCode(): string {
  let code = '';
  for (let i = 0; i < ATTENDANCE_CODE_LENGTH; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

const CODE_PATTERN = new RegExp(`^[${TICKET_ALPHABET}]{${ATTENDANCE_CODE_LENGTH}}$`);

/** Case, spaces and dashes do not matter; null when it cannot be a code at all. */
export function normaliseAttendanceCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** Whether `now` lies in [validFrom, validUntil). */
export function codeIsValidAt(code: { validFrom: Date; validUntil: Date }, now: Date): boolean {
  return code.validFrom.getTime() <= now.getTime() && now.getTime() < code.validUntil.getTime();
}

/**
 * Seconds until the oldest attempt counted against a limit leaves the window (the Retry-After of a 429).
 */
export function retryAfterSeconds(oldestAttempt: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldestAttempt.getTime() + GUESS_WINDOW_MS - now.getTime()) / 1000));
}

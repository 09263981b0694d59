import { localDateOf, localDayStart } from '../common/jakarta-time.js';
import type { ProblemCode } from '../common/problem-codes.js';
import type { EventStatus } from '../events/event-rules.js';
import type { RegistrationStatus } from '../registrations/registration-rules.js';
import { TICKET_ALPHABET, TICKET_LENGTH } from '../registrations/ticket-code.js';

/** Phones at the door are not always on network time; a scan stamped this far ahead is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** 00:00 WIB of the day the event starts: the door opens on the training's own local day, not before. */
export function checkInOpensAt(startsAt: Date): Date {
  return localDayStart(localDateOf(startsAt));
}

/** A refusal: its stable code (problem-codes.ts) for clients and its English message for people. */
export interface CheckInProblem {
  code: ProblemCode;
  message: string;
}

/** Why an event takes no check-ins now (null when it does). `status` is the effective status. */
export function eventCheckInProblem(
  status: EventStatus,
  startsAt: Date,
  now: Date = new Date(),
): CheckInProblem | null {
  if (status === 'draft') return { code: 'event_not_open', message: 'The event is a draft: it takes no check-ins' };
  if (status === 'cancelled')
    return { code: 'event_cancelled', message: 'The event is cancelled: it takes no check-ins' };
  if (now.getTime() < checkInOpensAt(startsAt).getTime()) {
    return { code: 'check_in_not_open', message: 'Check-in opens on the day of the event (Asia/Jakarta)' };
  }
  return null;
}

export function registrationCheckInProblem(status: RegistrationStatus): CheckInProblem | null {
  if (status === 'waitlisted') {
    return {
      code: 'registration_waitlisted',
      message: 'This registration is on the waitlist, not confirmed: it cannot be checked in',
    };
  }
  if (status === 'cancelled')
    return { code: 'registration_cancelled', message: 'This registration is cancelled: it cannot be checked in' };
  return null;
}

/**
 * A scan time sent by a phone that queued it offline: it may not lie in the future (beyond clock skew)
 * nor before the door opened. Null when acceptable.
 */
export function scanTimeProblem(at: Date, startsAt: Date, now: Date = new Date()): CheckInProblem | null {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return { code: 'scan_in_future', message: 'checkedInAt lies in the future' };
  if (at.getTime() < checkInOpensAt(startsAt).getTime()) {
    return { code: 'scan_before_event', message: 'checkedInAt lies before the day of the event' };
  }
  return null;
}

const TICKET_PATTERN = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_LENGTH}}$`);

/** Tickets are typed from paper too: case and spaces or dashes between groups do not matter. */
export function normaliseTicketCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, '').toUpperCase();
  return TICKET_PATTERN.test(code) ? code : null;
}

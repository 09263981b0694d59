/**
 * What the door says about one scanned code, decided on the phone from the downloaded check-in lists
 * (no network): the same refusals the API gives (POST /events/:id/check-ins), in the same order.
 */
import { normaliseTicketCode } from './ticket-code.js';

export interface DoorTicket {
  eventId: string;
  registrationId: string;
  ticketCode: string;
  participantName: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  /** The first check-in known to this phone (the server's, or this phone's own queued scan). */
  checkedInAt: string | null;
}

export type Verdict =
  | { kind: 'admit'; ticket: DoorTicket }
  | { kind: 'already'; ticket: DoorTicket; firstAt: string }
  | { kind: 'waitlisted'; ticket: DoorTicket }
  | { kind: 'cancelled'; ticket: DoorTicket }
  | { kind: 'other_event'; ticket: DoorTicket; eventTitle: string | null }
  | { kind: 'closed'; reason: 'not_yet' | 'cancelled' | 'draft' }
  | { kind: 'unknown'; code: string }
  | { kind: 'invalid' };

/**
 * The training as the door last saw it: the API takes check-ins from 00:00 WIB of its day, unless cancelled or a draft.
 */
export interface DoorEvent {
  status: string;
  startsAt: string;
}

const JAKARTA_OFFSET_MS = 7 * 3600_000;
/** 00:00 in Jakarta (UTC+7, no daylight saving) of the day an instant falls on. */
export function jakartaDayStart(at: string): number {
  return Math.floor((Date.parse(at) + JAKARTA_OFFSET_MS) / 86_400_000) * 86_400_000 - JAKARTA_OFFSET_MS;
}

/**
 * `tickets` finds a normalised code in this training's list and in the other lists the phone keeps
 * (other trainings of the same day): a ticket of another training is told apart from an unknown code.
 */
export function decide(
  eventId: string,
  input: string,
  find: (code: string) => DoorTicket | undefined,
  titleOf: (eventId: string) => string | null,
  event: DoorEvent | null = null,
  now = Date.now(),
): Verdict {
  const code = normaliseTicketCode(input);
  if (!code) return { kind: 'invalid' };
  const ticket = find(code);
  if (!ticket) return { kind: 'unknown', code };
  if (ticket.eventId !== eventId) return { kind: 'other_event', ticket, eventTitle: titleOf(ticket.eventId) };
  if (event?.status === 'cancelled') return { kind: 'closed', reason: 'cancelled' };
  if (event?.status === 'draft') return { kind: 'closed', reason: 'draft' };
  if (event && now < jakartaDayStart(event.startsAt)) return { kind: 'closed', reason: 'not_yet' };
  // As the API: an earlier check-in is reported as such before the registration's status is looked at.
  if (ticket.checkedInAt) return { kind: 'already', ticket, firstAt: ticket.checkedInAt };
  if (ticket.status === 'waitlisted') return { kind: 'waitlisted', ticket };
  if (ticket.status === 'cancelled') return { kind: 'cancelled', ticket };
  return { kind: 'admit', ticket };
}

/** Of two known check-in times (either may be missing), the earlier: the first scan's time stands. */
export function firstOf(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

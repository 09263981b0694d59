/**
 * The API's ticket code rule (src/attendance/check-in-rules.ts normaliseTicketCode), repeated here because
 * the door phone decides offline: the same typed code must find the same ticket on the phone as on the
 * server. test/web-ticket-code.spec.ts holds the two to the same answers.
 */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TICKET_LENGTH = 10;
const TICKET_PATTERN = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_LENGTH}}$`);

/** Case and spaces or dashes between groups do not matter (tickets are typed from paper too). */
export function normaliseTicketCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, '').toUpperCase();
  return TICKET_PATTERN.test(code) ? code : null;
}

import fc from 'fast-check';
import { normaliseTicketCode as serverRule } from '../src/attendance/check-in-rules.js';
import {
  TICKET_ALPHABET as SERVER_ALPHABET,
  TICKET_LENGTH as SERVER_LENGTH,
} from '../src/registrations/ticket-code.js';
import { decide, type DoorTicket, firstOf } from '../web/src/scanner/decide.js';
import { normaliseTicketCode, TICKET_ALPHABET, TICKET_LENGTH } from '../web/src/scanner/ticket-code.js';

/**
 * The door scanner decides offline on the phone (web/src/scanner): a typed or scanned code must find the
 * same ticket there as on the server, and the phone's answers follow the API's order of refusals.
 */
describe('door scanner: ticket codes', () => {
  it("uses the server's alphabet and length", () => {
    expect(TICKET_ALPHABET).toBe(SERVER_ALPHABET);
    expect(TICKET_LENGTH).toBe(SERVER_LENGTH);
  });

  it('ignores case, spaces and dashes as the API does', () => {
    expect(normaliseTicketCode('k7m2-qx9b ht')).toBe('K7M2QX9BHT');
    expect(normaliseTicketCode('  K7M2 QX9B HT\n')).toBe('K7M2QX9BHT');
    expect(normaliseTicketCode('K7M2QX9BH')).toBeNull(); // one short
    expect(normaliseTicketCode('K7M2QX9BH1')).toBeNull(); // 1 is not in the alphabet (looks like I)
    expect(normaliseTicketCode('K7M2_QX9BHT')).toBeNull();
  });

  it("gives the server's answer for any input", () => {
    const piece = fc.oneof(
      fc.constantFrom(...TICKET_ALPHABET.split(''), ...TICKET_ALPHABET.toLowerCase().split('')),
      fc.constantFrom(' ', '-', '\t', '--', 'O', '0', '1', 'I', '_', '.', 'é'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 16 }).map((p) => p.join('')),
        (input) => {
          expect(normaliseTicketCode(input)).toBe(serverRule(input));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('door scanner: decisions offline', () => {
  const EVENT = 'event-a';
  const ticket = (code: string, over: Partial<DoorTicket> = {}): DoorTicket => ({
    eventId: EVENT,
    registrationId: `r-${code}`,
    ticketCode: code,
    participantName: `Peserta ${code}`,
    status: 'confirmed',
    checkedInAt: null,
    ...over,
  });
  const list = new Map<string, DoorTicket>([
    ['AAAAAAAAAA', ticket('AAAAAAAAAA')],
    ['BBBBBBBBBB', ticket('BBBBBBBBBB', { checkedInAt: '2026-12-01T02:10:00.000Z' })],
    ['CCCCCCCCCC', ticket('CCCCCCCCCC', { status: 'waitlisted' })],
    ['DDDDDDDDDD', ticket('DDDDDDDDDD', { status: 'cancelled' })],
    ['EEEEEEEEEE', ticket('EEEEEEEEEE', { eventId: 'event-b' })],
    ['FFFFFFFFFF', ticket('FFFFFFFFFF', { status: 'cancelled', checkedInAt: '2026-12-01T02:00:00.000Z' })],
  ]);
  const run = (input: string) =>
    decide(
      EVENT,
      input,
      (c) => list.get(c),
      (id) => (id === 'event-b' ? 'Pelatihan B' : null),
    );

  it('admits a confirmed ticket, typed in any case with dashes', () => {
    expect(run('aaaaa-aaaaa')).toMatchObject({ kind: 'admit', ticket: { registrationId: 'r-AAAAAAAAAA' } });
  });
  it('says already checked in, with the first time', () => {
    expect(run('BBBBBBBBBB')).toMatchObject({ kind: 'already', firstAt: '2026-12-01T02:10:00.000Z' });
  });
  it('refuses waitlisted and cancelled registrations', () => {
    expect(run('CCCCCCCCCC').kind).toBe('waitlisted');
    expect(run('DDDDDDDDDD').kind).toBe('cancelled');
  });
  it('reports an earlier check-in before the status, as the API does', () => {
    expect(run('FFFFFFFFFF').kind).toBe('already');
  });
  it("tells another training's ticket from an unknown one", () => {
    expect(run('EEEEEEEEEE')).toMatchObject({ kind: 'other_event', eventTitle: 'Pelatihan B' });
    expect(run('GGGGGGGGGG')).toEqual({ kind: 'unknown', code: 'GGGGGGGGGG' });
    expect(run('nonsense')).toEqual({ kind: 'invalid' });
  });
  it("opens the door on the training's day in Jakarta only, and never for a cancelled or draft training", () => {
    const event = { status: 'published', startsAt: '2026-12-01T02:00:00.000Z' }; // 09.00 WIB, 1 December
    const at = (iso: string, e = event) =>
      decide(
        EVENT,
        'AAAAAAAAAA',
        (c) => list.get(c),
        () => null,
        e,
        Date.parse(iso),
      ).kind;
    expect(at('2026-11-30T16:59:59.999Z')).toBe('closed'); // 23.59 WIB the day before
    expect(at('2026-11-30T17:00:00.000Z')).toBe('admit'); // 00.00 WIB on the day
    expect(at('2026-12-01T12:00:00.000Z')).toBe('admit');
    expect(
      decide(
        EVENT,
        'AAAAAAAAAA',
        (c) => list.get(c),
        () => null,
        { ...event, status: 'cancelled' },
        Date.parse('2026-12-01T03:00:00Z'),
      ),
    ).toEqual({ kind: 'closed', reason: 'cancelled' });
    expect(at('2026-12-01T03:00:00Z', { ...event, status: 'draft' })).toBe('closed');
    // Another training's ticket is named as such before anything else, as the API does.
    expect(
      decide(
        EVENT,
        'EEEEEEEEEE',
        (c) => list.get(c),
        () => null,
        { ...event, status: 'cancelled' },
      ).kind,
    ).toBe('other_event');
  });

  it('keeps the earlier of two check-in times', () => {
    expect(firstOf('2026-12-01T02:10:00.000Z', '2026-12-01T02:05:00.000Z')).toBe('2026-12-01T02:05:00.000Z');
    expect(firstOf(null, '2026-12-01T02:05:00.000Z')).toBe('2026-12-01T02:05:00.000Z');
    expect(firstOf('2026-12-01T02:05:00.000Z', null)).toBe('2026-12-01T02:05:00.000Z');
    expect(firstOf(null, null)).toBeNull();
  });
});

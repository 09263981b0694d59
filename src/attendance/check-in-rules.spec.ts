import {
  checkInOpensAt,
  eventCheckInProblem,
  normaliseTicketCode,
  registrationCheckInProblem,
  scanTimeProblem,
} from './check-in-rules.js';
import { PROBLEM_CODES } from '../common/problem-codes.js';

const wib = (s: string) => new Date(`${s}+07:00`);

describe('checkInOpensAt', () => {
  it.each([
    ['2026-12-01T09:00:00', '2026-12-01T00:00:00'],
    ['2026-12-01T00:00:00', '2026-12-01T00:00:00'],
    ['2026-12-01T23:59:59', '2026-12-01T00:00:00'],
    // 06:30 WIB is still the previous UTC day: the local day must win.
    ['2026-12-01T06:30:00', '2026-12-01T00:00:00'],
    ['2026-12-01T07:00:00', '2026-12-01T00:00:00'],
  ])('event at %s WIB opens at %s WIB', (start, opens) => {
    expect(checkInOpensAt(wib(start)).toISOString()).toBe(wib(opens).toISOString());
  });
});

describe('eventCheckInProblem', () => {
  const start = wib('2026-12-01T09:00:00');
  it('refuses drafts and cancelled events whatever the time', () => {
    expect(eventCheckInProblem('draft', start, wib('2026-12-01T09:00:00'))?.message).toMatch(/draft/);
    expect(eventCheckInProblem('cancelled', start, wib('2026-12-01T09:00:00'))?.message).toMatch(/cancelled/);
  });
  it('opens at local midnight of the event day and stays open after the end (paper lists entered later)', () => {
    expect(eventCheckInProblem('published', start, wib('2026-11-30T23:59:59'))?.message).toMatch(/day of the event/);
    expect(eventCheckInProblem('published', start, wib('2026-12-01T00:00:00'))).toBeNull();
    expect(eventCheckInProblem('completed', start, wib('2026-12-20T10:00:00'))).toBeNull();
  });
});

describe('registrationCheckInProblem', () => {
  it('admits only confirmed registrations', () => {
    expect(registrationCheckInProblem('confirmed')).toBeNull();
    expect(registrationCheckInProblem('waitlisted')?.message).toMatch(/waitlist/);
    expect(registrationCheckInProblem('cancelled')?.message).toMatch(/cancelled/);
  });
});

describe('scanTimeProblem', () => {
  const start = wib('2026-12-01T09:00:00');
  const now = wib('2026-12-01T10:00:00');
  it('accepts times from local midnight of the event day up to five minutes ahead of the server clock', () => {
    expect(scanTimeProblem(wib('2026-12-01T00:00:00'), start, now)).toBeNull();
    expect(scanTimeProblem(wib('2026-12-01T10:05:00'), start, now)).toBeNull();
  });
  it('refuses times in the future and before the event day', () => {
    expect(scanTimeProblem(wib('2026-12-01T10:05:01'), start, now)?.message).toMatch(/future/);
    expect(scanTimeProblem(wib('2026-11-30T23:59:59'), start, now)?.message).toMatch(/before the day/);
  });
});

describe('normaliseTicketCode', () => {
  it('accepts codes typed in lower case or in groups', () => {
    expect(normaliseTicketCode('k7m2qx9bht')).toBe('K7M2QX9BHT');
    expect(normaliseTicketCode('K7M2Q-X9BHT')).toBe('K7M2QX9BHT');
    expect(normaliseTicketCode(' K7M2 QX9B HT ')).toBe('K7M2QX9BHT');
  });
  it('refuses wrong lengths and ambiguous characters', () => {
    expect(normaliseTicketCode('K7M2QX9BH')).toBeNull();
    expect(normaliseTicketCode('K7M2QX9BHTT')).toBeNull();
    expect(normaliseTicketCode('O7M2QX9BHT')).toBeNull();
    expect(normaliseTicketCode('17M2QX9BHT')).toBeNull();
    expect(normaliseTicketCode('')).toBeNull();
  });
});

describe('refusal codes', () => {
  it('name each reason with its own code from the problem code list', () => {
    const start = wib('2026-12-01T09:00:00');
    const now = wib('2026-12-01T10:00:00');
    const codes = [
      eventCheckInProblem('draft', start, now),
      eventCheckInProblem('cancelled', start, now),
      eventCheckInProblem('published', start, wib('2026-11-30T23:00:00')),
      registrationCheckInProblem('waitlisted'),
      registrationCheckInProblem('cancelled'),
      scanTimeProblem(wib('2026-12-01T11:00:00'), start, now),
      scanTimeProblem(wib('2026-11-30T23:00:00'), start, now),
    ].map((problem) => problem?.code);
    expect(codes).toEqual([
      'event_not_open',
      'event_cancelled',
      'check_in_not_open',
      'registration_waitlisted',
      'registration_cancelled',
      'scan_in_future',
      'scan_before_event',
    ]);
    for (const code of codes) expect(PROBLEM_CODES).toContain(code);
  });
});

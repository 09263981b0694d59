import { dayBeforeAt7, dueReminder } from './reminder-times.js';

describe('reminder times', () => {
  // 2026-12-02 09:00 WIB = 02:00 UTC
  const startsAt = new Date('2026-12-02T02:00:00Z');

  it('puts the day-before reminder at 07:00 WIB of the previous Jakarta day (00:00 UTC)', () => {
    expect(dayBeforeAt7(startsAt).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // 2026-12-02 06:30 WIB is still 2026-12-01 in UTC: the Jakarta day decides.
    expect(dayBeforeAt7(new Date('2026-12-01T23:30:00Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it(
    'names the due reminder: none before 07:00 the day before, ' +
      'the day one until two hours before, then the two-hour one',
    () => {
      expect(dueReminder(startsAt, new Date('2026-11-30T23:59:00Z'), true)).toBeNull();
      expect(dueReminder(startsAt, new Date('2026-12-01T00:00:00Z'), true)).toBe('day');
      expect(dueReminder(startsAt, new Date('2026-12-01T23:59:00Z'), true)).toBe('day');
      expect(dueReminder(startsAt, new Date('2026-12-02T00:00:00Z'), true)).toBe('2h');
      expect(dueReminder(startsAt, new Date('2026-12-02T01:59:00Z'), true)).toBe('2h');
      expect(dueReminder(startsAt, new Date('2026-12-02T02:00:00Z'), true)).toBeNull();
    },
  );

  it('keeps the day reminder until the start when there is no two-hour one (bookings)', () => {
    expect(dueReminder(startsAt, new Date('2026-12-02T01:00:00Z'), false)).toBe('day');
  });
});

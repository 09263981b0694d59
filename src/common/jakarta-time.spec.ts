import { JAKARTA_OFFSET_MS, JAKARTA_UTC_OFFSET_MINUTES, localDateOf, localDayStart } from './jakarta-time.js';

describe('localDateOf', () => {
  it('changes day at WIB midnight, which is 17:00 UTC the day before', () => {
    expect(localDateOf(new Date('2026-12-06T16:59:59.999Z'))).toBe('2026-12-06');
    expect(localDateOf(new Date('2026-12-06T17:00:00.000Z'))).toBe('2026-12-07');
    expect(localDateOf(new Date('2026-12-07T16:59:59.999Z'))).toBe('2026-12-07');
  });

  it('does not depend on the offset an instant was written with', () => {
    expect(localDateOf(new Date('2026-12-07T00:30:00+07:00'))).toBe('2026-12-07');
    expect(localDateOf(new Date('2026-12-06T23:30:00+05:00'))).toBe('2026-12-07');
  });

  it('carries over month, year and leap day ends', () => {
    expect(localDateOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(localDateOf(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
    expect(localDateOf(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
  });
});

describe('localDayStart', () => {
  it('is WIB midnight as a UTC instant, seven hours before UTC midnight', () => {
    expect(JAKARTA_UTC_OFFSET_MINUTES).toBe(420);
    expect(localDayStart('2026-12-07').toISOString()).toBe('2026-12-06T17:00:00.000Z');
    expect(localDayStart('2026-01-01').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(localDayStart('2026-12-08').getTime() - localDayStart('2026-12-07').getTime()).toBe(24 * 60 * 60 * 1000);
  });

  it('is the inverse of localDateOf for any instant of the day', () => {
    for (const instant of ['2026-12-06T17:00:00Z', '2026-12-07T05:00:00Z', '2026-12-07T16:59:59.999Z']) {
      const date = localDateOf(new Date(instant));
      expect(date).toBe('2026-12-07');
      expect(localDayStart(date).toISOString()).toBe('2026-12-06T17:00:00.000Z');
    }
  });

  it('knows leap years by the Gregorian rule', () => {
    expect(localDayStart('2024-02-29').toISOString()).toBe('2024-02-28T17:00:00.000Z');
    expect(localDayStart('2000-02-29').toISOString()).toBe('2000-02-28T17:00:00.000Z');
    expect(() => localDayStart('2026-02-29')).toThrow(RangeError);
    expect(() => localDayStart('1900-02-29')).toThrow(RangeError);
    expect(() => localDayStart('2100-02-29')).toThrow(RangeError);
  });

  it('takes years below 100 literally, not as 19xx', () => {
    const start = localDayStart('0099-03-04');
    expect(start.getTime() + JAKARTA_OFFSET_MS).toBe(new Date('0099-03-04T00:00:00Z').getTime());
    expect(localDateOf(start)).toBe('0099-03-04');
    expect(localDateOf(localDayStart('0004-02-29'))).toBe('0004-02-29');
  });

  it('refuses what is no calendar date', () => {
    for (const text of [
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-01',
      '2026-01-00',
      '2026-1-1',
      '07-12-2026',
      '2026-12-07T00:00:00Z',
      '',
      'today',
    ]) {
      expect(() => localDayStart(text)).toThrow(RangeError);
    }
    expect(() => localDayStart(undefined as unknown as string)).toThrow('Not a calendar date (YYYY-MM-DD): undefined');
  });
});

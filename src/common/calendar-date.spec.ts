import { validateSync } from 'class-validator';
import {
  addYears,
  completedYears,
  formatCalendarDate,
  IsCalendarDate,
  isCalendarDateShaped,
  parseCalendarDate,
} from './calendar-date.js';

describe('parseCalendarDate', () => {
  it('reads real days, leap days by the Gregorian rule included', () => {
    expect(parseCalendarDate('2026-12-07')).toEqual({ year: 2026, month: 12, day: 7 });
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseCalendarDate('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 });
  });

  it('refuses days that do not exist and any other shape', () => {
    for (const text of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '２０２６-01-01',
      '',
    ]) {
      expect({ text, parsed: parseCalendarDate(text) }).toEqual({ text, parsed: null });
    }
    expect(parseCalendarDate(20260101)).toBeNull();
    expect(parseCalendarDate(undefined)).toBeNull();
  });

  it('tells the shape apart from the reality', () => {
    expect(isCalendarDateShaped('2026-02-30')).toBe(true);
    expect(isCalendarDateShaped('2026-2-3')).toBe(false);
  });
});

describe('addYears, completedYears, formatCalendarDate', () => {
  it('moves 29 February to 28 February in a common year and keeps it in a leap year', () => {
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-12-31', 5)).toBe('2031-12-31');
    expect(() => addYears('2026-02-30', 1)).toThrow(RangeError);
  });

  it('counts a year only once the birthday has come', () => {
    expect(completedYears('2008-12-07', '2026-12-06')).toBe(17);
    expect(completedYears('2008-12-07', '2026-12-07')).toBe(18);
    expect(completedYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(completedYears('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('pads years below 1000', () => {
    expect(formatCalendarDate({ year: 99, month: 3, day: 4 })).toBe('0099-03-04');
  });
});

describe('IsCalendarDate', () => {
  class Query {
    @IsCalendarDate({ minYear: 2000, maxYear: 2199 }, (p) => `${p} must be a day in 2000–2199`)
    day: unknown;
  }
  const messages = (day: unknown) =>
    validateSync(Object.assign(new Query(), { day })).flatMap((e) => Object.values(e.constraints ?? {}));

  it('accepts real days within the years and names the field otherwise', () => {
    expect(messages('2026-12-07')).toEqual([]);
    expect(messages('2199-12-31')).toEqual([]);
    expect(messages('1999-12-31')).toEqual(['day must be a day in 2000–2199']);
    expect(messages('2200-01-01')).toEqual(['day must be a day in 2000–2199']);
    expect(messages('2026-02-29')).toEqual(['day must be a day in 2000–2199']);
    expect(messages(20261207)).toEqual(['day must be a day in 2000–2199']);
  });
});

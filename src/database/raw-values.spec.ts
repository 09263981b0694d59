import { rawInstant, rawInt } from './raw-values.js';

describe('raw values', () => {
  it('reads SQLite UTC text and mysql2 Dates as the same instant', () => {
    const expected = '2026-12-01T02:00:00.123Z';
    expect(rawInstant('2026-12-01 02:00:00.123')?.toISOString()).toBe(expected);
    expect(rawInstant(new Date(expected))?.toISOString()).toBe(expected);
    expect(rawInstant('2026-12-01T09:00:00.123+07:00')?.toISOString()).toBe(expected);
    expect(rawInstant(null)).toBeNull();
  });
  it('reads counts and DECIMAL sums as numbers', () => {
    expect(rawInt('12')).toBe(12);
    expect(rawInt(12)).toBe(12);
    expect(rawInt(null)).toBe(0);
  });
});

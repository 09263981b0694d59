import {
  formatIndonesianDate,
  formatIndonesianDateTime,
  formatIndonesianMonth,
  formatIndonesianWhen,
  INDONESIAN_MONTHS,
} from './indonesian-date.js';

describe('Indonesian dates', () => {
  it('writes the Jakarta day, which begins at 17:00 UTC', () => {
    expect(formatIndonesianDate(new Date('2023-04-04T16:59:00Z'))).toBe('4 April 2023');
    expect(formatIndonesianDate(new Date('2023-04-04T18:30:00Z'))).toBe('5 April 2023');
    expect(formatIndonesianDate(new Date('2026-12-31T17:00:00Z'))).toBe('1 Januari 2027');
  });

  it('adds the time with a dot and 24 hours', () => {
    expect(formatIndonesianDateTime(new Date('2023-04-05T02:12:00Z'))).toBe('5 April 2023 09.12');
    expect(formatIndonesianDateTime(new Date('2023-04-05T16:05:00Z'))).toBe('5 April 2023 23.05');
    expect(formatIndonesianDateTime(new Date('2023-04-05T17:00:00Z'))).toBe('6 April 2023 00.00');
  });

  it('names the weekday in a sentence', () => {
    expect(formatIndonesianWhen(new Date('2026-12-01T02:00:00Z'))).toBe('Selasa, 1 Desember 2026 pukul 09.00 WIB');
    expect(formatIndonesianWhen(new Date('2026-12-06T17:30:00Z'))).toBe('Senin, 7 Desember 2026 pukul 00.30 WIB');
    expect(formatIndonesianWhen(new Date('2026-12-07T02:00:00Z'), '·')).toBe('Senin, 7 Desember 2026 · 09.00 WIB');
  });

  it('uses the same month names as Intl for id-ID', () => {
    INDONESIAN_MONTHS.forEach((name, i) => {
      expect(formatIndonesianDate(new Date(Date.UTC(2026, i, 15, 5)))).toBe(`15 ${name} 2026`);
    });
    expect(formatIndonesianMonth(2026, 4)).toBe('April 2026');
    expect(formatIndonesianMonth(2026, 13)).toBeUndefined();
  });
});

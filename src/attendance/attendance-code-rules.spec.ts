import {
  ATTENDANCE_CODE_LENGTH,
  codeIsValidAt,
  GUESS_WINDOW_MS,
  newAttendanceCode,
  normaliseAttendanceCode,
  retryAfterSeconds,
} from './attendance-code-rules.js';

describe('attendance code rules', () => {
  it('makes codes of the ticket alphabet that normalise to themselves', () => {
    for (let i = 0; i < 200; i++) {
      const code = newAttendanceCode();
      expect(code).toHaveLength(ATTENDANCE_CODE_LENGTH);
      expect(normaliseAttendanceCode(code)).toBe(code);
    }
  });

  it('ignores case, spaces and dashes but refuses what cannot be a code', () => {
    expect(normaliseAttendanceCode(' k7m-2qx ')).toBe('K7M2QX');
    expect(normaliseAttendanceCode('K7M2Q')).toBeNull();
    expect(normaliseAttendanceCode('K7M2QX9')).toBeNull();
    expect(normaliseAttendanceCode('K7M2Q0')).toBeNull(); // 0 is not in the alphabet
  });

  it('is valid from validFrom inclusive to validUntil exclusive', () => {
    const code = { validFrom: new Date('2026-12-01T02:00:00Z'), validUntil: new Date('2026-12-01T02:15:00Z') };
    expect(codeIsValidAt(code, new Date('2026-12-01T01:59:59.999Z'))).toBe(false);
    expect(codeIsValidAt(code, new Date('2026-12-01T02:00:00Z'))).toBe(true);
    expect(codeIsValidAt(code, new Date('2026-12-01T02:14:59.999Z'))).toBe(true);
    expect(codeIsValidAt(code, new Date('2026-12-01T02:15:00Z'))).toBe(false);
  });

  it('asks to retry when the oldest counted attempt leaves the window, at least a second', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    expect(retryAfterSeconds(new Date(now.getTime() - GUESS_WINDOW_MS + 10_500), now)).toBe(11);
    expect(retryAfterSeconds(new Date(now.getTime() - GUESS_WINDOW_MS - 5000), now)).toBe(1);
  });
});

import { ageOn, guardianProblem, jakartaToday } from './participant-rules.js';

describe('participant rules', () => {
  it('counts completed years, including the birthday itself', () => {
    expect(ageOn('2008-12-01', '2026-11-30')).toBe(17);
    expect(ageOn('2008-12-01', '2026-12-01')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('uses the Jakarta day, not the UTC day', () => {
    expect(jakartaToday(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30');
    expect(jakartaToday(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it('asks a guardian only for minors', () => {
    expect(guardianProblem('1990-01-01', undefined, undefined, '2026-11-30')).toBeNull();
    expect(guardianProblem('2012-05-05', undefined, undefined, '2026-11-30')).toMatch(/guardian/);
    expect(guardianProblem('2012-05-05', 'Ibu Sri', false, '2026-11-30')).toMatch(/guardian/);
    expect(guardianProblem('2012-05-05', '  ', true, '2026-11-30')).toMatch(/guardian/);
    expect(guardianProblem('2012-05-05', 'Ibu Sri', true, '2026-11-30')).toBeNull();
  });
});

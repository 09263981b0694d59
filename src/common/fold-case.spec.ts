import { foldCase } from './fold-case.js';

describe('foldCase', () => {
  it('lower-cases like toLowerCase', () => {
    expect(foldCase('Literasi DIGITAL ẞ ÀÉ')).toBe('Literasi DIGITAL ẞ ÀÉ'.toLowerCase());
  });

  it('never makes a string longer (İ folds to i, not i + combining dot)', () => {
    expect(foldCase('İstanbul')).toBe('istanbul');
    expect([...foldCase('İ'.repeat(200))]).toHaveLength(200);
  });

  it('keeps every code point count: no code point lower-cases into more than one except İ', () => {
    const growing: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if ([...foldCase(String.fromCodePoint(c))].length !== 1) growing.push(c);
    }
    expect(growing).toEqual([]);
  });
});

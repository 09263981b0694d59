import { normalisePhone } from './phone.js';

const E164 = /^\+[1-9][0-9]{1,14}$/;

describe('normalisePhone', () => {
  describe('Indonesian mobile numbers', () => {
    it.each([
      ['national format with dashes', '0812-3456-7890'],
      ['national format with spaces', '0812 3456 7890'],
      ['national format without separators', '081234567890'],
      ['country code without plus', '6281234567890'],
      ['international format with spaces', '+62 812 3456 7890'],
      ['E.164', '+6281234567890'],
      ['international format with a redundant trunk zero', '+62 (0) 812 3456 7890'],
      ['surrounding whitespace', '  0812 3456 7890  '],
    ])('accepts %s', (_label, input) => {
      expect(normalisePhone(input)).toBe('+6281234567890');
    });

    it('normalises a shorter valid mobile number', () => {
      expect(normalisePhone('0811-234-567')).toBe('+62811234567');
    });
  });

  describe('Indonesian landline numbers', () => {
    it.each([
      ['Purbalingga area code with a space', '0281 891234'],
      ['area code in parentheses', '(0281) 891234'],
      ['international format', '+62 281 891234'],
    ])('accepts %s', (_label, input) => {
      expect(normalisePhone(input)).toBe('+62281891234');
    });
  });

  it('always returns E.164', () => {
    for (const input of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '0281 891234']) {
      const result = normalisePhone(input);
      expect(result).toMatch(E164);
      expect(result?.startsWith('+62')).toBe(true);
    }
  });

  describe('rejects', () => {
    it.each([
      ['an empty string', ''],
      ['only whitespace', '   '],
      ['letters', 'abc'],
      ['letters mixed into the digits', '0812abc34567890'],
      ['letters after a valid number', '0812-3456-7890abc'],
      ['a valid number inside a sentence', 'hubungi 0812-3456-7890'],
      ['a number that is too short', '0812'],
      ['a number that is too short (5 digits)', '08123'],
      ['a number that is too long', '081234567890123'],
      ['a number that is too long in international format', '+62812345678901234'],
      ['a valid US number', '+14155552671'],
      ['a valid UK mobile number', '+44 7911 123456'],
      ['a valid Malaysian mobile number', '+60 12-345 6789'],
      ['a number with an extension, which E.164 cannot hold', '0812-3456-7890 ext. 12'],
      ['two plus signs', '+62+812 3456 7890'],
    ])('%s', (_label, input) => {
      expect(normalisePhone(input)).toBeNull();
    });
  });
});

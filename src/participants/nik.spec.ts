import { checkNikMatchesPerson, maskNik, normaliseNikInput, parseNik, type ParsedNik } from './nik.js';

// Kemendagri's province codes, restated rather than imported so that a slip in nik.ts cannot pass its own test.
const PROVINCE_CODES =
  '11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96';

// Builds a NIK from its parts so each test states exactly which part it breaks.
function nik(parts: { region?: string; ddmmyy?: string; serial?: string }): string {
  return `${parts.region ?? '330301'}${parts.ddmmyy ?? '150890'}${parts.serial ?? '0001'}`;
}

function parseOk(input: string): ParsedNik {
  const result = parseNik(input);
  if (!result.ok) {
    throw new Error(`expected ${input} to parse, got: ${result.message}`);
  }
  return result.value;
}

function expectRejected(input: string, messagePattern?: RegExp): void {
  const result = parseNik(input);
  expect(result.ok).toBe(false);
  if (!result.ok && messagePattern) {
    expect(result.message).toMatch(messagePattern);
  }
}

describe('parseNik', () => {
  describe('valid NIKs', () => {
    it('parses a male NIK from Purbalingga', () => {
      expect(parseOk('3303011508900001')).toEqual({
        provinceCode: '33',
        regencyCode: '3303',
        districtCode: '330301',
        gender: 'male',
        birthDay: 15,
        birthMonth: 8,
        birthYearTwoDigits: 90,
        serial: '0001',
      });
    });

    it('parses a female NIK by subtracting 40 from the day', () => {
      expect(parseOk('3303124501051234')).toEqual({
        provinceCode: '33',
        regencyCode: '3303',
        districtCode: '330312',
        gender: 'female',
        birthDay: 5,
        birthMonth: 1,
        birthYearTwoDigits: 5,
        serial: '1234',
      });
    });

    it('treats raw day 41 as female day 1', () => {
      const value = parseOk(nik({ ddmmyy: '410390' }));
      expect(value.gender).toBe('female');
      expect(value.birthDay).toBe(1);
    });

    it('treats raw day 71 as female day 31 in a 31-day month', () => {
      const value = parseOk(nik({ ddmmyy: '710190' }));
      expect(value.gender).toBe('female');
      expect(value.birthDay).toBe(31);
      expect(value.birthMonth).toBe(1);
    });

    it('treats raw day 31 as male day 31', () => {
      const value = parseOk(nik({ ddmmyy: '311290' }));
      expect(value.gender).toBe('male');
      expect(value.birthDay).toBe(31);
      expect(value.birthMonth).toBe(12);
    });

    it('keeps the two-digit year and leading zeros of the serial', () => {
      const value = parseOk(nik({ ddmmyy: '010100', serial: '0009' }));
      expect(value.birthYearTwoDigits).toBe(0);
      expect(value.serial).toBe('0009');
    });

    it('accepts serial 9999', () => {
      expect(parseOk(nik({ serial: '9999' })).serial).toBe('9999');
    });

    it.each(PROVINCE_CODES.split(' '))('accepts province code %s', (province) => {
      const value = parseOk(nik({ region: `${province}0101` }));
      expect(value.provinceCode).toBe(province);
      expect(value.regencyCode).toBe(`${province}01`);
      expect(value.districtCode).toBe(`${province}0101`);
    });
  });

  describe('shape', () => {
    it.each([
      ['empty string', ''],
      ['15 digits', '330301150890000'],
      ['17 digits', '33030115089000012'],
      ['a letter', '33030115089000A1'],
      ['grouping spaces', '3303 0115 0890 0001'],
      ['dots', '3303.0115.0890.0001'],
      ['surrounding whitespace', ' 3303011508900001 '],
      ['a trailing newline', '3303011508900001\n'],
      ['a sign', '+3303011508900001'],
      ['full-width digits', '３３０３０１１５０８９０００１'],
      ['Arabic-Indic digits', '٣٣٠٣٠١١٥٠٨٩٠٠٠٠١'],
    ])('rejects %s', (_label, input) => {
      expectRejected(input, /16 digits/);
    });
  });

  describe('region', () => {
    it.each(['00', '10', '20', '22', '30', '37', '41', '50', '99'])('rejects unknown province code %s', (province) => {
      expectRejected(nik({ region: `${province}0101` }), /province/);
    });

    it('rejects regency code 00', () => {
      expectRejected(nik({ region: '330001' }), /regency/);
    });

    it('rejects district code 00', () => {
      expectRejected(nik({ region: '330300' }), /district/);
    });
  });

  describe('birth date', () => {
    it.each([
      ['day 00', '000190'],
      ['day 32', '320190'],
      ['day 40', '400190'],
      ['raw day 72', '720190'],
      ['raw day 99', '990190'],
      ['month 00', '150090'],
      ['month 13', '151390'],
      ['31 April (male)', '310490'],
      ['31 April (female, raw 71)', '710490'],
      ['30 February', '300200'],
      ['29 February 2001/1901', '290201'],
      ['29 February 2001/1901 (female)', '690201'],
      ['29 February 1990/2090', '290290'],
    ])('rejects %s', (_label, ddmmyy) => {
      expectRejected(nik({ ddmmyy }), /birth date/);
    });

    it('accepts 29 February 00 because 2000 is a leap year (1900 is not)', () => {
      const value = parseOk(nik({ ddmmyy: '290200' }));
      expect(value).toMatchObject({ gender: 'male', birthDay: 29, birthMonth: 2, birthYearTwoDigits: 0 });
    });

    it('accepts a female 29 February in a leap year', () => {
      const value = parseOk(nik({ ddmmyy: '690204' }));
      expect(value).toMatchObject({ gender: 'female', birthDay: 29, birthMonth: 2, birthYearTwoDigits: 4 });
    });

    it('accepts 29 February 96', () => {
      expect(parseOk(nik({ ddmmyy: '290296' })).birthDay).toBe(29);
    });

    it('accepts 28 February of a non-leap year', () => {
      expect(parseOk(nik({ ddmmyy: '280201' })).birthDay).toBe(28);
    });
  });

  describe('serial', () => {
    it('rejects serial 0000', () => {
      expectRejected(nik({ serial: '0000' }), /serial/);
    });
  });
});

describe('checkNikMatchesPerson', () => {
  const male = parseOk('3303011508900001'); // 15 Aug (19)90, male
  const female = parseOk('3303014501900001'); // 5 Jan (19)90, female

  it('returns null when birth date and gender agree (male)', () => {
    expect(checkNikMatchesPerson(male, '1990-08-15', 'male')).toBeNull();
  });

  it('returns null when birth date and gender agree (female)', () => {
    expect(checkNikMatchesPerson(female, '1990-01-05', 'female')).toBeNull();
  });

  it('compares only the two-digit year because the century is not encoded', () => {
    const born2005 = parseOk(nik({ ddmmyy: '150805' }));
    expect(checkNikMatchesPerson(born2005, '2005-08-15', 'male')).toBeNull();
    expect(checkNikMatchesPerson(born2005, '1905-08-15', 'male')).toBeNull();
  });

  it('matches 29 February 2000', () => {
    expect(checkNikMatchesPerson(parseOk(nik({ ddmmyy: '290200' })), '2000-02-29', 'male')).toBeNull();
  });

  it.each([
    ['day', '1990-08-16'],
    ['month', '1990-09-15'],
    ['year', '1991-08-15'],
    ['year in another decade', '1980-08-15'],
    ['day and month swapped', '1990-15-08'],
  ])('reports a different %s', (_label, birthDate) => {
    const message = checkNikMatchesPerson(male, birthDate, 'male');
    expect(message).not.toBeNull();
  });

  it('reports a different birth date with a birth date message', () => {
    expect(checkNikMatchesPerson(male, '1990-08-16', 'male')).toMatch(/birth date/);
  });

  it('does not confuse the female day offset with the day', () => {
    // Female NIK day field is 45; a naive comparison with 45 or with the male reading must fail.
    expect(checkNikMatchesPerson(female, '1990-01-05', 'female')).toBeNull();
    expect(checkNikMatchesPerson(female, '1990-01-45', 'female')).not.toBeNull();
  });

  it('reports a gender that disagrees with a male NIK', () => {
    expect(checkNikMatchesPerson(male, '1990-08-15', 'female')).toMatch(/gender/);
  });

  it('reports a gender that disagrees with a female NIK', () => {
    expect(checkNikMatchesPerson(female, '1990-01-05', 'male')).toMatch(/gender/);
  });

  it('reports when both birth date and gender disagree', () => {
    expect(checkNikMatchesPerson(male, '1991-08-15', 'female')).not.toBeNull();
  });

  it.each(['', '15-08-1990', '1990/08/15', '1990-8-15', '19900815', '1990-08-15T00:00:00Z', ' 1990-08-15'])(
    'rejects a malformed birth date %j',
    (birthDate) => {
      expect(checkNikMatchesPerson(male, birthDate, 'male')).toMatch(/YYYY-MM-DD/);
    },
  );

  it.each(['1990-02-30', '1990-13-15', '1990-00-15', '1990-08-00', '1990-04-31', '1900-02-29'])(
    'rejects a birth date that is not a real date: %s',
    (birthDate) => {
      expect(checkNikMatchesPerson(male, birthDate, 'male')).not.toBeNull();
    },
  );

  it('ignores the region part', () => {
    const elsewhere = parseOk('3171011508900001'); // Jakarta-registered, same person data
    expect(checkNikMatchesPerson(elsewhere, '1990-08-15', 'male')).toBeNull();
  });
});

describe('maskNik', () => {
  it('keeps only the region code (first 6 digits) and masks birth date and serial', () => {
    expect(maskNik('3303014501900001')).toBe('330301**********');
  });

  it('masks a different NIK accordingly', () => {
    expect(maskNik('3171011508905678')).toBe('317101**********');
  });

  it('returns 16 characters and shows no digit of the birth date or the serial', () => {
    const masked = maskNik('3303011508904321');
    expect(masked).toHaveLength(16);
    expect(masked.slice(6)).toBe('*'.repeat(10));
    for (const d of '4321') expect(masked.slice(6)).not.toContain(d);
  });

  it('masks input typed with separators the same as the plain NIK', () => {
    expect(maskNik('3303 0145 0190 0001')).toBe('330301**********');
  });

  it.each(['', '1234', '33030145019000012', '33030145019000AB'])('fully masks a malformed value %j', (input) => {
    expect(maskNik(input)).toBe('****************');
  });
});

describe('normaliseNikInput', () => {
  it('removes grouping spaces', () => {
    expect(normaliseNikInput('3303 0145 0190 0001')).toBe('3303014501900001');
  });

  it('removes dots', () => {
    expect(normaliseNikInput('3303.0145.0190.0001')).toBe('3303014501900001');
  });

  it('removes surrounding and mixed whitespace, including tabs, newlines and non-breaking spaces', () => {
    expect(normaliseNikInput(' \t3303\u00a001.45 0190\n0001 ')).toBe('3303014501900001');
  });

  it('keeps every other character so that it still fails parsing', () => {
    expect(normaliseNikInput('3303-0145-0190-0001')).toBe('3303-0145-0190-0001');
    expect(normaliseNikInput('3303 0145 0190 000A')).toBe('330301450190000A');
  });

  it('produces a NIK that parses', () => {
    expect(parseNik(normaliseNikInput('3303 0145 0190 0001')).ok).toBe(true);
  });
});

/**
 * Parsing of the Indonesian NIK (Nomor Induk Kependudukan).
 *
 * Layout: PP RR DD DDMMYY SSSS
 *   PP     province code
 *   RR     regency/city code within the province
 *   DD     district (kecamatan) code within the regency
 *   DDMMYY birth date; women have 40 added to the day
 *   SSSS   serial number
 *
 * The region part records where the person was first registered, so it is only
 * checked for plausibility and never compared with the person's current address.
 */

import { isCalendarDateShaped, isRealDate, parseCalendarDate } from '../common/calendar-date.js';

export type Gender = 'male' | 'female';

export interface ParsedNik {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  gender: Gender;
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
  serial: string;
}

export type ParseNikResult = { ok: true; value: ParsedNik } | { ok: false; message: string };

const VALID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    '11 12 13 14 15 16 17 18 19 21', // Sumatra and the Riau Islands
    '31 32 33 34 35 36', // Java
    '51 52 53', // Bali and Nusa Tenggara
    '61 62 63 64 65', // Kalimantan
    '71 72 73 74 75 76', // Sulawesi
    '81 82', // Maluku
    '91 92 93 94 95 96', // Papua
  ]
    .join(' ')
    .split(' '),
);

const FEMALE_DAY_OFFSET = 40;

// `\d` is avoided on purpose: with the `u` flag or future edits it is easy to
// end up accepting non-ASCII digits, and a NIK is stored and compared as ASCII.
const SIXTEEN_ASCII_DIGITS = /^[0-9]{16}$/;

/**
 * Parses a NIK that has already been normalised (see `normaliseNikInput`).
 * Spaces or dots are rejected here rather than silently removed, so that the
 * caller decides where lenient input is acceptable.
 */
export function parseNik(input: string): ParseNikResult {
  if (!SIXTEEN_ASCII_DIGITS.test(input)) {
    return { ok: false, message: 'NIK must be exactly 16 digits' };
  }

  const provinceCode = input.slice(0, 2);
  if (!VALID_PROVINCE_CODES.has(provinceCode)) {
    return { ok: false, message: 'NIK has an unknown province code' };
  }
  if (input.slice(2, 4) === '00') {
    return { ok: false, message: 'NIK has an invalid regency/city code' };
  }
  if (input.slice(4, 6) === '00') {
    return { ok: false, message: 'NIK has an invalid district code' };
  }

  const rawDay = Number(input.slice(6, 8));
  const birthMonth = Number(input.slice(8, 10));
  const birthYearTwoDigits = Number(input.slice(10, 12));

  const gender: Gender = rawDay > FEMALE_DAY_OFFSET ? 'female' : 'male';
  const birthDay = gender === 'female' ? rawDay - FEMALE_DAY_OFFSET : rawDay;

  // The century is not encoded, so a date is accepted when either reading is
  // real; this matters only for 29 February (1900 is not a leap year, 2000 is).
  const isRealInSomeCentury =
    isRealDate(1900 + birthYearTwoDigits, birthMonth, birthDay) ||
    isRealDate(2000 + birthYearTwoDigits, birthMonth, birthDay);
  if (!isRealInSomeCentury) {
    return { ok: false, message: 'NIK birth date is not a real date' };
  }

  const serial = input.slice(12, 16);
  if (serial === '0000') {
    return { ok: false, message: 'NIK has an invalid serial number' };
  }

  return {
    ok: true,
    value: {
      provinceCode,
      regencyCode: input.slice(0, 4),
      districtCode: input.slice(0, 6),
      gender,
      birthDay,
      birthMonth,
      birthYearTwoDigits,
      serial,
    },
  };
}

/**
 * Returns a message describing the first disagreement between the NIK and the
 * birth date / gender the person entered, or null when they agree.
 */
export function checkNikMatchesPerson(nik: ParsedNik, birthDate: string, gender: Gender): string | null {
  if (!isCalendarDateShaped(birthDate)) {
    return 'Birth date must be in YYYY-MM-DD format';
  }
  const parsed = parseCalendarDate(birthDate);
  if (!parsed) {
    return 'Birth date is not a real date';
  }
  const { year, month, day } = parsed;

  if (nik.birthDay !== day || nik.birthMonth !== month || nik.birthYearTwoDigits !== year % 100) {
    return 'NIK birth date does not match the given birth date';
  }
  if (nik.gender !== gender) {
    return 'NIK gender does not match the given gender';
  }
  return null;
}

/**
 * Masks a NIK for display: only the region code (first 6 digits) stays. The birth date and gender are
 * shown next to it anyway, so any serial digit left visible would narrow the NIK down to a few guesses.
 * Anything that is not a 16-digit NIK is masked completely, so a malformed value can never leak in full.
 * Built when answering, from the decrypted NIK: nothing of the NIK is stored in plain text.
 */
export function maskNik(nik: string): string {
  const normalised = normaliseNikInput(nik);
  if (!SIXTEEN_ASCII_DIGITS.test(normalised)) {
    return '*'.repeat(16);
  }
  return `${normalised.slice(0, 6)}${'*'.repeat(10)}`;
}

/**
 * People copy NIKs from the KTP card with grouping spaces or dots; only those
 * separators are removed so that any other stray character still fails parsing.
 */
export function normaliseNikInput(input: string): string {
  return input.replace(/[\s.]/g, '');
}

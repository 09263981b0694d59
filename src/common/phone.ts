// The "max" metadata validates numbers against the real numbering plan; the
// default "min" metadata only checks lengths and would accept unassigned ranges.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Normalises an Indonesian phone number (mobile or landline) to E.164, e.g.
 * '0812-3456-7890' → '+6281234567890'. Returns null when the input is not a
 * valid Indonesian number, including valid numbers of other countries.
 */
export function normalisePhone(input: string): string | null {
  // extract: false makes the whole string be the number, so text around a
  // number ('call 0812…', '0812…abc') is rejected instead of silently dropped.
  const phone = parsePhoneNumberFromString(input, { defaultCountry: 'ID', extract: false });
  if (!phone || !phone.isValid() || phone.country !== 'ID') {
    return null;
  }
  // An extension cannot be represented in E.164 and would be lost on storage.
  if (phone.ext) {
    return null;
  }
  return phone.number;
}

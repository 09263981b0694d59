import { completedYears } from '../common/calendar-date.js';
import { localDateOf } from '../common/jakarta-time.js';

/** Occupations double as event target groups (contract, Reference data). */
export const OCCUPATIONS = [
  'student',
  'teacher',
  'civil_servant',
  'village_official',
  'umkm',
  'farmer',
  'homemaker',
  'senior_citizen',
  'worker',
  'general',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** Version of the privacy notice the person consented to; bump when the notice text changes. */
export const CONSENT_POLICY_VERSION = '2026-11';

export const ADULT_AGE = 18;

/** Today's date (YYYY-MM-DD) in Asia/Jakarta, which has no DST. */
export function jakartaToday(now: Date = new Date()): string {
  return localDateOf(now);
}

/** Completed years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export const ageOn = completedYears;

/** Null when the guardian rule is met, else the message for a 400. */
export function guardianProblem(
  birthDate: string,
  guardianName: string | null | undefined,
  guardianConsent: boolean | null | undefined,
  today: string,
): string | null {
  if (ageOn(birthDate, today) >= ADULT_AGE) return null;
  if (!guardianName?.trim() || guardianConsent !== true) {
    return 'A participant under 18 needs guardianName and guardianConsent: true (UU 27/2022 art. 25)';
  }
  return null;
}

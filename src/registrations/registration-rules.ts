/** A registration's vocabularies, named by other modules' rules and DTOs (check-in rules, exports, lists). */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type RegistrationSource = 'self' | 'staff' | 'walk_in';

/**
 * Stable reasons carried as `code` in every problem+json body (api-contract.md, "Additions"), so clients
 * can show their own words. One list for the whole API; the OpenAPI document lists it, and the web app's
 * dictionary must have Indonesian text for each. Add a code here before throwing it.
 */
export const PROBLEM_CODES = [
  // generic, one per status, for refusals without a more specific reason
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'request_timeout',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rule_broken',
  'rate_limited',
  'headers_too_large',
  'internal_error',
  'service_unavailable',
  // specific reasons, grouped by where they arise
  // request body
  'invalid_json',
  // accounts and sign-in
  'invalid_credentials',
  'login_locked',
  'account_inactive',
  'token_invalid',
  'token_expired',
  'token_revoked',
  'token_reused',
  'email_taken',
  'invalid_phone',
  'self_demotion',
  // partners
  'partner_name_taken',
  'unknown_partner',
  'own_partner_only',
  'partner_fields_forbidden',
  'partner_inactive',
  'no_partner_account',
  // participant profiles
  'profile_required',
  'nik_invalid',
  'nik_mismatch',
  'nik_taken',
  'guardian_required',
  'unknown_kecamatan',
  'unknown_participant',
  // events
  'wrong_status',
  'capacity_below_confirmed',
  'event_ended',
  // registrations
  'event_not_open',
  'registration_not_open',
  'registration_closed',
  'already_registered',
  'event_full',
  'self_registration_only',
  'already_cancelled',
  'checked_in',
  // check-ins
  'event_cancelled',
  'check_in_not_open',
  'ticket_other_event',
  'registration_waitlisted',
  'registration_cancelled',
  'scan_in_future',
  'scan_before_event',
  'certificate_issued',
  // certificates
  'not_attended',
  'participant_erased',
  // studio bookings
  'invalid_range',
  'in_past',
  'notice_too_short',
  'too_far_ahead',
  'too_long',
  'off_grid',
  'outside_opening_hours',
  'in_closure',
  'slot_taken',
  'booking_cap_reached',
  'studio_capacity_exceeded',
  'booking_started',
  'booking_not_started',
  // idempotency
  'idempotency_key_reused',
  'idempotency_key_in_use',
  // learning outcomes, self check-in (issue 16)
  'event_not_online',
  'not_registered',
  'attendance_code_invalid',
  'attendance_code_expired',
  'quiz_not_set',
  'quiz_changed',
  'quiz_closed',
  'quiz_already_taken',
  'evaluation_already_given',
  'invalid_unsubscribe_token',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

const BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'rule_broken',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'service_unavailable',
};

/** The generic code of a status, for refusals that name no specific reason. */
export const codeForStatus = (status: number): ProblemCode =>
  BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');

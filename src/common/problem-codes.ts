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
  'method_not_allowed',
  'request_timeout',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rule_broken',
  'rate_limited',
  'headers_too_large',
  'internal_error',
  'service_unavailable',
  // specific reasons
  'invalid_json',
  'invalid_credentials',
  'login_locked',
  'email_taken',
  'event_full',
  'registration_closed',
  'registration_not_open',
  'event_not_open',
  'already_registered',
  'profile_required',
  'nik_taken',
  'slot_taken',
  'outside_opening_hours',
  'invalid_unsubscribe_token',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

const BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
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

import { PROBLEM_CODES } from '../src/common/problem-codes.js';
import { FIELD_MESSAGES, PROBLEM_MESSAGES, STATUS_MESSAGES } from '../web/src/i18n/id.js';

/**
 * The web app shows its own Indonesian words for every problem `code` the API can send (api-contract.md,
 * "Problem codes"): a code added to PROBLEM_CODES without a sentence in web/src/i18n/id.ts fails here.
 */
describe('web app dictionary', () => {
  it('has an Indonesian message for every problem code of the API', () => {
    const missing = PROBLEM_CODES.filter((code) => !PROBLEM_MESSAGES[code]);
    expect(missing).toEqual([]);
  });

  it('has messages for the reasons the API is adding, and a fallback for each error status', () => {
    const upcoming = [
      'event_full', 'registration_closed', 'registration_not_open', 'event_not_open', 'already_registered', 'profile_required',
      'nik_taken', 'slot_taken', 'outside_opening_hours', 'off_grid', 'in_closure', 'notice_too_short', 'too_long', 'too_far_ahead',
      'in_past', 'booking_cap_reached', 'wrong_status', 'ticket_other_event', 'registration_cancelled', 'registration_waitlisted',
      'not_attended', 'certificate_issued', 'capacity_below_confirmed', 'email_taken', 'partner_name_taken', 'invalid_credentials',
      'login_locked', 'token_revoked', 'idempotency_key_reused', 'invalid_json', 'booking_started',
    ];
    expect(upcoming.filter((code) => !PROBLEM_MESSAGES[code])).toEqual([]);
    for (const status of [400, 401, 403, 404, 409, 422, 429, 503]) expect(STATUS_MESSAGES[status]).toEqual(expect.any(String));
  });

  it('speaks Indonesian: no message is left in English', () => {
    const english = /\b(the|is|not|please|error|failed|invalid|must|required|found)\b/i;
    const all = [...Object.values(PROBLEM_MESSAGES), ...Object.values(STATUS_MESSAGES), ...Object.values(FIELD_MESSAGES)];
    expect(all.filter((m) => english.test(m))).toEqual([]);
  });
});

import { PROBLEM_CODES } from '../src/common/problem-codes.js';
import { FIELD_MESSAGES, PROBLEM_MESSAGES, STATUS_MESSAGES } from '../web/src/i18n/id.js';

/**
 * The web app shows its own Indonesian words for every problem `code` the API can send (api-contract.md,
 * "Problem codes"): a code added to PROBLEM_CODES without a sentence in web/src/i18n/id.ts fails here.
 */
describe('web app dictionary', () => {
  it('has an Indonesian message for every problem code of the API', () => {
    const missing = PROBLEM_CODES.filter((code) => !(PROBLEM_MESSAGES as Partial<Record<string, string>>)[code]);
    expect(missing).toEqual([]);
  });

  it('has a fallback for each error status', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429, 503])
      expect(STATUS_MESSAGES[status]).toEqual(expect.any(String));
  });

  it('speaks Indonesian: no message is left in English', () => {
    const english = /\b(the|is|not|please|error|failed|invalid|must|required|found)\b/i;
    const all = [
      ...Object.values(PROBLEM_MESSAGES),
      ...Object.values(STATUS_MESSAGES),
      ...Object.values(FIELD_MESSAGES),
    ];
    expect(all.filter((m) => english.test(m))).toEqual([]);
  });
});

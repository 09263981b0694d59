/** Checks on a parsed JSON request body that run before validation (see app.setup.ts). */
/** Far deeper than any request DTO (a studio's opening hours are three levels down). */
export const MAX_BODY_DEPTH = 32;
/**
 * C0 control characters other than tab, line feed and carriage return, and lone UTF-16 surrogates: no
 * name, title or text needs them, JSON escapes each into six bytes (an event snapshot then no longer fit
 * its audit column on MySQL: a 500), and XLSX exports and PDFs cannot carry them.
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No DTO has these; class-transformer treats a `constructor` member as the class to build (a TypeError: 500). */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What is wrong with a parsed JSON body before validation sees it, or null. Walks without recursion, so
 * the check itself cannot overflow the stack on deep nesting (which class-transformer would: a 500).
 */
export function bodyProblem(body: unknown): { detail: string; field: string; message: string } | null {
  const pending: [unknown, number, string][] = [[body, 0, '']];
  while (pending.length > 0) {
    const [value, depth, field] = pending.pop() as [unknown, number, string];
    if (typeof value === 'string') {
      if (UNSAFE_TEXT.test(value))
        return {
          detail: 'The request has invalid fields',
          field,
          message: 'control characters and unpaired surrogates are not allowed',
        };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const polluting = Object.keys(value).find((key) => POLLUTING_KEYS.has(key));
    if (polluting !== undefined)
      return {
        detail: 'The request has invalid fields',
        field: field ? `${field}.${polluting}` : polluting,
        message: 'unknown field',
      };
    if (depth >= MAX_BODY_DEPTH) {
      return {
        detail: `The request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
        field,
        message: 'nested too deeply',
      };
    }
    for (const [key, child] of Object.entries(value)) pending.push([child, depth + 1, field ? `${field}.${key}` : key]);
  }
  return null;
}

/**
 * Lower case for search and uniqueness keys, never longer than the input. String#toLowerCase turns 'İ'
 * (U+0130, the only code point that grows) into 'i' + U+0307, so a name at its length limit no longer fit
 * its key column: MySQL refused the row and the request failed with a 500.
 */
export const foldCase = (s: string): string => s.replace(/\u0130/g, 'i').toLowerCase();

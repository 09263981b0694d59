import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeForStatus, PROBLEM_CODES } from './problem-codes.js';

/** Every TypeScript source file under src/, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('PROBLEM_CODES', () => {
  it('are unique snake_case identifiers', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
    for (const code of PROBLEM_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('holds the codes the contract names', () => {
    for (const code of [
      'validation_failed',
      'event_full',
      'registration_closed',
      'already_registered',
      'nik_taken',
      'rate_limited',
      'slot_taken',
      'outside_opening_hours',
    ]) {
      expect(PROBLEM_CODES).toContain(code);
    }
  });

  it('lists no code that nothing in src/ gives (a client would keep words for a reason that never comes)', () => {
    const root = join(__dirname, '..');
    const text = sources(root)
      .filter((path) => !path.endsWith(join('common', 'problem-codes.ts')))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const generic = new Set([400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 431, 500, 503].map(codeForStatus));
    const unused = PROBLEM_CODES.filter((code) => !generic.has(code) && !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

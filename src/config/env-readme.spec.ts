import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV_DEFAULTS } from './env.validation.js';

/** README's environment table: each row's variables and the default column's text. */
function readmeRows(): { names: string[]; defaultText: string }[] {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+`/.test(line))
    .map((line) => {
      const [names = '', defaultText = ''] = line.split('|').slice(1, 3);
      return { names: [...names.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1] as string), defaultText: defaultText.trim() };
    });
}

describe('README environment table', () => {
  const rows = readmeRows();

  it('lists every variable with a declared default, with that default', () => {
    for (const [name, value] of Object.entries(ENV_DEFAULTS)) {
      const row = rows.find((r) => r.names.includes(name));
      expect({ name, row: row !== undefined }).toEqual({ name, row: true });
      // Rows naming several variables give their defaults in the same order, comma-separated.
      const literals = [...(row?.defaultText ?? '').matchAll(/`([^`]*)`/g)].map((m) => m[1]);
      const literal = row && row.names.length > 1 ? literals[row.names.indexOf(name)] : literals[0];
      expect({ name, default: literal }).toEqual({ name, default: String(value) });
    }
  });

  it('states no constant default for a variable whose default is not declared or derived', () => {
    // A row whose default column is one literal and nothing else claims a constant default.
    const constant = rows.filter((r) => r.names.length === 1 && /^`[^`]*`$/.test(r.defaultText));
    const derivedInReadAppConfig = ['LOG_LEVEL', 'PUBLIC_BASE_URL'];
    const undeclared = constant
      .map((r) => r.names[0] as string)
      .filter((n) => !(n in ENV_DEFAULTS) && !derivedInReadAppConfig.includes(n));
    expect(undeclared).toEqual([]);
  });
});

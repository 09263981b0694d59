/**
 * Tests run as CommonJS: Nest 12 ships ES modules, which Jest on Node 20 cannot mix with the CommonJS
 * packages (throttler, nestjs-pino) that require them. So TypeScript is compiled to CommonJS by ts-jest
 * and the ES-module packages by Babel, giving one copy of every module. Production runs native ESM.
 */
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  'ical-generator',
  'ical.js',
];

/**
 * Every test runs with the process clock on US Pacific time, whatever the machine says: nothing may
 * depend on the server's own time zone (instants are UTC, local days are Asia/Jakarta). A machine in
 * UTC would hide date shifts that a server abroad, or a developer's laptop, would show.
 */
process.env.TZ = 'America/Los_Angeles';

export default {
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/(?!.*\\.json\\.js$).*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' }, diagnostics: false },
    ],
    '^.+\\.js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: ['./test/jest/import-meta-to-cjs.cjs', '@babel/plugin-transform-modules-commonjs'],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
  // Every error answer an e2e suite provokes must carry a listed problem code (test/support/problem-code-check.ts).
  setupFilesAfterEnv: ['<rootDir>/test/jest/problem-code-check.setup.ts'],
  // Inside the work tree, so a fresh clone never reuses transforms made by an older Babel plugin.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};

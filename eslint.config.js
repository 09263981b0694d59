import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/jest/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        module: 'readonly',
        require: 'readonly',
        __filename: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
      // Prettier wraps code at 120 columns but leaves long strings, templates and comments alone: this catches those.
      'max-len': ['error', { code: 120, ignoreUrls: true }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (and, in a test, its assertion); a switch
    // over a union must say what happens to every member when the union grows.
    files: ['src/**/*.ts', 'test/**/*.ts', 'web/src/**/*.{ts,tsx}', 'web/e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The web app runs in browsers; its service worker in a worker scope.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Blob: 'readonly',
        FileReader: 'readonly',
        crypto: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLSelectElement: 'readonly',
        HTMLDialogElement: 'readonly',
        Event: 'readonly',
        Response: 'readonly',
      },
    },
  },
  {
    // Generated from the OpenAPI document (scripts/api-types.mjs): its lines are as long as the descriptions.
    files: ['web/src/api/schema.d.ts'],
    rules: { 'max-len': 'off' },
  },
  {
    files: ['web/public/sw.js'],
    languageOptions: {
      globals: {
        self: 'readonly',
        caches: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        Headers: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    files: ['web/e2e/**/*.mjs'],
    languageOptions: { globals: { fetch: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'scripts/**/*', 'bench/**/*', 'web/e2e/**/*'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
);

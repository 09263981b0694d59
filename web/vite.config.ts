import { defineConfig } from 'vite';

/**
 * The community web app (Preact + TypeScript), built into dist/web where the Nest server serves it
 * (src/web/web-app.ts). JSX is compiled by Vite's own transform for Preact's automatic runtime.
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    // No inline module-preload polyfill: the CSP allows no inline script (every browser that runs the app has it).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

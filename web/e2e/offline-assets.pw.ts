import { expect, type Page, test } from '@playwright/test';

/**
 * The service worker (web/public/sw.js) keeps every hashed file the app fetched, lazy chunks included,
 * and when a new build arrives drops those that neither it nor the build before it used.
 */
const CACHE = 'bm-shell-v2';

async function controlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

/** Build marks of kept files (`X-Bm-Build`), by path; null when the file is not kept. */
function marks(page: Page, paths: string[]) {
  return page.evaluate(
    async ({ cacheName, list }) => {
      const cache = await caches.open(cacheName);
      const out: Record<string, string | null> = {};
      for (const p of list) out[p] = (await cache.match(p))?.headers.get('X-Bm-Build') ?? null;
      return out;
    },
    { cacheName: CACHE, list: paths },
  );
}

test('a new build drops files no recent build used, keeps the others, and a file used again stays', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'service worker bookkeeping; one browser profile is enough');
  await page.goto('/');
  await controlled(page);
  // Three lazy chunks of older builds: one last used two builds ago, one by the build before this one
  // (not used since), one by the build before that but fetched again now.
  await page.evaluate(async (cacheName) => {
    const cache = await caches.open(cacheName);
    const js = (build: string) =>
      new Response('export {};', { headers: { 'Content-Type': 'text/javascript', 'X-Bm-Build': build } });
    await cache.put('/assets/dropped-OLD1.js', js('build-2-ago'));
    await cache.put('/assets/kept-PREV1.js', js('build-1-ago'));
    await cache.put('/assets/used-again-OLD2.js', js('build-2-ago'));
    // As if the phone last saw the build before this one (this page's build is then "new").
    await cache.put(
      '/__builds.json',
      new Response(JSON.stringify({ current: 'build-1-ago', previous: 'build-2-ago' })),
    );
  }, CACHE);

  // Fetched by the app under the build before this one: marked as used by it.
  expect(await page.evaluate(async () => (await fetch('/assets/used-again-OLD2.js')).status)).toBe(200);
  await expect
    .poll(() => marks(page, ['/assets/used-again-OLD2.js']))
    .toEqual({ '/assets/used-again-OLD2.js': 'build-1-ago' });

  // A navigation brings this build's index.html: the new build is current, the clean-up runs.
  await page.reload();
  await expect
    .poll(() => marks(page, ['/assets/dropped-OLD1.js', '/assets/kept-PREV1.js', '/assets/used-again-OLD2.js']))
    .toEqual({
      '/assets/dropped-OLD1.js': null,
      '/assets/kept-PREV1.js': 'build-1-ago',
      '/assets/used-again-OLD2.js': 'build-1-ago',
    });
  const builds = await page.evaluate(
    async (cacheName) => (await (await caches.open(cacheName)).match('/__builds.json'))!.json(),
    CACHE,
  );
  expect(builds.previous).toBe('build-1-ago');
  // This build's own files (index.html names them) are kept and marked with it.
  const own = await page.evaluate(() =>
    [...document.querySelectorAll('script[src^="/assets/"], link[href^="/assets/"]')].map(
      (e) => e.getAttribute('src') ?? e.getAttribute('href')!,
    ),
  );
  expect(own.length).toBeGreaterThan(0);
  expect(Object.values(await marks(page, own))).toEqual(own.map(() => builds.current));
});

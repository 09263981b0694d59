/*
 * Service worker of the Bangga Macapat web app: keeps the app shell (index.html, its hashed scripts and
 * styles, the manifest and icons) so pages open without a network, and every other hashed file the app
 * fetched (the lazy chunks of role pages, such as the door scanner and its QR reader), so a page opened
 * once online opens again offline. Role chunks are kept only on phones that opened them: nothing is
 * precached beyond what index.html names. It never stores API answers: personal data offline is only
 * what the app itself keeps.
 */
const CACHE = 'bm-shell-v2';
const SHELL = '/__shell.html';
/** Which build is current and which came before: { current, previous } (ids from index.html's files). */
const BUILDS = '/__builds.json';
/** Each kept /assets/ file records the last build that used it. */
const BUILD_HEADER = 'X-Bm-Build';
const STATIC = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/** The hashed files an HTML page of the app loads. */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

/** Read from the cache each time (a small file): a worker restarted, or another one, sees the same. */
async function currentBuilds(cache) {
  const kept = await cache.match(BUILDS);
  return kept ? kept.json() : { current: null, previous: null };
}

/**
 * Cache bookkeeping one step at a time. Without it, a page's own files, fetched while the navigation's
 * keepShell was still recording the new build, were marked with the build before it after keepShell had
 * marked them with the new one (the later write won), and the next build's clean-up would drop them early.
 */
let bookkeeping = Promise.resolve();
function serially(step) {
  const run = bookkeeping.then(step);
  bookkeeping = run.catch(() => undefined);
  return run;
}

/** Marks the kept copy of `request` as used by the build that is current when this step runs. */
async function markUsed(cache, request, response) {
  const { current } = await currentBuilds(cache);
  const kept = response || (await cache.match(request));
  if (kept && (response || kept.headers.get(BUILD_HEADER) !== current))
    await cache.put(request, await marked(kept, current));
}

/** A copy of an /assets/ answer marked as used by `build`. */
async function marked(response, build) {
  const headers = new Headers(response.headers);
  headers.set(BUILD_HEADER, build || '');
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

/**
 * Keeps index.html and the files it names. A lazy chunk is not named there: it is kept when the app
 * first fetches it (see fetch below) and stays while builds use it. When a new build arrives, files not
 * used since the build before it are dropped: a chunk unchanged across builds (same hash) survives, one
 * that no build of the last two has asked for goes.
 */
async function keepShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put(SHELL, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  const current = assetsOf(html);
  const build = current.join(' ');
  let builds = await currentBuilds(cache);
  if (builds.current !== build) {
    builds = { current: build, previous: builds.current };
    await cache.put(BUILDS, new Response(JSON.stringify(builds), { headers: { 'Content-Type': 'application/json' } }));
  }
  for (const url of current) {
    const kept = await cache.match(url);
    if (kept && kept.headers.get(BUILD_HEADER) === build) continue;
    const res = kept || (await fetch(url));
    if (res.ok) await cache.put(url, await marked(res, build));
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/assets/') || current.includes(path)) continue;
    const kept = await cache.match(request);
    const usedBy = kept && kept.headers.get(BUILD_HEADER);
    if (usedBy !== builds.current && usedBy !== builds.previous) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(STATIC);
      const res = await fetch('/', { cache: 'no-cache' });
      if (res.ok) await serially(() => keepShell(res));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins and the API go straight to the network, never through the cache.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(request);
          if (res.ok && (res.headers.get('Content-Type') || '').includes('text/html')) {
            const copy = res.clone();
            event.waitUntil(serially(() => keepShell(copy)));
          }
          return res;
        } catch {
          // Offline: the kept shell; the app itself says it is offline and shows what it kept.
          const shell = await caches.match(SHELL);
          if (shell) return shell;
          return new Response(
            '<!doctype html><html lang="id"><meta charset="utf-8"><title>Luring</title>' +
              '<p>Anda sedang luring dan halaman ini belum tersimpan. Sambungkan internet lalu coba lagi.</p>',
            {
              status: 503,
              headers: { 'Content-Type': 'text/html; charset=utf-8' },
            },
          );
        }
      })(),
    );
    return;
  }

  // Hashed assets never change: the cache first, and every one the app fetches is kept (lazy chunks
  // included). Icons and the manifest: the network first, the cache offline.
  const hashed = url.pathname.startsWith('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (hashed) {
        const kept = await cache.match(request);
        if (kept) {
          // Used by this build too: it survives the next build's clean-up.
          event.waitUntil(serially(() => markUsed(cache, request, null)));
          return kept;
        }
      }
      try {
        const res = await fetch(request);
        if (res.ok && hashed) {
          const copy = res.clone();
          event.waitUntil(serially(() => markUsed(cache, request, copy)));
        } else if (res.ok && STATIC.includes(url.pathname)) await cache.put(request, res.clone());
        return res;
      } catch (err) {
        const kept = await cache.match(request);
        if (kept) return kept;
        throw err;
      }
    })(),
  );
});

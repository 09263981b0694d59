/*
 * Service worker of the Bangga Macapat web app: keeps the app shell (index.html, its hashed scripts and
 * styles, the manifest and icons) so pages open without a network. It never stores API answers: personal
 * data offline is only what the app itself keeps (tickets of the signed-in user, cleared at logout).
 */
const CACHE = 'bm-shell-v1';
const SHELL = '/__shell.html';
const STATIC = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/** The hashed files an HTML page of the app loads. */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

async function keepShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put(SHELL, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  const current = assetsOf(html);
  const missing = [];
  for (const url of current) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
  // Files of older builds are no longer loaded by any page: drop them. (The app is one bundle that index.html
  // names; chunks loaded lazily would have to be listed here too.)
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !current.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(STATIC);
      const res = await fetch('/', { cache: 'no-cache' });
      if (res.ok) await keepShell(res);
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
          if (res.ok && (res.headers.get('Content-Type') || '').includes('text/html')) event.waitUntil(keepShell(res.clone()));
          return res;
        } catch {
          // Offline: the kept shell; the app itself says it is offline and shows what it kept.
          const shell = await caches.match(SHELL);
          if (shell) return shell;
          return new Response('<!doctype html><html lang="id"><meta charset="utf-8"><title>Luring</title><p>Anda sedang luring dan halaman ini belum tersimpan. Sambungkan internet lalu coba lagi.</p>', {
            status: 503,
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
          });
        }
      })(),
    );
    return;
  }

  // Hashed assets never change: the cache first. Icons and the manifest: the network first, the cache offline.
  const hashed = url.pathname.startsWith('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (hashed) {
        const kept = await cache.match(request);
        if (kept) return kept;
      }
      try {
        const res = await fetch(request);
        if (res.ok && (hashed || STATIC.includes(url.pathname))) await cache.put(request, res.clone());
        return res;
      } catch (err) {
        const kept = await cache.match(request);
        if (kept) return kept;
        throw err;
      }
    })(),
  );
});

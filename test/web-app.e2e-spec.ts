import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent } from './support/training-factory.js';

/**
 * The web app served by the API's own server (src/web/web-app.ts), on a small fixture build so the suite
 * does not depend on `npm run build:web` having run: files, the index.html fallback for app paths, the
 * training page's preview tags, cache headers and the content security policy.
 */
const SHELL = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<!--page-meta-->
<title>Bangga Macapat</title>
<!--/page-meta-->
<script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>`;

describe('web app serving (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bm-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), SHELL);
    writeFileSync(join(root, 'assets/index-abc123.js'), 'console.log("app")');
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    t = await createTestApp({ WEB_ROOT: root, PUBLIC_BASE_URL: 'https://bangga.example/' });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers every app path (deep links, reloads) with index.html, revalidated on each visit', async () => {
    for (const path of [
      '/',
      '/akun/tiket',
      '/masuk?next=%2Fpelatihan%2Fx',
      '/verifikasi/BM-2026-K7M2QX9B',
      '/halaman/tidak/dikenal',
    ]) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="app"></div>');
      expect(res.text).toContain(`<meta property="og:url" content="https://bangga.example${path.split('?')[0]}">`);
    }
  });

  it('serves a rebuilt app without a restart', async () => {
    const rebuilt = SHELL.replace('index-abc123.js', 'index-def456.js');
    writeFileSync(join(root, 'index.html'), rebuilt);
    // A later modification time, even on file systems with coarse timestamps.
    utimesSync(join(root, 'index.html'), new Date(), new Date(Date.now() + 5000));
    try {
      expect((await t.http.get('/akun/profil')).text).toContain('/assets/index-def456.js');
    } finally {
      writeFileSync(join(root, 'index.html'), SHELL);
      utimesSync(join(root, 'index.html'), new Date(), new Date(Date.now() + 10_000));
    }
    expect((await t.http.get('/akun/profil')).text).toContain('/assets/index-abc123.js');
  });

  it('serves hashed assets with a long cache and everything else revalidated', async () => {
    const asset = await t.http.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await t.http.get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('keeps problem+json 404s for the API and missing files, never serves the app for other methods', async () => {
    for (const res of [
      await t.http.get('/api/tidak-ada'),
      await t.http.get(`${API}/tidak-ada`),
      await t.http.get('/assets/index-hilang.js'),
      await t.http.get('/favicon.ico'),
      await t.http.post('/akun/tiket').send({}),
    ]) {
      expectProblem(res, 404);
    }
  });

  it('allows only its own origin in the content security policy, with Swagger UI keeping its own', async () => {
    const csp = (await t.http.get('/')).headers['content-security-policy'] as string;
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['style-src']).toBe("'self'");
    expect(directives['img-src']).toBe("'self' data: blob:");
    expect(directives['object-src']).toBe("'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await t.http.get(`${API}/health`)).headers['content-security-policy']).toBe(csp);
    const docs = await t.http.get('/api/docs/').redirects(2);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' https: 'unsafe-inline'");
  });

  it('puts a published training into the preview tags of /pelatihan/:id, escaped', async () => {
    const title = 'Aman "Bermedia" <script>alert(1)</script> & Sosial';
    const event = await createEvent(t, staff, {
      title,
      description: 'Belajar mengenali hoaks.\n\nDibuka untuk umum <b>gratis</b>.',
      startsAt: '2027-03-08T02:00:00Z',
      endsAt: '2027-03-08T05:00:00Z',
      venue: 'Balai Desa Bancar',
    });
    const res = await t.http.get(`/pelatihan/${event.id}`);
    expect(res.status).toBe(200);
    const escaped = 'Aman &quot;Bermedia&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sosial';
    expect(res.text).toContain(`<title>${escaped} · Bangga Macapat</title>`);
    expect(res.text).toContain(`<meta property="og:title" content="${escaped} · Bangga Macapat">`);
    expect(res.text).toContain(
      '<meta property="og:description" content="Senin, 8 Maret 2027 · 09.00 WIB · Luring di ' +
        'Balai Desa Bancar. Belajar mengenali hoaks. Dibuka untuk umum &lt;b&gt;gratis&lt;/b&gt;.">',
    );
    expect(res.text).toContain(`<meta property="og:url" content="https://bangga.example/pelatihan/${event.id}">`);
    expect(res.text).toContain('<meta property="og:type" content="article">');
    expect(res.text).not.toContain('<script>alert(1)');
    // The app's own tags are replaced, not duplicated.
    expect(res.text.match(/<title>/g)).toHaveLength(1);
  });

  it('answers an unknown, malformed or draft training with 404 and the app (showing its not-found page)', async () => {
    const draft = await createEvent(t, staff, { title: 'Rahasia Draf' }, false);
    for (const path of [
      `/pelatihan/${draft.id}`,
      '/pelatihan/00000000-0000-4000-8000-000000000000',
      '/pelatihan/bukan-uuid',
    ]) {
      const res = await t.http.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="app"></div>');
      expect(res.text).not.toContain('Rahasia Draf');
      expect(res.text).toContain('<meta property="og:title" content="Bangga Macapat">');
    }
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ProblemException } from '../common/problem.js';
import { EventsService } from '../events/events.service.js';
import { DEFAULT_DESCRIPTION, type PageMeta, SITE_NAME, eventMeta, withPageMeta } from './page-meta.js';

/**
 * The web app (web/, built into dist/web) served by the API's own server: files as they are, and every
 * other path outside /api answered with the app's index.html, so deep links and reloads work.
 */

const API_PATH = /^\/api(\/|$)/;
const DOCS_PATH = /^\/api\/docs(-json|\/.*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRAINING_PAGE = /^\/pelatihan\/([^/]+)\/?$/;
/** A path ending in a file name: a missing file is a 404, not the app (a browser would run HTML as a script). */
const FILE_LIKE = /\/[^/]*\.[A-Za-z0-9]{1,8}$/;

/**
 * The app allows only its own origin: no inline script, no third-party script, style or connection. Swagger UI
 * at /api/docs keeps helmet's default policy (it needs inline styles); it is the only page that gets it.
 */
export function securityHeaders(): RequestHandler {
  const app = fixedHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'manifest-src': ["'self'"],
          'worker-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'self'"],
        },
      },
    }),
  );
  const docs = fixedHeaders(helmet());
  return (req, res, next) => (DOCS_PATH.test(req.path) ? docs : app)(req, res, next);
}

/**
 * A helmet middleware's headers, worked out once. Configured without per-request values (no nonces), helmet sets
 * the same headers on every answer, but through eleven middlewares in a row: 1-2 % of a short API request's CPU
 * (`npm run bench`, issue 17). This runs it once against a recorder and then sets what it set.
 */
function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  void middleware({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  if (!finished) throw new Error('The security headers middleware did not finish at once');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/** Long cache for content-hashed files; everything else (index.html, sw.js, the manifest, icons) is revalidated. */
function setCacheHeaders(res: Response, path: string): void {
  const hashed = /[\\/]assets[\\/]/.test(path);
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const root = resolve(config.webRoot);
  const events = app.get(EventsService);
  const shellPath = resolve(root, 'index.html');
  let shell: { mtimeMs: number; html: string } | undefined;
  // Kept in memory, read again when the file changes: a rebuild (npm run build:web) while the server runs, or a
  // server started before the first build, serves the new app without a restart (the old assets are gone by then).
  const loadShell = async (): Promise<string | undefined> => {
    const info = await stat(shellPath).catch(() => undefined);
    if (!info) return undefined;
    if (shell?.mtimeMs !== info.mtimeMs) {
      const html = await readFile(shellPath, 'utf8').catch(() => undefined);
      shell = html === undefined ? undefined : { mtimeMs: info.mtimeMs, html };
    }
    return shell?.html;
  };

  app.use((req: Request, res: Response, next: NextFunction) =>
    API_PATH.test(req.path) ? next() : serveFiles(req, res, next),
  );
  const serveFiles = express.static(root, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: setCacheHeaders,
  });

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATH.test(req.path) || FILE_LIKE.test(req.path))
      return next();
    const html = await loadShell();
    if (html === undefined) return next();
    const url = `${config.publicBaseUrl}${req.path}`;
    let status = 200;
    let meta: PageMeta = { title: SITE_NAME, description: DEFAULT_DESCRIPTION, url, type: 'website' };
    const training = TRAINING_PAGE.exec(req.path);
    if (training) {
      const found = await publicEvent(events, training[1]);
      if (found === 'missing') status = 404;
      else if (found) meta = eventMeta(found, url);
    }
    res.status(status).setHeader('Cache-Control', 'no-cache');
    res.type('html').send(withPageMeta(html, meta));
  });
}

/** The training as the public sees it (drafts are 404 to them); undefined when it could not be read now. */
async function publicEvent(events: EventsService, id: string) {
  if (!UUID.test(id)) return 'missing' as const;
  try {
    return await events.get(id.toLowerCase());
  } catch (err) {
    if (err instanceof ProblemException && err.getStatus() === 404) return 'missing' as const;
    // The database may be briefly unreachable: the page still loads, without the training's preview.
    return undefined;
  }
}

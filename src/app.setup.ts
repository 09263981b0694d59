import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { HttpLogger } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';
import { createOpenApiDocument } from './common/api-docs.js';
import { bodyProblem } from './common/body-guard.js';
import { bodyParserProblem } from './common/body-parser-problem.js';
import { HTTP_LOGGER } from './common/logging.module.js';
import { PROBLEM_CONTENT_TYPE, problem } from './common/problem.js';
import { createValidationPipe } from './common/validation.js';
import { securityHeaders, serveWebApp } from './web/web-app.js';
import { API_PREFIX } from './config/api-prefix.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Everything main.ts and the tests must share, so tests exercise the real HTTP pipeline. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  // No ETags: every answer is built fresh per caller, and hashing each JSON body cost CPU on every request.
  app.set('etag', false);
  // Parsed (config/trust-proxy.ts): a boolean, a hop count or a list; a raw string would be read as one address.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  // No origins configured: no CORS at all (cors with `origin: false` would only pass every request on).
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });

  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  });
  const accessLog = app.get<HttpLogger>(HTTP_LOGGER);
  // Access lines are written at info; with LOG_LEVEL above that, pino-http would only spend CPU on every request.
  if (accessLog.logger.isLevelEnabled('info')) app.use(accessLog);
  // The web app: its files, and its index.html for every other path outside /api (src/web/web-app.ts).
  serveWebApp(app, config);
  // Nest answers unknown routes only under the global prefix; everything else would get Express's HTML 404.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.path === `/${API_PREFIX}` ||
      req.path.startsWith(`/${API_PREFIX}/`) ||
      /^\/api\/docs(-json|\/.*)?$/.test(req.path)
    )
      return next();
    res
      .status(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem(404, `No route ${req.method} ${req.path}`)));
  });
  app.use(express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] }));
  // Before validation: deep nesting, polluting keys and control
  // characters, each of which could end in a 500 further on.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const found = bodyProblem(req.body);
    if (!found) return next();
    const errors = found.field ? [{ field: found.field, message: found.message }] : undefined;
    res
      .status(400)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem(400, found.detail, errors)));
  });
  // Body-parser failures happen before Nest's router, so they get their problem details here.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const found = bodyParserProblem(err) ?? { status: 400, detail: 'The request body could not be read' };
    res
      .status(found.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem(found.status, found.detail, undefined, found.code)));
  });

  // Node answers a request line or headers past its limit (16 KB)
  // itself, with an empty body: answer it as problem details.
  app.getHttpServer().on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify(
      problem(status, status === 431 ? 'The request line or headers are too large' : 'The request could not be read'),
    );
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

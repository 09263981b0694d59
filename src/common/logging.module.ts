import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import pretty from 'pino-pretty';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { redactUrl } from './log-redaction.js';
import { API_BASE_PATH } from '../config/api-prefix.js';

/** The access log middleware (pino-http), mounted by configureApp; its logger is the application's root logger. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Development logs are for a person at a terminal (the demo accounts of the first start must be readable);
 * elsewhere JSON lines for a log collector. Synchronous, so no worker thread and nothing lost at exit.
 */
const prettyStream = () =>
  pretty({
    sync: true,
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });

function httpLogger(config: AppConfig): HttpLogger {
  return pinoHttp<IncomingMessage, ServerResponse>(
    {
      level: config.logLevel,
      // configureApp's request-id middleware runs first and sets req.id.
      genReqId: (req) => req.id ?? 'unknown',
      customProps: () => ({ service: 'bangga-macapat-api' }),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
          '*.nik',
          '*.phone',
          '*.birthDate',
          '*.passwordHash',
          '*.nikEncrypted',
          '*.nikHash',
          'err.config',
          // Driver errors echo SQL parameters and duplicate values (NIK hashes, phones).
          '*.parameters',
          '*.sql',
          '*.sqlMessage',
          'err.driverError',
          'err.query',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // `url` is Express's originalUrl here: secrets and personal search terms (NIK, phone, e-mail in `q`)
        // are cut from it. The parsed `query` and `params` are left out altogether.
        req: (req: { id?: string; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === `${API_BASE_PATH}/health` },
    },
    config.logFormat === 'pretty' ? prettyStream() : undefined,
  );
}

/**
 * JSON logs with a request id; credentials and personal numbers never reach them. nestjs-pino is the
 * application's Nest logger, but its own request middleware is not mounted (`forRoutes: []`): it binds every
 * request to an AsyncLocalStorage, and on Node 20 the promise hooks that enables cost more CPU per
 * registration than the registration itself (docs/scaling.md). The access log is pino-http, mounted
 * directly; log lines from the rest of the app carry the request id where they log one.
 */
@Module({
  providers: [{ provide: HTTP_LOGGER, inject: [APP_CONFIG], useFactory: httpLogger }],
  exports: [HTTP_LOGGER],
})
class HttpLoggerModule {}

@Module({
  imports: [
    HttpLoggerModule,
    LoggerModule.forRootAsync({
      imports: [HttpLoggerModule],
      inject: [HTTP_LOGGER],
      useFactory: (http: HttpLogger) => ({ pinoHttp: { logger: http.logger }, forRoutes: [] }),
    }),
  ],
  exports: [HttpLoggerModule],
})
export class LoggingModule {}

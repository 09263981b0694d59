import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';

/** Query parameters that carry secrets (calendar feed tokens) are cut from logged URLs. */
const SECRET_QUERY = /([?&](token|refreshToken|nik)=)[^&]*/gi;

/** JSON logs with a request id; credentials and personal numbers never reach them. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? 'unknown',
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
            req: (req: { id?: string; method?: string; url?: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url?.replace(SECRET_QUERY, '$1[redacted]'),
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/v1/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

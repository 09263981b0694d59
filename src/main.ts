import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';
import { describeDbError } from './common/db-errors.js';
import { API_BASE_PATH } from './config/api-prefix.js';

// With memory to spare (here 24 GB), V8 lets the heap grow to about four times what is live before a full
// collection: under load this ~60 MB live heap sat at 350-400 MB RSS. A fixed 50 % growth step keeps it near
// 200 MB, for a few more (mostly concurrent) collections; it matters when several instances share a machine.
// (V8 reads this setting at each collection, so it works when set here; a value given on the command line or in
// NODE_OPTIONS is left alone.)
// The young generation, by contrast, is sized when V8 starts, so `npm start`, `start:prod` and the Dockerfile
// pass --max-semi-space-size=32: fewer scavenges and less promotion per request (npm run bench, staff
// registration: 775 → 920 req/s, p99 129 → 107 ms, peak RSS 234 → 260 MB).
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=50');
}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  const { port } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(port);
  app
    .get(Logger)
    .log(`Bangga Macapat listening on http://localhost:${port}/ (web app; API at ${API_BASE_PATH}, docs at /api/docs)`);
}

bootstrap().catch((err: Error) => {
  // The logger may not exist yet (bad configuration): say why on stderr and stop. A database statement's
  // message can quote the values it failed on (a duplicate entry's does): only its code then.
  const described = describeDbError(err);
  const { code, constraint } = described as { code?: string; constraint?: string };
  const reason =
    described === err ? err.message : `database error ${code ?? ''}${constraint ? ` on ${constraint}` : ''}`;
  process.stderr.write(`Start-up failed: ${reason}\n`);
  process.exit(1);
});

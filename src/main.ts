import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  const { port } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(port);
  app.get(Logger).log(`Bangga Macapat API listening on http://localhost:${port}/api/v1 (docs at /api/docs)`);
}

bootstrap().catch((err: Error) => {
  // The logger may not exist yet (bad configuration): say why on stderr and stop.
  process.stderr.write(`Start-up failed: ${err.message}\n`);
  process.exit(1);
});

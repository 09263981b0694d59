import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';

/**
 * `npm run worker`: the notification dispatcher and reminder scheduler alone, no HTTP server, for
 * deployments whose API processes run with NOTIFICATIONS_DISPATCHER=off. Any number may run on one
 * MySQL database (claims use SKIP LOCKED); on SQLite run one. SIGTERM/SIGINT let in-flight sends finish.
 */
async function main(): Promise<void> {
  process.env.NOTIFICATIONS_DISPATCHER = 'in-process';
  const app = await NestFactory.createApplicationContext(AppModule.register(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log('notification worker started');
}

main().catch((err: Error) => {
  process.stderr.write(`Worker start-up failed: ${err.message}\n`);
  process.exit(1);
});

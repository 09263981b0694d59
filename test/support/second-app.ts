import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { problemCodeRecorder } from './problem-code-check.js';
import { TEST_APP_ENV } from './test-app.js';

export interface SecondApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * Another server process, as far as the database can tell: a second app with its own connection pool
 * on a database another TestApp already created and migrated. Closing it leaves the database alone.
 */
export async function createAppOnDatabase(databaseUrl: string, env: Record<string, string> = {}): Promise<SecondApp> {
  const saved = { ...process.env };
  Object.assign(process.env, { ...TEST_APP_ENV, DATABASE_URL: databaseUrl, ...env });
  let app: NestExpressApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.use(problemCodeRecorder);
    configureApp(app);
    await app.init();
  } finally {
    process.env = saved;
  }
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

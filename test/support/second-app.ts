import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { bootApp } from './boot-app.js';

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
  const app = await bootApp(databaseUrl, env);
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { createOpenApiDocument } from './common/api-docs.js';

/**
 * The served OpenAPI document, built without listening: the application is assembled on an in-memory
 * database with fixed settings, so the document (and the types generated from it, `npm run api:types`)
 * do not depend on the machine's environment.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
    PORT: '3000',
    SEED_DEMO_ON_FIRST_START: 'false',
  });
  for (const name of ['REDIS_URL', 'DATABASE_REPLICA_URLS', 'PUBLIC_BASE_URL', 'CORS_ORIGINS', 'TRUST_PROXY'])
    delete process.env[name];
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(), {
      bodyParser: false,
      logger: false,
    });
    try {
      configureApp(app);
      return createOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    process.env = saved;
  }
}

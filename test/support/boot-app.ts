import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { problemCodeRecorder } from './problem-code-check.js';
import { TEST_APP_ENV } from './test-env.js';

export { TEST_APP_ENV } from './test-env.js';

/**
 * The real application (the HTTP pipeline of main.ts) on a database that exists, with the test settings and
 * `env` over them for this app only; the process environment is left as it was.
 */
export async function bootApp(databaseUrl: string, env: Record<string, string> = {}): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, { ...TEST_APP_ENV, DATABASE_URL: databaseUrl, ...env });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.use(problemCodeRecorder);
    configureApp(app);
    await app.init();
    return app;
  } finally {
    process.env = saved;
  }
}

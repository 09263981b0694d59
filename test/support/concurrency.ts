import type request from 'supertest';
import { createAppOnDatabase, type SecondApp } from './second-app.js';
import { createTestApp, type SignedIn, type TestApp } from './test-app.js';
import { testingMysql } from './test-database.js';

export type Http = ReturnType<typeof request>;

export interface ConcurrentApps {
  t: TestApp;
  second: SecondApp | undefined;
  /** One client per instance, to spread parallel requests over them. */
  https: Http[];
  /** A staff member of this suite, to create what it needs. */
  staff: SignedIn;
  close(): Promise<void>;
}

/**
 * A concurrency suite's own database and apps: on MariaDB/MySQL two instances (two connection pools, as two
 * server processes) on it; on SQLite, which serves one process, one.
 */
export async function bootConcurrentApps(): Promise<ConcurrentApps> {
  const t = await createTestApp();
  const second = testingMysql() ? await createAppOnDatabase(t.db.url) : undefined;
  return {
    t,
    second,
    https: second ? [t.http, second.http] : [t.http],
    staff: await t.signIn('staff'),
    async close() {
      // Passport strategies are process-global: the second app goes first.
      await second?.close();
      await t.close();
    },
  };
}

import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { type AppConfig, APP_CONFIG } from '../../src/config/app-config.js';
import { AppConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { TEST_APP_ENV } from '../support/test-env.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The service tier (README, "Testing"): the feature modules a service needs, with the real configuration and the
 * real DatabaseModule (so the real migrations, on a fresh database of the suite's own: in-memory SQLite, or a new
 * MariaDB database when TEST_DATABASE_URL is set), and no HTTP pipeline, guards or controllers being called.
 */
export interface ServiceTest {
  moduleRef: TestingModule;
  dataSource: DataSource;
  db: TestDatabase;
  config: AppConfig;
  get<T>(token: Type<T>): T;
  close(): Promise<void>;
}

type Imports = (Type<unknown> | DynamicModule)[];

/** Builds and initialises the modules on a database that exists; the process environment is left as it was. */
async function compileOn(databaseUrl: string, imports: Imports, env: Record<string, string>): Promise<TestingModule> {
  const saved = { ...process.env };
  Object.assign(process.env, { ...TEST_APP_ENV, DATABASE_URL: databaseUrl, ...env });
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.register(), DatabaseModule, ...imports],
    }).compile();
    // Lifecycle hooks run as in the app (UnitOfWork's SQLite busy timeout, a service's bootstrap hook).
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

function wrap(moduleRef: TestingModule, db: TestDatabase, dropOnClose: boolean): ServiceTest {
  return {
    moduleRef,
    db,
    dataSource: moduleRef.get(DataSource),
    config: moduleRef.get<AppConfig>(APP_CONFIG),
    get: (token) => moduleRef.get(token),
    async close() {
      await moduleRef.close();
      if (dropOnClose) await db.drop();
    },
  };
}

/** `imports` on a fresh, migrated database of this suite's own; `env` overrides the test settings (boot-app.ts). */
export async function createServiceTest(imports: Imports, env: Record<string, string> = {}): Promise<ServiceTest> {
  const db = await createTestDatabase();
  try {
    return wrap(await compileOn(db.url, imports, env), db, true);
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/**
 * Another process on the same database, as far as the database can tell: the same modules with their own
 * connection pool. Only where the database can be shared (MySQL; in-memory SQLite is one connection's own).
 * Closing it leaves the database to the suite that made it.
 */
export async function createServiceTestOn(
  db: TestDatabase,
  imports: Imports,
  env: Record<string, string> = {},
): Promise<ServiceTest> {
  if (db.kind !== 'mysql') throw new Error('a second pool needs a shared database (TEST_DATABASE_URL=mysql://...)');
  return wrap(await compileOn(db.url, imports, env), db, false);
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { API_BASE_PATH } from '../../src/config/api-prefix.js';
import { bootApp } from './boot-app.js';
import type { Role } from '../../src/common/actor.js';
import { PROBLEM_CODES, type ProblemCode } from '../../src/common/problem-codes.js';
import { UsersService } from '../../src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const API = API_BASE_PATH;
export const TEST_PASSWORD = 'rahasia-uji-123';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  dataSource: DataSource;
  /** Creates a user with the role directly and signs in; returns its bearer header and ids. */
  signIn(role: Role, extra?: { partnerId?: string; email?: string }): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface SignedIn {
  id: string;
  email: string;
  role: Role;
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${process.pid}.${Date.now().toString(36)}.${++counter}@uji.banggamacapat.id`;

export { TEST_APP_ENV } from './boot-app.js';

/**
 * Boots the real application (same HTTP pipeline as main.ts) on a fresh database with every
 * migration applied. `env` overrides settings for this app only.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await bootApp(db.url, env);
  const http = request(app.getHttpServer());
  const users = app.get(UsersService);

  return {
    app,
    http,
    db,
    dataSource: app.get(DataSource),
    async signIn(role, extra = {}) {
      const email = extra.email ?? uniqueEmail(role);
      const user = await users.create(
        {
          email,
          password: TEST_PASSWORD,
          fullName: `Uji ${role}`,
          role,
          partnerId: extra.partnerId ?? null,
        },
        null,
      );
      const res = await http.post(`${API}/auth/login`).send({ email, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return {
        id: user.id,
        email,
        role,
        token: res.body.accessToken,
        refreshToken: res.body.refreshToken,
        auth: { Authorization: `Bearer ${res.body.accessToken}` },
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Asserts an RFC 9457 problem+json answer with the status (and, when given, the problem code). */
export function expectProblem(res: request.Response, status: number, code?: ProblemCode): void {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body ?? res.text)}`);
  }
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = typeof res.body === 'object' && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
  expect(body).toMatchObject({
    status,
    title: expect.any(String),
    type: expect.any(String),
    detail: expect.any(String),
  });
  expect(PROBLEM_CODES).toContain(body.code);
  if (code !== undefined) expect(body.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

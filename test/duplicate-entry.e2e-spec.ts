import { Controller, HttpCode, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { Public } from '../src/common/auth.decorator.js';
import { HTTP_LOGGER } from '../src/common/logging.module.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { Idempotent } from '../src/idempotency/idempotent.decorator.js';
import { User } from '../src/users/user.entity.js';
import { UsersService } from '../src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { API, expectProblem } from './support/test-app.js';

const SECRET_EMAIL = `rahasia.duplikat.${Date.now()}@contoh.id`;

/**
 * Test-only route: writes a second user with an existing e-mail, a unique violation that no service
 * catches (the kind a race or a bug produces), through the real pipeline: idempotency, unit of work, filter.
 */
@Controller('test-only/duplicate')
class DuplicateProbeController {
  constructor(private readonly uow: UnitOfWork) {}

  @Post()
  @Public()
  @HttpCode(201)
  @Idempotent()
  async duplicate(): Promise<void> {
    await this.uow.run(null, async (em) => {
      const existing = await em.findOneByOrFail(User, { email: SECRET_EMAIL });
      await em.insert(User, { ...existing, id: randomUUID() });
    });
  }
}

/** A unique violation no service expected must reach neither the response nor the log with its value. */
describe('unexpected duplicate entry (e2e)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let http: ReturnType<typeof request>;
  let log = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    const saved = { ...process.env };
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: db.url });
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule.register()],
        controllers: [DuplicateProbeController],
      }).compile();
      app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
      configureApp(app);
      await app.init();
    } finally {
      process.env = saved;
    }
    // The application's own logger and access log, as in production, written here instead of to stdout.
    const root = app.get<{ logger: pino.Logger }>(HTTP_LOGGER).logger as unknown as Record<symbol, unknown>;
    root[pino.symbols.streamSym] = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    app.useLogger(app.get(PinoNestLogger));
    http = request(app.getHttpServer());
    await app.get(UsersService).create(
      {
        email: SECRET_EMAIL,
        password: 'rahasia-uji-123',
        fullName: 'Uji Duplikat',
        role: 'participant',
        partnerId: null,
      },
      null,
    );
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('is answered 409 with a generic detail, and logged with its code and index but not the value', async () => {
    log = '';
    const res = await http.post(`${API}/test-only/duplicate`).set('Idempotency-Key', 'duplicate-probe-1').send({});
    expectProblem(res, 409);
    expect(res.body.code).toBe('conflict');
    expect(res.text).not.toContain(SECRET_EMAIL);
    expect(res.text).not.toMatch(/duplicate entry|unique constraint|UQ_users_email/i);

    // The idempotency key was released, not stored: the retry runs again and is refused the same way.
    const again = await http.post(`${API}/test-only/duplicate`).set('Idempotency-Key', 'duplicate-probe-1').send({});
    expectProblem(again, 409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();

    await new Promise((r) => setTimeout(r, 50));
    expect(log).toContain('unexpected duplicate entry');
    expect(log).not.toContain(SECRET_EMAIL);
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    const warned = lines.filter((l) => l.msg === 'unexpected duplicate entry, answered 409');
    expect(warned).toHaveLength(2);
    expect(warned[0].err).toMatchObject({ code: db.kind === 'mysql' ? 'ER_DUP_ENTRY' : 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(warned[0].err.constraint).toBe(db.kind === 'mysql' ? 'UQ_users_email' : 'users.email');
    // The access log has the two 409s too.
    expect(lines.filter((l) => l.res?.statusCode === 409)).toHaveLength(2);
    expect(await app.get(UnitOfWork).dataSource.getRepository(User).countBy({ email: SECRET_EMAIL })).toBe(1);
  });
});

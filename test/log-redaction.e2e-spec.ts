import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, ensureBuilt, SERVER_ADMIN, serverProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { nikFor, participantBody } from './support/training-factory.js';

/**
 * Staff look people up by NIK and phone through `GET /participants?q=`. A real server process logs at
 * `info` (the production default), and its actual output is searched for those numbers afterwards.
 */
describe('log redaction (real server process, e2e)', () => {
  let db: TestDatabase;
  let sqliteFile: string | undefined;
  let server: ServerProcess;

  beforeAll(async () => {
    await ensureBuilt();
    db = await createTestDatabase();
    let url = db.url;
    if (db.kind === 'sqlite') {
      sqliteFile = join(tmpdir(), `bm-log-redaction-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
      url = `sqlite:${sqliteFile}`;
    }
    server = await serverProcess(url, { LOG_LEVEL: 'info' });
    await server.start();
  }, 300_000);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
    if (sqliteFile) for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
  });

  it('never writes a searched NIK, phone (08…, 628…, +628…) or e-mail to the log', async () => {
    const login = async (email: string, password: string) => {
      const res = await call(`${server.api}/auth/login`, { body: { email, password } });
      expect(res.status).toBe(200);
      return res.body.accessToken as string;
    };
    const admin = await login(SERVER_ADMIN.email, SERVER_ADMIN.password);
    const staffEmail = `staf.log.${randomBytes(3).toString('hex')}@uji.banggamacapat.id`;
    const created = await call(`${server.api}/users`, {
      token: admin,
      body: { email: staffEmail, password: 'rahasia-staf-123', fullName: 'Staf Log', role: 'staff' },
    });
    expect(created.status).toBe(201);
    const staff = await login(staffEmail, 'rahasia-staf-123');

    const nik = nikFor('1987-03-09', 'female');
    // 11 digits after 0 / 62
    const subscriber = `8122${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`;
    const email = `rahasia.${randomBytes(3).toString('hex')}@contoh.id`;
    const person = await call(`${server.api}/participants`, {
      token: staff,
      body: participantBody({ nik, birthDate: '1987-03-09', gender: 'female', phone: `0${subscriber}`, email }),
    });
    expect(person.status).toBe(201);

    const searches = [
      `q=${nik}`,
      `q=${nik.replace(/(\d{4})/g, '$1 ').trim()}`,
      `q=0${subscriber}`,
      `q=62${subscriber}`,
      `q=${encodeURIComponent(`+62${subscriber}`)}`,
      `q=+62${subscriber}`,
      `q=${encodeURIComponent(email)}`,
      `%71=${nik}`,
      `q[]=${nik}`,
      `nik=${nik}`,
      `phone=0${subscriber}`,
      `email=${encodeURIComponent(email)}`,
      `${nik}`,
      `kecamatanCode=33.03.11&q=0${subscriber}&limit=5`,
    ];
    const statuses: number[] = [];
    for (const query of searches) {
      statuses.push((await call(`${server.api}/participants?${query}`, { token: staff })).status);
    }
    // The real searches find the person; unknown parameters are refused, but their request is logged all the same.
    expect(statuses.slice(0, 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const found = await call(`${server.api}/participants?q=${nik}`, { token: staff });
    expect(found.body.data.map((p: { id: string }) => p.id)).toEqual([person.body.id]);
    await new Promise((r) => setTimeout(r, 500));
    await server.kill();

    const log = `${server.stdout()}\n${server.stderr()}`;
    const lines = log.split('\n').filter(Boolean);
    // Logging really was on: every search has its access log line, with the query value cut.
    const searchLines = lines.filter((l) => l.includes('/api/v1/participants?'));
    expect(searchLines.length).toBeGreaterThanOrEqual(searches.length);
    expect(searchLines.some((l) => l.includes('"url":"/api/v1/participants?q=[redacted]"'))).toBe(true);
    expect(searchLines.some((l) => l.includes('kecamatanCode=33.03.11&q=[redacted]&limit=5'))).toBe(true);
    for (const line of lines) {
      let decoded = line;
      try {
        decoded = decodeURIComponent(line);
      } catch {
        // not percent-encoded text
      }
      const digits = decoded.replace(/[^0-9]/g, '');
      expect(digits).not.toContain(nik);
      expect(digits).not.toContain(subscriber);
      expect(decoded.toLowerCase()).not.toContain(email);
    }
  }, 120_000);
});

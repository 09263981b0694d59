import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { buildDataSourceOptions } from '../src/database/database-url.js';
import { runMigrationsExclusively } from '../src/database/migrate.js';
import { ensureBuilt, SERVER_ADMIN, serverProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Instances started together after a deploy, on one fresh database (SQLite, or MariaDB with
 * TEST_DATABASE_URL): the migrations are applied once, by whoever gets the migration lock first, and the
 * configured admin is created once, whoever wins the race for it. Before the lock, MySQL processes raced
 * to create the same tables ("Table 'kecamatan' already exists") and one of three died on the admin.
 */
describe('instances starting at the same moment (e2e)', () => {
  const databases: TestDatabase[] = [];
  /** A fresh database several processes can open: on SQLite a file, not the in-memory default of the other suites. */
  const fresh = async (): Promise<TestDatabase> => {
    let db = await createTestDatabase();
    if (db.kind === 'sqlite') {
      const file = join(tmpdir(), `bm-concurrent-start-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
      db = {
        url: `sqlite:${file}`,
        kind: 'sqlite',
        drop: async () => {
          for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
        },
      };
    }
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('three data sources migrating one fresh database at once apply every migration exactly once', async () => {
    const db = await fresh();
    const sources = await Promise.all([1, 2, 3].map(() => new DataSource(buildDataSourceOptions(db.url)).initialize()));
    try {
      const applied = await Promise.all(sources.map((ds) => runMigrationsExclusively(ds)));
      const names = applied.flat().map((m) => m.name);
      expect(names.sort()).toEqual(migrations.map((m) => m.name).sort());
      const rows: { name: string }[] = await sources[0].query('SELECT name FROM migrations');
      expect(rows).toHaveLength(migrations.length);
      expect(new Set(rows.map((r) => r.name)).size).toBe(migrations.length);
    } finally {
      await Promise.all(sources.map((ds) => ds.destroy()));
    }
  }, 120_000);

  it('three server processes started together on a fresh database all come up, with one admin', async () => {
    await ensureBuilt();
    const db = await fresh();
    const servers: ServerProcess[] = await Promise.all([1, 2, 3].map(() => serverProcess(db.url)));
    try {
      const started = await Promise.allSettled(servers.map((s) => s.start()));
      const failures = started.flatMap((r, i) =>
        r.status === 'rejected' ? [`server ${i}: ${(r.reason as Error).message}`] : [],
      );
      expect(failures).toEqual([]);
      const ds = await new DataSource(buildDataSourceOptions(db.url)).initialize();
      try {
        const admins: { n: number | string }[] = await ds.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', [
          SERVER_ADMIN.email,
        ]);
        expect(Number(admins[0].n)).toBe(1);
        const applied: { n: number | string }[] = await ds.query('SELECT COUNT(*) AS n FROM migrations');
        expect(Number(applied[0].n)).toBe(migrations.length);
      } finally {
        await ds.destroy();
      }
      // Each of them serves, and sees the one admin.
      for (const s of servers) {
        const res = await fetch(`${s.api}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(SERVER_ADMIN),
        });
        expect(res.status).toBe(200);
      }
    } finally {
      await Promise.all(servers.map((s) => s.kill()));
    }
  }, 180_000);
  describe('the SQLite migration lock', () => {
    const sqliteSource = async () => {
      const file = join(tmpdir(), `bm-lockfile-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
      databases.push({
        url: `sqlite:${file}`,
        kind: 'sqlite',
        drop: async () => {
          for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.migrations.lock`]) rmSync(f, { force: true });
        },
      });
      return {
        ds: await new DataSource(buildDataSourceOptions(`sqlite:${file}`)).initialize(),
        lock: `${file}.migrations.lock`,
      };
    };
    /** Another process holding the lock, as a starting server would; resolves once it holds it. */
    const holder = async (lock: string) => {
      const script =
        `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); ` +
        `const db = new D(${JSON.stringify(lock)});` +
        "db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked'); setTimeout(() => {}, 60000);";
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
      });
      return child;
    };
    const migrationsTable = async (ds: DataSource) =>
      Number((await ds.query("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'migrations'"))[0].n);

    it('held by a live process is waited for, then refused rather than migrating alongside it', async () => {
      const { ds, lock } = await sqliteSource();
      const child = await holder(lock);
      try {
        const started = Date.now();
        await expect(runMigrationsExclusively(ds, 1)).rejects.toThrow(/kept .*migrations\.lock for 1 s/);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
        expect(await migrationsTable(ds)).toBe(0);
      } finally {
        child.kill('SIGKILL');
        await ds.destroy();
      }
    });

    it('is released by a holder killed with kill -9 (the OS drops its lock): the next start migrates', async () => {
      const { ds, lock } = await sqliteSource();
      const child = await holder(lock);
      try {
        const waiting = runMigrationsExclusively(ds, 30);
        await sleep(300);
        expect(await migrationsTable(ds)).toBe(0);
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
        await expect(waiting).resolves.toHaveLength(migrations.length);
      } finally {
        await ds.destroy();
      }
    });
  });
});

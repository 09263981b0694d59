import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TICKET_ALPHABET, TICKET_LENGTH } from '../src/registrations/ticket-code.js';
import { call, ensureBuilt, SERVER_ADMIN, serverProcess, type ServerProcess } from './support/server-process.js';
import { openRawReader, type RawReader } from './support/raw-reader.js';
import { expectSeatInvariant } from './support/seat-invariant.js';
import { createTestDatabase, testingMysql, type TestDatabase } from './support/test-database.js';
import { eventBody, participantBody } from './support/training-factory.js';
import { inParallel } from './support/in-parallel.js';

/**
 * Crash safety with real processes: two `node dist/src/main.js` on one database (MariaDB: a fresh
 * database; SQLite: one WAL file both processes open). A registration storm hits both, one is killed
 * with SIGKILL in the middle of it, the survivor keeps serving, the killed one is restarted. Then the
 * database must hold every registration that was acknowledged with 201, exactly as acknowledged, and
 * nothing half-written: every row whole, its audit row there, counters equal to the rows, positions 1..n.
 */
const onMysql = testingMysql();
const SEATS = 60;
/** People per phase: storm with the kill, the survivor alone while the other restarts, both again. */
const PHASES = onMysql ? [150, 50, 50] : [150, 60, 60];
const KILL_AFTER_ANSWERS = 50;
const WIDTH = 40;
const TICKET = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_LENGTH}}$`);

interface Sent {
  participantId: string;
  via: 'A' | 'B';
  phase: number;
  status: number;
  body: any;
  error?: string;
}

describe(
  `crash safety: kill -9 during a registration storm ` +
    `(${onMysql ? 'MariaDB' : 'SQLite WAL file'}, two server processes)`,
  () => {
    let testDb: TestDatabase | undefined;
    let sqliteFile: string | undefined;
    let a: ServerProcess;
    let b: ServerProcess;
    let reader: RawReader;
    let token: string;
    let eventId: string;
    let people: string[];
    const timings: Record<string, number> = {};

    beforeAll(async () => {
      const build = await ensureBuilt();
      timings.buildMs = build.ms;
      let url: string;
      if (onMysql) {
        testDb = await createTestDatabase();
        url = testDb.url;
      } else {
        sqliteFile = join(tmpdir(), `bm-crash-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
        url = `sqlite:${sqliteFile}`;
      }
      a = await serverProcess(url);
      b = await serverProcess(url);
      // One after the other: the first one runs the migrations and creates the admin.
      timings.startAMs = await a.start();
      timings.startBMs = await b.start();

      reader = await openRawReader(url);

      const login = await call(`${a.api}/auth/login`, {
        body: { email: SERVER_ADMIN.email, password: SERVER_ADMIN.password },
      });
      if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
      token = login.body.accessToken;
      const created = await call(`${a.api}/events`, { token, body: eventBody({ capacity: SEATS }) });
      if (created.status !== 201) throw new Error(`event: ${created.status} ${JSON.stringify(created.body)}`);
      eventId = created.body.id;
      expect((await call(`${b.api}/events/${eventId}/publish`, { token, body: {} })).status).toBe(200);

      const total = PHASES.reduce((x, y) => x + y, 0);
      const started = Date.now();
      people = await inParallel(
        Array.from({ length: total }, (_, i) => i),
        30,
        async (i) => {
          const res = await call(`${(i % 2 ? b : a).api}/participants`, {
            token,
            body: participantBody({ fullName: `Warga Tangguh ${i}` }),
          });
          if (res.status !== 201) throw new Error(`participant ${i}: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body.id as string;
        },
      );
      timings.participantsMs = Date.now() - started;
    }, 300_000);

    afterAll(async () => {
      await a?.kill();
      await b?.kill();
      await reader?.close();
      await testDb?.drop();
      if (sqliteFile)
        for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
    });

    it('keeps every acknowledged registration, writes nothing by halves; the restarted process serves', async () => {
      const register = (server: ServerProcess, participantId: string) =>
        call(`${server.api}/events/${eventId}/registrations`, { token, body: { participantId } });
      const sent: Sent[] = [];
      let bUp = true;
      let inFlightB = 0;
      let inFlightBAtKill = -1;

      // Phase 1: the storm at both; B dies with requests in flight; the rest of the phase goes to A.
      let started = Date.now();
      const phase1 = people.slice(0, PHASES[0]);
      let answers = 0;
      let killing: Promise<void> | undefined;
      await inParallel(phase1, WIDTH, async (participantId, i) => {
        const via = bUp && i % 2 === 1 ? 'B' : 'A';
        if (via === 'B') inFlightB++;
        const res = await register(via === 'B' ? b : a, participantId);
        if (via === 'B') inFlightB--;
        sent.push({ participantId, via, phase: 1, status: res.status, body: res.body, error: res.error });
        if (++answers === KILL_AFTER_ANSWERS) {
          bUp = false;
          inFlightBAtKill = inFlightB;
          killing = b.kill();
        }
      });
      await killing;
      timings.phase1Ms = Date.now() - started;
      expect(b.alive).toBe(false);

      // Phase 2: B restarts while A alone takes the next wave.
      started = Date.now();
      const [restartMs] = await Promise.all([
        b.start(),
        inParallel(people.slice(PHASES[0], PHASES[0] + PHASES[1]), WIDTH, async (participantId) => {
          const res = await register(a, participantId);
          sent.push({ participantId, via: 'A', phase: 2, status: res.status, body: res.body, error: res.error });
        }),
      ]);
      timings.restartMs = restartMs;
      timings.phase2Ms = Date.now() - started;

      // Phase 3: both again.
      started = Date.now();
      await inParallel(people.slice(PHASES[0] + PHASES[1]), WIDTH, async (participantId, i) => {
        const via = i % 2 ? 'B' : 'A';
        const res = await register(via === 'B' ? b : a, participantId);
        sent.push({ participantId, via, phase: 3, status: res.status, body: res.body, error: res.error });
      });
      timings.phase3Ms = Date.now() - started;

      // Answers: every request that got an answer got 201; only requests in flight at the killed process got none.
      const dropped = sent.filter((s) => s.status === 0);
      const acknowledged = sent.filter((s) => s.status === 201);
      expect(
        sent.filter((s) => s.status !== 0 && s.status !== 201).map((s) => `${s.status} ${JSON.stringify(s.body)}`),
      ).toEqual([]);
      expect(dropped.every((s) => s.via === 'B' && s.phase === 1)).toBe(true);
      // (An answer B had already sent when it died may still arrive, hence at most.)
      expect(dropped.length).toBeGreaterThan(0);
      expect(dropped.length).toBeLessThanOrEqual(inFlightBAtKill);
      expect(acknowledged.length).toBe(sent.length - dropped.length);

      // Every acknowledged registration is in the database exactly as acknowledged.
      const rows = await reader.query(
        'SELECT id, event_id, participant_id, active_key, status, ' +
          'waitlist_position, ticket_code FROM registrations WHERE event_id = ?',
        [eventId],
      );
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      for (const s of acknowledged) {
        const row = byId.get(s.body.id);
        expect(row).toBeDefined();
        expect({
          participantId: row!.participant_id,
          status: row!.status,
          waitlistPosition: row!.waitlist_position === null ? null : Number(row!.waitlist_position),
          ticketCode: row!.ticket_code,
        }).toEqual({
          participantId: s.participantId,
          status: s.body.status,
          waitlistPosition: s.body.waitlistPosition,
          ticketCode: s.body.ticketCode,
        });
      }
      // The dropped ones either committed whole before the kill or left nothing at all.
      const committedDropped = dropped.filter((s) => rows.some((r) => r.participant_id === s.participantId));
      expect(rows.length).toBe(acknowledged.length + committedDropped.length);

      await expectWhole(rows);

      // A client retrying the dropped requests on the restarted process: 201 if nothing was kept, 409 if it was.
      const retries = await inParallel(dropped, WIDTH, (s) => register(b, s.participantId));
      const committed = new Set(committedDropped.map((s) => s.participantId));
      retries.forEach((res, i) => expect(res.status).toBe(committed.has(dropped[i].participantId) ? 409 : 201));
      const after = await reader.query(
        'SELECT id, event_id, participant_id, active_key, status, ' +
          'waitlist_position, ticket_code FROM registrations WHERE event_id = ?',
        [eventId],
      );
      expect(after.length).toBe(people.length);
      expect(new Set(after.map((r) => r.participant_id)).size).toBe(people.length);
      await expectWhole(after);

      // The restarted process serves: health, reads and writes.
      expect((await call(`${b.api}/health`)).body).toEqual({ status: 'ok', db: 'up' });
      const event = await call(`${b.api}/events/${eventId}`);
      expect(event.body).toMatchObject({ confirmedCount: SEATS, waitlistedCount: people.length - SEATS });

      console.log(
        `[crash-safety] ${onMysql ? 'MariaDB' : 'SQLite'}, 2 processes: ` +
          `build ${timings.buildMs} ms, starts ${timings.startAMs}/${timings.startBMs} ms, ` +
          `${people.length} participants in ${timings.participantsMs} ms; ` +
          `phase 1: ${PHASES[0]} registrations in ${timings.phase1Ms} ms, ` +
          `B killed after ${KILL_AFTER_ANSWERS} answers with ${inFlightBAtKill} ` +
          `requests in flight (${committedDropped.length} of them had committed, ` +
          `${dropped.length - committedDropped.length} left nothing); phase 2: ` +
          `${PHASES[1]} at A in ${timings.phase2Ms} ms while B restarted in ${timings.restartMs} ms; ` +
          `phase 3: ${PHASES[2]} at both in ${timings.phase3Ms} ms; ` +
          `${acknowledged.length} acknowledged, all present as acknowledged; ` +
          `retries of the dropped: ${retries.filter((r) => r.status === 201).length} × 201, ` +
          `${retries.filter((r) => r.status === 409).length} × 409; ` +
          `end: ${SEATS} confirmed, ${people.length - SEATS} waitlisted, ` +
          `counters equal rows, every row has its audit row.`,
      );
    }, 180_000);

    /** Nothing half-written: each row whole, with its audit row; counters equal the rows; the contract's invariant. */
    async function expectWhole(rows: Record<string, any>[]): Promise<void> {
      for (const r of rows) {
        expect(r.ticket_code).toMatch(TICKET);
        expect(['confirmed', 'waitlisted']).toContain(r.status);
        expect(r.active_key).toBe(r.participant_id);
        expect(r.status === 'confirmed' ? r.waitlist_position === null : Number(r.waitlist_position) >= 1).toBe(true);
      }
      expect(new Set(rows.map((r) => r.ticket_code)).size).toBe(rows.length);
      const { confirmed } = await expectSeatInvariant((sql, params) => reader.query(sql, params), eventId);
      expect(confirmed).toBe(Math.min(SEATS, rows.length));
      // The audit row is written in the registration's transaction: exactly one per row, none for a row that is not
      // there. (This database holds this one event only.)
      const audits = await reader.query(
        "SELECT entity_id FROM audit_logs WHERE entity_type = 'registration' AND action = 'create'",
      );
      expect(audits.map((x) => x.entity_id as string).sort()).toEqual(rows.map((r) => r.id as string).sort());
    }
  },
);

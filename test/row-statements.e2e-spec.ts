import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryFailedError } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import type { Actor } from '../src/common/actor.js';
import { insertRow, rowById } from '../src/database/row-statements.js';
import { runStatement } from '../src/database/statement.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { Event } from '../src/events/event.entity.js';
import { isUniqueViolation } from '../src/common/db-errors.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { testingMysql } from './support/test-database.js';

/**
 * The prepared single-row statements against the real database (SQLite, or MariaDB with TEST_DATABASE_URL):
 * they must read and write rows exactly as TypeORM's own find and save do, drivers' conversions and column
 * transformers included, and keep entity subscribers (the audit trail) informed.
 */
describe('row statements (insertRow, rowById)', () => {
  let t: TestApp;
  let uow: UnitOfWork;

  beforeAll(async () => {
    t = await createTestApp();
    uow = t.app.get(UnitOfWork);
  });
  afterAll(() => t.close());

  const newEvent = (overrides: Partial<Event> = {}): Event => {
    const now = new Date('2026-11-20T03:04:05.678Z');
    return t.dataSource.manager.create(Event, {
      id: randomUUID(),
      title: 'Literasi Digital untuk UMKM',
      titleSearch: 'literasi digital untuk umkm',
      description: 'Pemasaran daring dan QRIS',
      pillar: 'digital_skills',
      format: 'hybrid',
      venue: 'Pendopo Dipokusumo',
      kecamatanCode: '33.03.11',
      onlineUrl: 'https://meet.purbalinggakab.go.id/umkm',
      startsAt: new Date('2027-01-05T02:00:00.125Z'),
      endsAt: new Date('2027-01-05T05:00:00.250Z'),
      capacity: 40,
      waitlistEnabled: false,
      registrationOpensAt: null,
      registrationClosesAt: new Date('2027-01-04T10:00:00.000Z'),
      targetGroups: ['umkm', 'farmer'],
      status: 'draft',
      cancelReason: null,
      confirmedCount: 3,
      waitlistedCount: 1,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    });
  };
  const ALL_EVENT_COLUMNS = [
    'id',
    'title',
    'titleSearch',
    'description',
    'pillar',
    'format',
    'venue',
    'kecamatanCode',
    'onlineUrl',
    'startsAt',
    'endsAt',
    'capacity',
    'waitlistEnabled',
    'registrationOpensAt',
    'registrationClosesAt',
    'targetGroups',
    'status',
    'cancelReason',
    'confirmedCount',
    'waitlistedCount',
    'createdAt',
    'updatedAt',
  ] as const;

  it(
    'writes a row that TypeORM reads back unchanged (dates to the millisecond, ' +
      'booleans, the target-group transformer)',
    async () => {
      const event = newEvent();
      await uow.run(null, (em) => insertRow(em, Event, event));
      const found = await t.dataSource.getRepository(Event).findOneByOrFail({ id: event.id });
      expect(found).toEqual(event);
    },
  );

  it('reads a row exactly as TypeORM finds it, and only the columns asked for', async () => {
    const event = newEvent({
      waitlistEnabled: true,
      targetGroups: ['student'],
      registrationOpensAt: new Date('2026-12-01T00:00:00.001Z'),
    });
    await t.dataSource.getRepository(Event).insert(event);
    const viaTypeorm = await t.dataSource.getRepository(Event).findOneByOrFail({ id: event.id });
    const all = await rowById(t.dataSource.manager, Event, event.id, ALL_EVENT_COLUMNS);
    expect(all).toEqual(viaTypeorm);
    expect(all).toBeInstanceOf(Event);

    const some = await rowById(t.dataSource.manager, Event, event.id, ['status', 'endsAt', 'waitlistEnabled']);
    expect({ ...some }).toEqual({ status: 'draft', endsAt: event.endsAt, waitlistEnabled: true });
  });

  it('answers null for an id that does not exist, and refuses a column the entity does not have', async () => {
    await expect(rowById(t.dataSource.manager, Event, randomUUID(), ['id'])).resolves.toBeNull();
    await expect(rowById(t.dataSource.manager, Event, randomUUID(), ['nope' as 'id'])).rejects.toThrow(
      'Event has no column nope',
    );
  });

  it(
    'generates a uuid key left out, passes an undefined column with a transformer through it, ' +
      'and refuses to run outside a unit of work',
    async () => {
      const event = newEvent();
      const partial = event as Partial<Event>;
      delete partial.id;
      delete partial.targetGroups;
      await uow.run(null, (em) => insertRow(em, Event, event));
      expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The target-group transformer writes '' for undefined, read back as no groups (as TypeORM's own insert does).
      expect({ ...(await rowById(t.dataSource.manager, Event, event.id, ['targetGroups'])) }).toEqual({
        targetGroups: [],
      });

      await expect(insertRow(t.dataSource.manager, Event, newEvent())).rejects.toThrow(
        'insertRow(Event) must run inside UnitOfWork.run',
      );
    },
  );

  it('leaves columns that are undefined to their database defaults', async () => {
    const event = newEvent();
    const partial = event as Partial<Event>;
    delete partial.confirmedCount;
    delete partial.waitlistedCount;
    delete partial.waitlistEnabled;
    await uow.run(null, (em) => insertRow(em, Event, event));
    const row = await rowById(t.dataSource.manager, Event, event.id, [
      'confirmedCount',
      'waitlistedCount',
      'waitlistEnabled',
    ]);
    expect({ ...row }).toEqual({ confirmedCount: 0, waitlistedCount: 0, waitlistEnabled: true });
  });

  describe('subscribers see the insert', () => {
    const auditRows = (entityId: string) => t.dataSource.getRepository(AuditLog).findBy({ entityId });
    const staff: Actor = {
      id: randomUUID(),
      email: 'staf@uji.banggamacapat.id',
      role: 'staff',
      partnerId: null,
      requestId: 'req-row-statements-1',
    };

    it('an audited entity inserted for a staff actor gets one audit row, with the actor and request id', async () => {
      const event = newEvent();
      await uow.run(staff, (em) => insertRow(em, Event, event));
      const rows = await auditRows(event.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actorId: staff.id,
        actorRole: 'staff',
        action: 'create',
        entityType: 'event',
        requestId: staff.requestId,
        before: null,
      });
      const after = JSON.parse(rows[0].after!);
      expect(after).toMatchObject({
        id: event.id,
        title: event.title,
        capacity: 40,
        targetGroups: ['umkm', 'farmer'],
      });
      // The counters stay out of audit snapshots (@Audited omit).
      expect(after).not.toHaveProperty('confirmedCount');
    });

    it('without an actor (the system itself), or with listeners switched off, nothing is audited', async () => {
      const bySystem = newEvent();
      await uow.run(null, (em) => insertRow(em, Event, bySystem));
      const quiet = newEvent();
      await uow.run(staff, (em) => insertRow(em, Event, quiet, { listeners: false }));
      expect(await auditRows(bySystem.id)).toHaveLength(0);
      expect(await auditRows(quiet.id)).toHaveLength(0);
    });

    it('a rolled-back insert leaves neither the row nor its audit row', async () => {
      const event = newEvent();
      await expect(
        uow.run(staff, async (em) => {
          await insertRow(em, Event, event);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await t.dataSource.getRepository(Event).existsBy({ id: event.id })).toBe(false);
      expect(await auditRows(event.id)).toHaveLength(0);
    });
  });

  describe('runStatement', () => {
    it('answers what em.query answers, inside a transaction and outside one', async () => {
      const event = newEvent({ title: 'Keamanan Digital di Desa Bojong' });
      await uow.run(null, (em) => insertRow(em, Event, event));
      const sql = 'SELECT id, title, capacity FROM events WHERE id = ?';
      const outside = await runStatement(t.dataSource.manager, sql, [event.id]);
      expect(outside).toEqual(await t.dataSource.manager.query(sql, [event.id]));
      expect((outside as { title: string }[])[0].title).toBe('Keamanan Digital di Desa Bojong');
      const inside = await uow.run(null, async (em) => {
        const changed = await runStatement(em, 'UPDATE events SET capacity = capacity + 1 WHERE id = ?', [event.id]);
        const [row] = (await runStatement(em, sql, [event.id])) as { capacity: unknown }[];
        return { changed, capacity: Number(row.capacity) };
      });
      expect(inside.capacity).toBe(41);
      if (testingMysql()) expect(inside.changed).toMatchObject({ affectedRows: 1 });
    });

    it('fails as em.query fails: a QueryFailedError carrying the driver error, nothing written', async () => {
      const event = newEvent();
      await uow.run(null, (em) => insertRow(em, Event, event));
      const duplicate = uow.run(null, async (em) => {
        await runStatement(em, 'UPDATE events SET capacity = 99 WHERE id = ?', [event.id]);
        await runStatement(em, 'INSERT INTO events SELECT * FROM events WHERE id = ?', [event.id]);
      });
      const err: unknown = await duplicate.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(isUniqueViolation(err)).toBe(true);
      const [row] = (await runStatement(t.dataSource.manager, 'SELECT capacity FROM events WHERE id = ?', [
        event.id,
      ])) as { capacity: unknown }[];
      expect(Number(row.capacity)).toBe(40);
      await expect(runStatement(t.dataSource.manager, 'SELECT no_such_column FROM events')).rejects.toBeInstanceOf(
        QueryFailedError,
      );
    });
  });

  // SQLite runs one write transaction at a time anyway (UnitOfWork's queue), so only MySQL can show the row lock.
  if (testingMysql())
    it(
      'lockedRow holds the row until the transaction ends (FOR UPDATE): ' +
        'a second locker waits for the first to commit',
      async () => {
        const event = newEvent();
        await uow.run(null, (em) => insertRow(em, Event, event));
        const order: string[] = [];
        let locked!: () => void;
        const firstHasLock = new Promise<void>((done) => (locked = done));
        const first = uow.run(null, async (em) => {
          const row = await uow.lockedRow(em, Event, event.id, ['capacity']);
          order.push(`first locked (capacity ${row?.capacity})`);
          locked();
          await sleep(300);
          order.push('first commits');
        });
        await firstHasLock;
        const second = uow.run(null, async (em) => {
          await uow.lockedRow(em, Event, event.id, ['id']);
          order.push('second locked');
        });
        await Promise.all([first, second]);
        expect(order).toEqual(['first locked (capacity 40)', 'first commits', 'second locked']);
      },
    );
});

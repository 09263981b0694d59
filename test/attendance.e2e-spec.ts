import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { Event } from '../src/events/event.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { checkIn, moveEvent, startEventNow } from './support/attendance-factory.js';
import { API, createTestApp, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';
import { binary, parseCsv } from './support/response-bodies.js';

const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const minutes = (m: number) => new Date(Date.now() + m * 60_000);

describe('attendance (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn, partner: SignedIn, participant: SignedIn;
  beforeAll(async () => {
    ({ t, staff, admin, partner, participant } = await bootWithPersonas(['staff', 'admin', 'partner', 'participant']));
  });
  afterAll(() => t.close());

  const checkInRows = async (eventId: string) =>
    (await t.dataSource.query('SELECT registration_id, checked_in_by FROM check_ins WHERE event_id = ?', [
      eventId,
    ])) as { registration_id: string; checked_in_by: string }[];

  /** A running event with `n` confirmed registrations; returns the event and the registration bodies. */
  async function runningEvent(n: number, overrides: Record<string, unknown> = {}) {
    const event = await createEvent(t, staff, overrides);
    const regs: { id: string; participantId: string; ticketCode: string; status: string }[] = [];
    for (let i = 0; i < n; i++) {
      const p = await createParticipant(t, staff, { fullName: `Peserta ${String.fromCharCode(65 + i)}` });
      const r = await register(t, staff, event.id, p.id);
      expect(r.status).toBe(201);
      regs.push(r.body);
    }
    await startEventNow(t, event.id);
    return { event, regs };
  }

  describe('POST /events/:id/check-ins', () => {
    it(
      'checks a ticket in once: 201, ' +
        'then 200 with alreadyCheckedIn and the first time, by ticket or registration id',
      async () => {
        const { event, regs } = await runningEvent(1);
        const first = await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode });
        expect(first.status).toBe(201);
        expect(first.body).toEqual({
          registrationId: regs[0].id,
          participantId: regs[0].participantId,
          checkedInAt: expect.any(String),
          checkedInBy: staff.id,
          alreadyCheckedIn: false,
          walkIn: false,
          source: 'staff',
        });
        expect(Math.abs(Date.parse(first.body.checkedInAt) - Date.now())).toBeLessThan(60_000);

        const again = await checkIn(t, admin, event.id, { ticketCode: regs[0].ticketCode.toLowerCase() });
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ ...first.body, alreadyCheckedIn: true });
        const byId = await checkIn(t, staff, event.id, { registrationId: regs[0].id });
        expect(byId.status).toBe(200);
        expect(byId.body.checkedInAt).toBe(first.body.checkedInAt);
        expect(await checkInRows(event.id)).toEqual([{ registration_id: regs[0].id, checked_in_by: staff.id }]);
      },
    );

    it('answers 404 for unknown tickets, registrations and events', async () => {
      const { event, regs } = await runningEvent(1);
      await expectProblem(await checkIn(t, staff, event.id, { ticketCode: 'ZZZZZZZZZZ' }), 404);
      await expectProblem(await checkIn(t, staff, event.id, { ticketCode: 'not-a-ticket' }), 404);
      await expectProblem(await checkIn(t, staff, event.id, { registrationId: NO_SUCH }), 404);
      await expectProblem(await checkIn(t, staff, NO_SUCH, { ticketCode: regs[0].ticketCode }), 404);
      await expectProblem(await checkIn(t, staff, NO_SUCH, { participantId: regs[0].participantId }), 404);
      expect(await checkInRows(event.id)).toEqual([]);
    });

    it("refuses another event's ticket, waitlisted and cancelled registrations with 409", async () => {
      const { event, regs } = await runningEvent(2, { capacity: 1 });
      const other = await runningEvent(1);
      expect(regs[1].status).toBe('waitlisted');
      await expectProblem(
        await checkIn(t, staff, event.id, { ticketCode: other.regs[0].ticketCode }),
        409,
        'ticket_other_event',
      );
      await expectProblem(
        await checkIn(t, staff, event.id, { ticketCode: regs[1].ticketCode }),
        409,
        'registration_waitlisted',
      );
      await expectProblem(
        await checkIn(t, staff, event.id, { participantId: regs[1].participantId }),
        409,
        'registration_waitlisted',
      );
      const c = await t.http.post(`${API}/registrations/${other.regs[0].id}/cancel`).set(staff.auth);
      expect(c.status).toBe(200);
      await expectProblem(
        await checkIn(t, staff, other.event.id, { ticketCode: other.regs[0].ticketCode }),
        409,
        'registration_cancelled',
      );
      expect(await checkInRows(event.id)).toEqual([]);
      expect(await checkInRows(other.event.id)).toEqual([]);
    });

    it('refuses draft and cancelled events, and events before their local day, with 409', async () => {
      const draft = await createEvent(t, staff, {}, false);
      await startEventNow(t, draft.id);
      const p = await createParticipant(t, staff);
      await expectProblem(await checkIn(t, staff, draft.id, { participantId: p.id }), 409, 'event_not_open');

      const { event, regs } = await runningEvent(1);
      expect(
        (await t.http.post(`${API}/events/${event.id}/cancel`).set(staff.auth).send({ reason: 'Listrik padam' }))
          .status,
      ).toBe(200);
      await expectProblem(await checkIn(t, staff, event.id, { registrationId: regs[0].id }), 409, 'event_cancelled');

      const future = await createEvent(t, staff);
      const r = await register(t, staff, future.id, p.id);
      const early = await checkIn(t, staff, future.id, { ticketCode: r.body.ticketCode });
      await expectProblem(early, 409, 'check_in_not_open');
      expect(early.body.detail).toMatch(/day of the event/);
      expect(await checkInRows(future.id)).toEqual([]);
    });

    it('takes check-ins after the event ended (paper lists typed in later)', async () => {
      const { event, regs } = await runningEvent(1);
      await moveEvent(t, event.id, minutes(-24 * 60), minutes(-21 * 60));
      const at = minutes(-23 * 60).toISOString();
      const res = await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode, checkedInAt: at });
      expect(res.status).toBe(201);
      expect(res.body.checkedInAt).toBe(at);
    });

    it('accepts a scan time queued offline, and refuses one in the future or before the event day (422)', async () => {
      const { event, regs } = await runningEvent(2);
      const at = new Date(Date.now() - 30_000);
      const ok = await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode, checkedInAt: at.toISOString() });
      expect(ok.status).toBe(201);
      expect(ok.body.checkedInAt).toBe(at.toISOString());
      await expectProblem(
        await checkIn(t, staff, event.id, { ticketCode: regs[1].ticketCode, checkedInAt: minutes(30).toISOString() }),
        422,
      );
      await expectProblem(
        await checkIn(t, staff, event.id, {
          ticketCode: regs[1].ticketCode,
          checkedInAt: minutes(-3 * 24 * 60).toISOString(),
        }),
        422,
      );
      await expectProblem(
        await checkIn(t, staff, event.id, { ticketCode: regs[1].ticketCode, checkedInAt: '2026-12-01 09:00' }),
        400,
      );
      expect((await checkInRows(event.id)).map((r) => r.registration_id)).toEqual([regs[0].id]);
    });

    it(
      'answers 400 unless exactly one of ticketCode, ' +
        'registrationId, participantId is sent, and for unknown fields',
      async () => {
        const { event, regs } = await runningEvent(1);
        for (const body of [
          {},
          { ticketCode: regs[0].ticketCode, registrationId: regs[0].id },
          { registrationId: 'x' },
          { ticketCode: 12 },
          { ticketCode: regs[0].ticketCode, seat: 3 },
        ]) {
          const res = await checkIn(t, staff, event.id, body);
          await expectProblem(res, 400);
          expect(res.body.errors.length).toBeGreaterThan(0);
        }
        await expectProblem(await checkIn(t, staff, 'not-a-uuid', { ticketCode: regs[0].ticketCode }), 400);
        expect(await checkInRows(event.id)).toEqual([]);
      },
    );

    it('admits a walk-in: creates a confirmed walk_in registration and checks it in, once', async () => {
      const { event } = await runningEvent(1, { capacity: 2 });
      const p = await createParticipant(t, staff);
      const res = await checkIn(t, staff, event.id, { participantId: p.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        participantId: p.id,
        alreadyCheckedIn: false,
        walkIn: true,
        checkedInBy: staff.id,
      });
      const reg = await t.http.get(`${API}/registrations/${res.body.registrationId}`).set(staff.auth);
      expect(reg.body).toMatchObject({
        eventId: event.id,
        participantId: p.id,
        status: 'confirmed',
        source: 'walk_in',
        waitlistPosition: null,
      });
      expect((await t.http.get(`${API}/events/${event.id}`)).body).toMatchObject({ confirmedCount: 2, seatsLeft: 0 });

      const again = await checkIn(t, staff, event.id, { participantId: p.id });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        registrationId: res.body.registrationId,
        alreadyCheckedIn: true,
        walkIn: false,
        checkedInAt: res.body.checkedInAt,
      });
      expect(await t.dataSource.getRepository(Registration).countBy({ eventId: event.id })).toBe(2);
    });

    it('checks in the existing registration of a walk-in who had registered; refuses walk-ins when full', async () => {
      const { event, regs } = await runningEvent(1, { capacity: 1 });
      const res = await checkIn(t, staff, event.id, { participantId: regs[0].participantId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ registrationId: regs[0].id, walkIn: false });

      const stranger = await createParticipant(t, staff);
      const full = await checkIn(t, staff, event.id, { participantId: stranger.id });
      await expectProblem(full, 409, 'event_full');
      expect(full.body.detail).toMatch(/capacity/);
      await expectProblem(await checkIn(t, staff, event.id, { participantId: NO_SUCH }), 400);
      expect(await t.dataSource.getRepository(Registration).countBy({ eventId: event.id })).toBe(1);
      expect((await t.dataSource.getRepository(Event).findOneByOrFail({ id: event.id })).confirmedCount).toBe(1);
    });

    it('replays a retried check-in with the same Idempotency-Key', async () => {
      const { event } = await runningEvent(0);
      const p = await createParticipant(t, staff);
      const send = () =>
        t.http
          .post(`${API}/events/${event.id}/check-ins`)
          .set(staff.auth)
          .set('Idempotency-Key', `walkin-${p.id}`)
          .send({ participantId: p.id });
      const first = await send();
      const retry = await send();
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await t.dataSource.getRepository(Registration).countBy({ eventId: event.id })).toBe(1);
    });

    it('is for staff and admin only', async () => {
      const { event, regs } = await runningEvent(1);
      const body = { ticketCode: regs[0].ticketCode };
      await expectProblem(await checkIn(t, participant, event.id, body), 403);
      await expectProblem(await checkIn(t, partner, event.id, body), 403);
      await expectProblem(await t.http.post(`${API}/events/${event.id}/check-ins`).send(body), 401);
      expect((await checkIn(t, admin, event.id, body)).status).toBe(201);
    });
  });

  describe('DELETE /events/:id/check-ins/:registrationId', () => {
    it('undoes a check-in (204, audited); the registration can then be checked in again or cancelled', async () => {
      const { event, regs } = await runningEvent(1);
      expect((await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode })).status).toBe(201);
      await expectProblem(await t.http.post(`${API}/registrations/${regs[0].id}/cancel`).set(staff.auth), 409);

      const undo = await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`).set(admin.auth);
      expect(undo.status).toBe(204);
      expect(await checkInRows(event.id)).toEqual([]);
      const audit = await t.dataSource.query(
        'SELECT * FROM audit_logs WHERE entity_type = ? AND entity_id = ? ORDER BY created_at',
        ['check_in', regs[0].id],
      );
      expect(audit.map((a: { action: string; actor_id: string }) => [a.action, a.actor_id])).toEqual([
        ['create', staff.id],
        ['delete', admin.id],
      ]);
      expect(JSON.parse(audit[1].before)).toMatchObject({ registrationId: regs[0].id, checkedInBy: staff.id });

      await expectProblem(
        await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`).set(admin.auth),
        404,
      );
      expect((await checkIn(t, staff, event.id, { registrationId: regs[0].id })).status).toBe(201);
      expect((await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`).set(staff.auth)).status).toBe(
        204,
      );
      expect((await t.http.post(`${API}/registrations/${regs[0].id}/cancel`).set(staff.auth)).status).toBe(200);
    });

    it('answers 404 for another event or unknown registration, 400 for bad ids; refuses other roles', async () => {
      const { event, regs } = await runningEvent(1);
      const other = await runningEvent(0);
      expect((await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode })).status).toBe(201);
      await expectProblem(
        await t.http.delete(`${API}/events/${other.event.id}/check-ins/${regs[0].id}`).set(staff.auth),
        404,
      );
      await expectProblem(await t.http.delete(`${API}/events/${event.id}/check-ins/${NO_SUCH}`).set(staff.auth), 404);
      await expectProblem(await t.http.delete(`${API}/events/${event.id}/check-ins/nope`).set(staff.auth), 400);
      await expectProblem(
        await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`).set(participant.auth),
        403,
      );
      await expectProblem(
        await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`).set(partner.auth),
        403,
      );
      await expectProblem(await t.http.delete(`${API}/events/${event.id}/check-ins/${regs[0].id}`), 401);
      expect(await checkInRows(event.id)).toHaveLength(1);
    });
  });

  describe('GET /events/:id/attendance', () => {
    /** Five confirmed (one a walk-in; two attended), one cancelled whose seat went to the waitlisted person. */
    async function attendanceFixture() {
      const { event, regs } = await runningEvent(4, { capacity: 4 });
      const late = await createParticipant(t, staff, { fullName: 'Zaenal Waitlist' });
      await expectProblem(await register(t, staff, event.id, late.id), 409);
      // Registration closed when the event started; reopen it for this one late registration.
      await t.dataSource.getRepository(Event).update({ id: event.id }, { registrationClosesAt: minutes(60) });
      const w = await register(t, staff, event.id, late.id);
      expect(w.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await t.http.post(`${API}/registrations/${regs[3].id}/cancel`).set(staff.auth)).status).toBe(200);
      // The cancelled seat went to the waitlisted person; a walk-in would find the event full, so raise capacity.
      await t.dataSource.getRepository(Event).update({ id: event.id }, { capacity: 5 });
      const walkIn = await createParticipant(t, staff, { fullName: 'Budi Walk-in' });
      expect((await checkIn(t, staff, event.id, { participantId: walkIn.id })).status).toBe(201);
      expect((await checkIn(t, staff, event.id, { ticketCode: regs[0].ticketCode })).status).toBe(201);
      return { event, regs };
    }

    it('answers the summary and the confirmed rows by name, with masked NIK and check-in details', async () => {
      const { event, regs } = await attendanceFixture();
      const res = await t.http.get(`${API}/events/${event.id}/attendance`).set(staff.auth);
      expect(res.status).toBe(200);
      expect(res.body.summary).toEqual({
        capacity: 5,
        confirmed: 5,
        waitlisted: 0,
        cancelled: 1,
        attended: 2,
        walkIns: 1,
        noShows: 3,
        attendanceRate: 0.4,
      });
      expect(res.body.meta).toEqual({ page: 1, limit: 20, total: 5 });
      expect(res.body.data.map((r: { fullName: string }) => r.fullName)).toEqual([
        'Budi Walk-in',
        'Peserta A',
        'Peserta B',
        'Peserta C',
        'Zaenal Waitlist',
      ]);
      const a = res.body.data[1];
      expect(a).toEqual({
        registrationId: regs[0].id,
        participantId: regs[0].participantId,
        fullName: 'Peserta A',
        nikMasked: expect.stringMatching(/^\d{6}\*{10}$/),
        gender: 'female',
        kecamatanCode: '33.03.11',
        kecamatanName: expect.any(String),
        village: 'Bancar',
        occupation: 'umkm',
        ticketCode: regs[0].ticketCode,
        source: 'staff',
        registeredAt: expect.any(String),
        attended: true,
        checkedInAt: expect.any(String),
        checkedInByName: 'Uji staff',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/"nik"/);
      expect(res.body.data[2]).toMatchObject({ attended: false, checkedInAt: null, checkedInByName: null });
      expect(res.body.data[0]).toMatchObject({ source: 'walk_in', attended: true });

      const attended = await t.http
        .get(`${API}/events/${event.id}/attendance?attended=true&limit=1&page=2`)
        .set(staff.auth);
      expect(attended.body.meta).toEqual({ page: 2, limit: 1, total: 2 });
      expect(attended.body.data.map((r: { fullName: string }) => r.fullName)).toEqual(['Peserta A']);
      const absent = await t.http.get(`${API}/events/${event.id}/attendance?attended=false`).set(admin.auth);
      expect(absent.body.data.map((r: { fullName: string }) => r.fullName)).toEqual([
        'Peserta B',
        'Peserta C',
        'Zaenal Waitlist',
      ]);
    });

    it('gives the same rows as CSV: Indonesian headers, WIB times, masked NIK, a proper filename', async () => {
      const { event } = await attendanceFixture();
      const json = await t.http.get(`${API}/events/${event.id}/attendance?limit=100`).set(staff.auth);
      const res = await t.http
        .get(`${API}/events/${event.id}/attendance?format=csv`)
        .set(staff.auth)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const startsAt = Date.parse((await t.http.get(`${API}/events/${event.id}`)).body.startsAt);
      const localDay = new Date(startsAt + 7 * 3600_000).toISOString().slice(0, 10);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="daftar-hadir-literasi-digital-untuk-umkm-purbalingga-${localDay}.csv"; ` +
          `filename*=UTF-8''daftar-hadir-literasi-digital-untuk-umkm-purbalingga-${localDay}.csv`,
      );
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toEqual([
        'No',
        'Nama',
        'NIK (disamarkan)',
        'Jenis Kelamin',
        'Kecamatan',
        'Desa/Kelurahan',
        'Pekerjaan',
        'Kode Tiket',
        'Cara Daftar',
        'Waktu Daftar (WIB)',
        'Hadir',
        'Waktu Hadir (WIB)',
        'Petugas',
      ]);
      expect(rows.slice(1).map((r) => r[1])).toEqual(json.body.data.map((r: { fullName: string }) => r.fullName));
      const budi = rows[1];
      expect(budi[0]).toBe('1');
      expect(budi[2]).toMatch(/^\d{6}\*{10}$/);
      expect(budi[3]).toBe('Perempuan');
      expect(budi[8]).toBe('Datang langsung');
      expect(budi[10]).toBe('Ya');
      const checkedIn = new Date(json.body.data[0].checkedInAt);
      const wib = new Date(checkedIn.getTime() + 7 * 3600_000);
      expect(budi[11]).toContain(
        `${String(wib.getUTCHours()).padStart(2, '0')}.${String(wib.getUTCMinutes()).padStart(2, '0')}`,
      );
      expect(budi[12]).toBe('Uji staff');
      expect(rows[3][10]).toBe('Tidak');
      expect(rows[3][11]).toBe('');
      expect(text).not.toMatch(/\d{16}/);
    });

    it('gives the same rows as XLSX', async () => {
      const { event } = await attendanceFixture();
      const json = await t.http.get(`${API}/events/${event.id}/attendance?limit=100`).set(staff.auth);
      const res = await t.http
        .get(`${API}/events/${event.id}/attendance?format=xlsx`)
        .set(admin.auth)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(/filename="daftar-hadir-.*\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Daftar Hadir');
      expect(sheet).toBeDefined();
      const values = (n: number) => (sheet!.getRow(n).values as unknown[]).slice(1);
      expect(values(1)[1]).toBe('Nama');
      expect(sheet!.rowCount).toBe(1 + json.body.data.length);
      for (let i = 0; i < json.body.data.length; i++) {
        expect(values(i + 2)[0]).toBe(i + 1);
        expect(values(i + 2)[1]).toBe(json.body.data[i].fullName);
        expect(values(i + 2)[7]).toBe(json.body.data[i].ticketCode);
        expect(values(i + 2)[10]).toBe(json.body.data[i].attended ? 'Ya' : 'Tidak');
      }
    });

    it('streams a large event in batches without losing or repeating rows', async () => {
      const { event } = await runningEvent(0, { capacity: 2000 });
      const p = await createParticipant(t, staff, { fullName: 'Siti Banyak' });
      // 1,234 confirmed rows of one person would break the active-key rule, so they are written directly.
      const rows = Array.from({ length: 1234 }, (_, i) => ({
        id: randomUUID(),
        eventId: event.id,
        participantId: p.id,
        activeKey: null,
        status: 'confirmed' as const,
        waitlistPosition: null,
        ticketCode: `T${String(i).padStart(9, '0')}`.slice(0, 10),
        source: 'staff' as const,
        cancelledAt: null,
        certificateNumber: null,
        ageAtEvent: null,
      }));
      for (let i = 0; i < rows.length; i += 200)
        await t.dataSource.getRepository(Registration).insert(rows.slice(i, i + 200));
      const res = await t.http
        .get(`${API}/events/${event.id}/attendance?format=csv`)
        .set(staff.auth)
        .buffer(true)
        .parse(binary);
      const lines = parseCsv((res.body as Buffer).toString('utf8').slice(1)).slice(1);
      expect(lines).toHaveLength(1234);
      expect(lines.map((l) => Number(l[0]))).toEqual(rows.map((_, i) => i + 1));
      expect(new Set(lines.map((l) => l[7])).size).toBe(1234);
      const json = await t.http.get(`${API}/events/${event.id}/attendance?limit=1`).set(staff.auth);
      expect(json.body.summary).toMatchObject({ confirmed: 1234, attended: 0, noShows: 1234, attendanceRate: 0 });
    });

    it('answers 404 for an unknown event, 400 for a bad query, and refuses other roles', async () => {
      const { event } = await runningEvent(0);
      await expectProblem(await t.http.get(`${API}/events/${NO_SUCH}/attendance`).set(staff.auth), 404);
      await expectProblem(await t.http.get(`${API}/events/${NO_SUCH}/attendance?format=csv`).set(staff.auth), 404);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance?format=pdf`).set(staff.auth), 400);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance?attended=maybe`).set(staff.auth), 400);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance?limit=101`).set(staff.auth), 400);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance`).set(participant.auth), 403);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance`).set(partner.auth), 403);
      await expectProblem(await t.http.get(`${API}/events/${event.id}/attendance`), 401);
      const empty = await t.http.get(`${API}/events/${event.id}/attendance`).set(staff.auth);
      expect(empty.body.summary).toEqual({
        capacity: 30,
        confirmed: 0,
        waitlisted: 0,
        cancelled: 0,
        attended: 0,
        walkIns: 0,
        noShows: 0,
        attendanceRate: 0,
      });
    });
  });
});

describe('demo seed (attendance step)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks in all but the last registrant of each past training, on its day, by the demo staff', async () => {
    const { seedDemo } = await import('../src/seed/demo-seed.js');
    const result = await seedDemo((token) => t.app.get(token, { strict: false }));
    expect(result.seeded).toBe(true);
    const staff = await t.signIn('staff');
    const list = await t.http.get(`${API}/events?status=completed&limit=100`).set(staff.auth);
    const summaries: Record<string, unknown> = {};
    for (const e of list.body.data as { id: string; title: string; startsAt: string }[]) {
      const res = await t.http.get(`${API}/events/${e.id}/attendance?limit=100`).set(staff.auth);
      summaries[e.title] = { attended: res.body.summary.attended, confirmed: res.body.summary.confirmed };
      for (const row of res.body.data.filter((r: { attended: boolean }) => r.attended)) {
        expect(row.checkedInByName).toBeTruthy();
        expect(Math.abs(Date.parse(row.checkedInAt) - Date.parse(e.startsAt))).toBeLessThan(3 * 3600_000);
      }
    }
    expect(summaries).toEqual({
      'Cakap Digital: Pemasaran Daring untuk Petani': { attended: 2, confirmed: 3 },
      'Waspada Penipuan Daring dan Pinjol Ilegal': { attended: 4, confirmed: 5 },
    });
  });
});

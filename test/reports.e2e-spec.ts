import ExcelJS from 'exceljs';
import type request from 'supertest';
import { jakartaToday } from '../src/participants/participant-rules.js';
import { checkIn, moveEvent } from './support/attendance-factory.js';
import { createPartner } from './support/foundation-factory.js';
import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, participantBody, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';
import { binary, parseCsv } from './support/response-bodies.js';

type Measures = {
  events: number;
  registrations: number;
  attendees: number;
  uniqueParticipants: number;
  uniqueAttendees: number;
};
type Row = { key: string | null; label: string } & Measures;

const at = (iso: string) => new Date(iso);
const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);

const HEADERS = ['Kode', 'Uraian', 'Kegiatan', 'Pendaftaran', 'Hadir', 'Peserta unik', 'Hadir unik'];
const asCells = (r: { key: string | null; label: string } & Measures) =>
  [r.key ?? '', r.label, r.events, r.registrations, r.attendees, r.uniqueParticipants, r.uniqueAttendees].map(String);

describe('participation report (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn;
  beforeAll(async () => ({ t, staff, admin } = await bootWithPersonas(['staff', 'admin'])));
  afterAll(() => t.close());

  const report = (query: Record<string, string>, who: SignedIn = staff) =>
    t.http.get(`${API}/reports/participation`).query(query).set(who.auth);

  /** An event registered for while upcoming, then moved to `startsAt` (2 hours long). */
  const pastEvent = async (
    startsAt: Date,
    overrides: Record<string, unknown> = {},
    participants: string[] = [],
    publish = true,
    cancelled: string[] = [],
  ) => {
    const e = await createEvent(t, staff, overrides, publish);
    const registrations: Record<string, string> = {};
    for (const p of [...participants, ...cancelled]) {
      const res = await register(t, staff, e.id, p);
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      registrations[p] = res.body.id;
    }
    // Cancelling is only possible before the event starts.
    for (const p of cancelled) {
      const res = await t.http.post(`${API}/registrations/${registrations[p]}/cancel`).set(staff.auth);
      if (res.status !== 200) throw new Error(`cancel failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await moveEvent(t, e.id, startsAt, plusHours(startsAt, 2));
    return { id: e.id, registrations };
  };

  const attend = async (eventId: string, registrationId: string) => {
    const res = await checkIn(t, staff, eventId, { registrationId });
    if (res.status !== 201) throw new Error(`check-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  };

  describe('one year of trainings (2025)', () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    let erasedId: string;

    /*
     * The report's numbers on this kind of data are checked in test/service/reports.service.spec.ts; here the
     * data comes through the API so the route's files can be compared with its JSON, and erasure is seen to keep
     * what the report reads.
     * E1 2025-03-10 09:00 WIB, Karanganyar, partner A: P1 ✓, P4 (erased) · E2 2025-04-20 06:00 WIB, online,
     * partners A+B: P4 · E3 2025-04-05 09:00 WIB, no partner, no registrations
     * P1 female 1990-01-15 · P4 male 1998-07-01, erased afterwards
     */
    beforeAll(async () => {
      const partnerA = await createPartner(t, admin, { name: 'Relawan TIK Purbalingga' });
      const partnerB = await createPartner(t, admin, { name: 'Komunitas Blogger Purbalingga' });
      const p1 = (await createParticipant(t, staff, { gender: 'female', birthDate: '1990-01-15' })).id;
      const me = await t.signIn('participant');
      const profile = await t.http
        .put(`${API}/me/participant`)
        .set(me.auth)
        .send(
          participantBody({ gender: 'male', birthDate: '1998-07-01', kecamatanCode: '33.03.05', occupation: 'worker' }),
        );
      expect(profile.status).toBe(200);
      const p4 = profile.body.id as string;
      erasedId = p4;

      const e1 = await pastEvent(
        at('2025-03-10T09:00:00+07:00'),
        { pillar: 'digital_skills', kecamatanCode: '33.03.11', partnerIds: [partnerA.id] },
        [p1, p4],
      );
      await pastEvent(
        at('2025-04-20T06:00:00+07:00'),
        {
          pillar: 'digital_safety',
          format: 'online',
          venue: null,
          kecamatanCode: null,
          onlineUrl: 'https://meet.example.id/aman',
          partnerIds: [partnerA.id, partnerB.id],
        },
        [p4],
      );
      await pastEvent(at('2025-04-05T09:00:00+07:00'), { pillar: 'digital_ethics', kecamatanCode: '33.03.05' });
      await attend(e1.id, e1.registrations[p1]);

      // Erased after the events moved, so the age kept is the age on each event's day.
      expect((await t.http.delete(`${API}/me/participant`).set(me.auth)).status).toBe(204);
    });

    it('keeps the erased participant in the data the report reads', async () => {
      const [p] = await t.dataSource.query(
        'SELECT birth_date, gender, kecamatan_code, erased_at FROM participants WHERE id = ?',
        [erasedId],
      );
      expect(p.birth_date).toBeNull();
      expect(p.erased_at).not.toBeNull();
      const ages = await t.dataSource.query(
        'SELECT age_at_event FROM registrations WHERE participant_id = ? ORDER BY age_at_event',
        [erasedId],
      );
      expect(ages.map((r: { age_at_event: number }) => Number(r.age_at_event))).toEqual([26, 26]);
      // ... and the report counts it by that age.
      const res = await report({ ...range, groupBy: 'age_group' });
      expect(res.status).toBe(200);
      expect(res.body.rows.find((r: Row) => r.key === '25-34')).toMatchObject({
        registrations: 2,
        uniqueParticipants: 1,
      });
    });

    it('gives the same rows and a Total row as CSV', async () => {
      const json = (await report({ ...range, groupBy: 'partner' })).body;
      const res = await report({ ...range, groupBy: 'partner', format: 'csv' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain(
        'filename="laporan-partisipasi-partner-2025-01-01-2025-12-31.csv"',
      );
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      expect(parseCsv(res.text)).toEqual([
        HEADERS,
        ...json.rows.map(asCells),
        asCells({ key: null, label: 'Total', ...json.totals }),
      ]);
    });

    it('gives the same rows and a Total row as XLSX', async () => {
      const json = (await report({ ...range, groupBy: 'age_group' })).body;
      const res = await report({ ...range, groupBy: 'age_group', format: 'xlsx' })
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain(
        'filename="laporan-partisipasi-age-group-2025-01-01-2025-12-31.xlsx"',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('Partisipasi');
      const cells: unknown[][] = [];
      sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
      const asTyped = (r: Row) => [
        r.key ?? undefined,
        r.label,
        r.events,
        r.registrations,
        r.attendees,
        r.uniqueParticipants,
        r.uniqueAttendees,
      ];
      expect(cells).toEqual([
        HEADERS,
        ...json.rows.map(asTyped),
        asTyped({ key: null, label: 'Total', ...json.totals }),
      ]);
    });
  });

  describe('the date range, in WIB', () => {
    it('defaults to 1 January of this year through today (Asia/Jakarta)', async () => {
      const today = jakartaToday();
      const res = await report({ groupBy: 'pillar' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ from: `${today.slice(0, 4)}-01-01`, to: today, groupBy: 'pillar' });
      const onlyTo = await report({ groupBy: 'pillar', to: '2024-06-30' });
      expect(onlyTo.body).toMatchObject({ from: '2024-01-01', to: '2024-06-30' });
    });
  });

  describe('which events count', () => {
    it('answers with no rows and zero totals for an empty range', async () => {
      const res = await report({ from: '2021-01-01', to: '2021-12-31', groupBy: 'kecamatan' });
      expect(res.body).toEqual({
        from: '2021-01-01',
        to: '2021-12-31',
        groupBy: 'kecamatan',
        rows: [],
        totals: { events: 0, registrations: 0, attendees: 0, uniqueParticipants: 0, uniqueAttendees: 0 },
      });
      const csv = await report({ from: '2021-01-01', to: '2021-12-31', groupBy: 'kecamatan', format: 'csv' });
      expect(parseCsv(csv.text)).toEqual([HEADERS, ['', 'Total', '0', '0', '0', '0', '0']]);
    });
  });

  describe('input and access', () => {
    const fields = (res: request.Response) => (res.body.errors as { field: string }[]).map((e) => e.field).sort();

    it.each([
      [{}, ['groupBy']],
      [{ groupBy: 'village' }, ['groupBy']],
      [{ groupBy: 'pillar', format: 'pdf' }, ['format']],
      [{ groupBy: 'pillar', from: '2026-02-30' }, ['from']],
      [{ groupBy: 'pillar', from: '20260101', to: '2026/12/31' }, ['from', 'to']],
      [{ groupBy: 'pillar', from: '2026-01-01T00:00:00+07:00' }, ['from']],
      [{ groupBy: 'pillar', from: '2026-03-02', to: '2026-03-01' }, ['from']],
      [{ groupBy: 'pillar', from: '2020-01-01', to: '2025-01-01' }, ['to']],
      [{ groupBy: 'pillar', foo: '1' }, ['foo']],
    ])('400 for %j naming %j', async (query, expected) => {
      const res = await report(query as Record<string, string>);
      expectProblem(res, 400);
      expect(fields(res)).toEqual(expected);
    });

    it('accepts exactly five years', async () => {
      expect((await report({ groupBy: 'pillar', from: '2020-01-01', to: '2024-12-31' })).status).toBe(200);
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = (await t.http.get('/api/docs-json')).body;
      const op = doc.paths[`${API}/reports/participation`].get;
      expect(op['x-roles']).toEqual(['staff', 'admin']);
      expect(op.description).toMatch(/Asia\/Jakarta/);
      const groupBy = op.parameters.find((p: { name: string }) => p.name === 'groupBy');
      expect(groupBy).toMatchObject({
        required: true,
        schema: {
          enum: ['kecamatan', 'event_kecamatan', 'pillar', 'gender', 'age_group', 'occupation', 'month', 'partner'],
        },
      });
      expect(Object.keys(op.responses['200'].content).sort()).toEqual([
        'application/json',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv; charset=utf-8',
      ]);
    });

    it('is for staff and admin only', async () => {
      const query = { groupBy: 'pillar', from: '2025-01-01', to: '2025-01-31' };
      expectProblem(await t.http.get(`${API}/reports/participation`).query(query), 401);
      expectProblem(await report(query, await t.signIn('participant')), 403);
      const partner = await t.signIn('partner', { partnerId: (await createPartner(t, admin)).id });
      expectProblem(await report(query, partner), 403);
      expect((await report(query, admin)).status).toBe(200);
    });
  });
});

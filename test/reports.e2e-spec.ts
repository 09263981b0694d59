import ExcelJS from 'exceljs';
import type request from 'supertest';
import { Event } from '../src/events/event.entity.js';
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

/** [key, label, events, registrations, attendees, uniqueParticipants, uniqueAttendees] */
type Expected = [string | null, string, number, number, number, number, number];
const rows = (...expected: Expected[]): Row[] =>
  expected.map(([key, label, events, registrations, attendees, uniqueParticipants, uniqueAttendees]) => ({
    key,
    label,
    events,
    registrations,
    attendees,
    uniqueParticipants,
    uniqueAttendees,
  }));

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
    let partnerA: { id: string; name: string };
    let partnerB: { id: string; name: string };
    let erasedId: string;

    /*
     * E1 2025-03-10 09:00 WIB, Karanganyar, digital_skills, partner A: P1 ✓, P2 ✓, P4 (erased), P5 cancelled
     * E2 2025-04-20 06:00 WIB (= 04-19 23:00 UTC), online, digital_safety, partners A+B, capacity 3:
     *    P1 ✓, P3 ✓, P4, P2 waitlisted
     * E3 2025-04-05 09:00 WIB, Purbalingga, digital_ethics, no partner, no registrations
     * P1 female 1990-01-15 Karanganyar umkm · P2 male 2007-04-20 Bukateja student (17 at E1, 18 on E2's local day)
     * P3 female 1960-02-01 Purbalingga farmer · P4 male 1998-07-01 Purbalingga worker, erased afterwards
     * P5 male 1985-05-05 Karanganyar teacher, registration cancelled
     */
    beforeAll(async () => {
      partnerA = await createPartner(t, admin, { name: 'Relawan TIK Purbalingga' });
      partnerB = await createPartner(t, admin, { name: 'Komunitas Blogger Purbalingga' });
      const p1 = (
        await createParticipant(t, staff, {
          gender: 'female',
          birthDate: '1990-01-15',
          kecamatanCode: '33.03.11',
          occupation: 'umkm',
        })
      ).id;
      const p2 = (
        await createParticipant(t, staff, {
          gender: 'male',
          birthDate: '2007-04-20',
          kecamatanCode: '33.03.02',
          occupation: 'student',
        })
      ).id;
      const p3 = (
        await createParticipant(t, staff, {
          gender: 'female',
          birthDate: '1960-02-01',
          kecamatanCode: '33.03.05',
          occupation: 'farmer',
        })
      ).id;
      const p5 = (
        await createParticipant(t, staff, {
          gender: 'male',
          birthDate: '1985-05-05',
          kecamatanCode: '33.03.11',
          occupation: 'teacher',
        })
      ).id;
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
        [p1, p2, p4],
        true,
        [p5],
      );
      const e2 = await pastEvent(
        at('2025-04-20T06:00:00+07:00'),
        {
          pillar: 'digital_safety',
          format: 'online',
          venue: null,
          kecamatanCode: null,
          onlineUrl: 'https://meet.example.id/aman',
          capacity: 3,
          partnerIds: [partnerA.id, partnerB.id],
        },
        [p1, p3, p4, p2],
      );
      await pastEvent(at('2025-04-05T09:00:00+07:00'), { pillar: 'digital_ethics', kecamatanCode: '33.03.05' });

      const waitlisted = await t.http.get(`${API}/registrations/${e2.registrations[p2]}`).set(staff.auth);
      expect(waitlisted.body.status).toBe('waitlisted');
      await attend(e1.id, e1.registrations[p1]);
      await attend(e1.id, e1.registrations[p2]);
      await attend(e2.id, e2.registrations[p1]);
      await attend(e2.id, e2.registrations[p3]);

      // Erased after the events moved, so the age kept is the age on each event's day.
      expect((await t.http.delete(`${API}/me/participant`).set(me.auth)).status).toBe(204);
    });

    const totals = { events: 3, registrations: 7, attendees: 4, uniqueParticipants: 4, uniqueAttendees: 3 };

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
    });

    it('groupBy=pillar: events without registrations appear; totals are distinct, not sums', async () => {
      const res = await report({ ...range, groupBy: 'pillar' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: '2025-01-01',
        to: '2025-12-31',
        groupBy: 'pillar',
        rows: rows(
          ['digital_skills', 'Cakap Digital', 1, 3, 2, 3, 2],
          ['digital_ethics', 'Etis Digital', 1, 0, 0, 0, 0],
          ['digital_safety', 'Aman Digital', 1, 4, 2, 4, 2],
        ),
        totals,
      });
    });

    it('groupBy=event_kecamatan: by code, the online event in the null row last', async () => {
      const res = await report({ ...range, groupBy: 'event_kecamatan' });
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual(
        rows(
          ['33.03.05', 'Purbalingga', 1, 0, 0, 0, 0],
          ['33.03.11', 'Karanganyar', 1, 3, 2, 3, 2],
          [null, 'Daring / tanpa kecamatan', 1, 4, 2, 4, 2],
        ),
      );
      expect(res.body.totals).toEqual(totals);
    });

    it('groupBy=month: the local (WIB) month, chronologically', async () => {
      const res = await report({ ...range, groupBy: 'month' });
      expect(res.body.rows).toEqual(
        rows(['2025-03', 'Maret 2025', 1, 3, 2, 3, 2], ['2025-04', 'April 2025', 2, 4, 2, 4, 2]),
      );
      expect(res.body.totals).toEqual(totals);
    });

    it('groupBy=partner: an event counts for each co-host; events without partner under Dinkominfo', async () => {
      const res = await report({ ...range, groupBy: 'partner' });
      expect(res.body.rows).toEqual(
        rows(
          [partnerB.id, 'Komunitas Blogger Purbalingga', 1, 4, 2, 4, 2],
          [partnerA.id, 'Relawan TIK Purbalingga', 2, 7, 4, 4, 3],
          [null, 'Dinkominfo (tanpa mitra)', 1, 0, 0, 0, 0],
        ),
      );
      expect(res.body.totals).toEqual(totals);
    });

    it('groupBy=kecamatan: where participants live; cancelled registrations, the erased participant', async () => {
      const res = await report({ ...range, groupBy: 'kecamatan' });
      expect(res.body.rows).toEqual(
        rows(
          ['33.03.02', 'Bukateja', 2, 2, 1, 1, 1],
          ['33.03.05', 'Purbalingga', 2, 3, 1, 2, 1],
          ['33.03.11', 'Karanganyar', 2, 2, 2, 1, 1],
        ),
      );
      expect(res.body.totals).toEqual(totals);
    });

    it('groupBy=gender', async () => {
      const res = await report({ ...range, groupBy: 'gender' });
      expect(res.body.rows).toEqual(rows(['male', 'Laki-laki', 2, 4, 1, 2, 1], ['female', 'Perempuan', 2, 3, 3, 2, 2]));
    });

    it('groupBy=occupation: in vocabulary order', async () => {
      const res = await report({ ...range, groupBy: 'occupation' });
      expect(res.body.rows).toEqual(
        rows(
          ['student', 'Pelajar/Mahasiswa', 2, 2, 1, 1, 1],
          ['umkm', 'Pelaku UMKM', 2, 2, 2, 1, 1],
          ['farmer', 'Petani', 1, 1, 1, 1, 1],
          ['worker', 'Pekerja/Karyawan', 2, 2, 0, 1, 0],
        ),
      );
    });

    it(
      "groupBy=age_group: age on the event's local day (a birthday at 06:00 WIB counts), " +
        'the erased participant by the kept age',
      async () => {
        const res = await report({ ...range, groupBy: 'age_group' });
        expect(res.body.rows).toEqual(
          rows(
            ['<18', 'Di bawah 18 tahun', 1, 1, 1, 1, 1],
            ['18-24', '18–24 tahun', 1, 1, 0, 1, 0],
            ['25-34', '25–34 tahun', 2, 2, 0, 1, 0],
            ['35-44', '35–44 tahun', 2, 2, 2, 1, 1],
            ['60+', '60 tahun ke atas', 1, 1, 1, 1, 1],
          ),
        );
        expect(res.body.totals).toEqual(totals);
      },
    );

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
    it(
      'counts an event at 23:30 WIB on `to` and at 00:00 WIB on `from`, ' +
        'not 00:30 WIB the day after nor 23:59 the day before',
      async () => {
        const p = (await createParticipant(t, staff)).id;
        await pastEvent(at('2024-05-31T23:59:00+07:00'), {}, [p]);
        await pastEvent(at('2024-06-01T00:00:00+07:00'), {}, [p]);
        await pastEvent(at('2024-06-30T23:30:00+07:00'), {}, [p]);
        await pastEvent(at('2024-07-01T00:30:00+07:00'), {}, [p]);

        const june = await report({ from: '2024-06-01', to: '2024-06-30', groupBy: 'month' });
        expect(june.body.rows).toEqual(rows(['2024-06', 'Juni 2024', 2, 2, 0, 1, 0]));
        expect(june.body.totals).toEqual({
          events: 2,
          registrations: 2,
          attendees: 0,
          uniqueParticipants: 1,
          uniqueAttendees: 0,
        });

        // 00:30 WIB on 1 July is still 30 June in UTC: the month is the local one.
        const wider = await report({ from: '2024-05-31', to: '2024-07-01', groupBy: 'month' });
        expect(wider.body.rows).toEqual(
          rows(
            ['2024-05', 'Mei 2024', 1, 1, 0, 1, 0],
            ['2024-06', 'Juni 2024', 2, 2, 0, 1, 0],
            ['2024-07', 'Juli 2024', 1, 1, 0, 1, 0],
          ),
        );
        expect(wider.body.totals).toEqual({
          events: 4,
          registrations: 4,
          attendees: 0,
          uniqueParticipants: 1,
          uniqueAttendees: 0,
        });

        const oneDay = await report({ from: '2024-06-30', to: '2024-06-30', groupBy: 'pillar' });
        expect(oneDay.body.totals.events).toBe(1);
      },
    );

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
    it('counts published and completed events, never drafts or cancelled ones', async () => {
      const p = (await createParticipant(t, staff)).id;
      const q = (await createParticipant(t, staff)).id;
      const published = await pastEvent(at('2023-03-01T09:00:00+07:00'), { pillar: 'digital_skills' }, [p, q]);
      await attend(published.id, published.registrations[p]);
      const completed = await pastEvent(at('2023-03-02T09:00:00+07:00'), { pillar: 'digital_culture' }, [p]);
      await t.dataSource.getRepository(Event).update({ id: completed.id }, { status: 'completed' });
      await pastEvent(at('2023-03-03T09:00:00+07:00'), { pillar: 'digital_ethics' }, [], false);
      const cancelled = await createEvent(t, staff, { pillar: 'digital_safety' });
      expect((await register(t, staff, cancelled.id, q)).status).toBe(201);
      expect(
        (
          await t.http
            .post(`${API}/events/${cancelled.id}/cancel`)
            .set(staff.auth)
            .send({ reason: 'Narasumber berhalangan' })
        ).status,
      ).toBe(200);
      await moveEvent(t, cancelled.id, at('2023-03-04T09:00:00+07:00'), at('2023-03-04T11:00:00+07:00'));

      const res = await report({ from: '2023-03-01', to: '2023-03-31', groupBy: 'pillar' });
      expect(res.body.rows).toEqual(
        rows(['digital_skills', 'Cakap Digital', 1, 2, 1, 2, 1], ['digital_culture', 'Budaya Digital', 1, 1, 0, 1, 0]),
      );
      expect(res.body.totals).toEqual({
        events: 2,
        registrations: 3,
        attendees: 1,
        uniqueParticipants: 2,
        uniqueAttendees: 1,
      });
    });

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

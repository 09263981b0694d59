import ExcelJS from 'exceljs';
import { checkIn, moveEvent } from './support/attendance-factory.js';
import {
  answersScoring,
  evaluate,
  putQuiz,
  registerSelf,
  type Self,
  selfParticipant,
  submitQuiz,
} from './support/outcomes-factory.js';
import { API, expectProblem, type SignedIn, type TestApp } from './support/test-app.js';
import { createEvent, createParticipant, register } from './support/training-factory.js';
import { bootWithPersonas } from './support/personas.js';
import { binary } from './support/response-bodies.js';

/**
 * GET /reports/outcomes and GET /open-data/participation on crafted data (issue 16): every figure below is
 * worked out by hand from the scores, ratings and people made here, on a database of this suite's own.
 */

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

describe('outcomes report and open data (e2e)', () => {
  let t: TestApp, staff: SignedIn, admin: SignedIn;
  beforeAll(async () => ({ t, staff, admin } = await bootWithPersonas(['staff', 'admin'])));
  afterAll(() => t?.close());

  describe('GET /reports/outcomes', () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    const report = (query: Record<string, string>, who: SignedIn = staff) =>
      t.http.get(`${API}/reports/outcomes`).query(query).set(who.auth);

    /**
     * Participants take the pre-test while the training is ahead, attend it once it is moved into 2025, and
     * take the post-test and rate it. `pre`/`post` are scores (multiples of 20 on five questions); null skips.
     */
    async function training(
      pillar: string,
      startsAt: string,
      people: { who: Self; pre: number | null; post: number | null; rating: number | null }[],
    ) {
      const event = await createEvent(t, staff, { pillar });
      const regs: string[] = [];
      for (const p of people) {
        const r = await registerSelf(t, p.who, event.id);
        regs.push(r.id);
        if (p.pre !== null)
          expect((await submitQuiz(t, p.who, r.id, 'pre', { answers: answersScoring(p.pre) })).status).toBe(201);
      }
      const start = new Date(startsAt);
      await moveEvent(t, event.id, start, new Date(start.getTime() + 2 * 3600_000));
      for (const [i, p] of people.entries()) {
        if (p.post === null && p.rating === null) continue;
        expect((await checkIn(t, staff, event.id, { registrationId: regs[i] })).status).toBe(201);
        if (p.post !== null)
          expect((await submitQuiz(t, p.who, regs[i], 'post', { answers: answersScoring(p.post) })).status).toBe(201);
        if (p.rating !== null) expect((await evaluate(t, p.who, regs[i], { rating: p.rating })).status).toBe(201);
      }
    }

    beforeAll(async () => {
      await putQuiz(t, staff, 'digital_safety');
      await putQuiz(t, staff, 'digital_ethics');
      const [w1, w2, m1, m2, w3] = [
        await selfParticipant(t, { gender: 'female' }),
        await selfParticipant(t, { gender: 'female' }),
        await selfParticipant(t, { gender: 'male' }),
        await selfParticipant(t, { gender: 'male' }),
        await selfParticipant(t, { gender: 'female' }),
      ];
      // Aman Digital: gains 40, 20, 40 (m2 took only the pre-test).
      await training('digital_safety', '2025-03-10T02:00:00Z', [
        { who: w1, pre: 20, post: 60, rating: 5 },
        { who: w2, pre: 40, post: 60, rating: 4 },
        { who: m1, pre: 60, post: 100, rating: 4 },
        { who: m2, pre: 80, post: null, rating: null },
      ]);
      // Etis Digital: one person with both tests (gain 40), rated 3.
      await training('digital_ethics', '2025-07-01T02:00:00Z', [{ who: w3, pre: 40, post: 80, rating: 3 }]);
      // Outside the range: must not count.
      await training('digital_ethics', '2024-12-31T16:30:00Z', [{ who: w1, pre: 0, post: 100, rating: 1 }]);
    }, 300_000);

    it('per pillar: participants with both tests, mean scores, mean gain with t interval, ratings', async () => {
      const res = await report({ ...range, groupBy: 'pillar' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        from: '2025-01-01',
        to: '2025-12-31',
        groupBy: 'pillar',
        rows: [
          {
            key: 'digital_ethics',
            label: expect.any(String),
            participantsWithBothTests: 1,
            preTests: 1,
            postTests: 1,
            meanPre: 40,
            meanPost: 80,
            meanGain: 40,
            gainCi95: null,
            meanRating: 3,
            ratings: 1,
          },
          {
            // gains 40, 20, 40: mean 33.33, s = 11.547, t(0.975, 2) = 4.3027, half-width 28.68
            key: 'digital_safety',
            label: expect.any(String),
            participantsWithBothTests: 3,
            preTests: 4,
            postTests: 3,
            meanPre: 40,
            meanPost: 73.33,
            meanGain: 33.33,
            gainCi95: [4.65, 62.02],
            meanRating: 4.33,
            ratings: 3,
          },
        ],
        totals: {
          participantsWithBothTests: 4,
          preTests: 5,
          postTests: 4,
          meanPre: 40,
          meanPost: 75,
          meanGain: 35,
          // gains 40, 20, 40, 40: s = 10, t(0.975, 3) = 3.1824, half-width 15.91
          gainCi95: [19.09, 50.91],
          meanRating: 4,
          ratings: 4,
        },
      });
    });

    it('groups by the participant too (gender) with the same totals', async () => {
      const res = await report({ ...range, groupBy: 'gender' });
      expect(res.body.rows).toEqual([
        expect.objectContaining({
          key: 'male',
          participantsWithBothTests: 1,
          preTests: 2,
          postTests: 1,
          meanPre: 60,
          meanPost: 100,
          meanGain: 40,
          gainCi95: null,
          meanRating: 4,
        }),
        // women: gains 40, 20, 40 (w1, w2 at Aman Digital, w3 at Etis Digital)
        expect.objectContaining({
          key: 'female',
          participantsWithBothTests: 3,
          preTests: 3,
          postTests: 3,
          meanPre: 33.33,
          meanPost: 66.67,
          meanGain: 33.33,
          gainCi95: [4.65, 62.02],
          meanRating: 4,
        }),
      ]);
      expect(res.body.totals).toEqual((await report({ ...range, groupBy: 'pillar' })).body.totals);
    });

    it('takes every grouping of the participation report', async () => {
      for (const groupBy of [
        'kecamatan',
        'event_kecamatan',
        'pillar',
        'gender',
        'age_group',
        'occupation',
        'month',
        'partner',
      ]) {
        const res = await report({ ...range, groupBy });
        expect({ groupBy, status: res.status }).toEqual({ groupBy, status: 200 });
        expect(res.body.totals.participantsWithBothTests).toBe(4);
      }
      const month = await report({ ...range, groupBy: 'month' });
      expect(
        month.body.rows.map((r: { key: string; participantsWithBothTests: number }) => [
          r.key,
          r.participantsWithBothTests,
        ]),
      ).toEqual([
        ['2025-03', 3],
        ['2025-07', 1],
      ]);
    });

    it('gives the same rows and a Total row as CSV and XLSX', async () => {
      const json = (await report({ ...range, groupBy: 'pillar' })).body;
      const asCells = (r: Record<string, any>) =>
        [
          r.key ?? '',
          r.label,
          r.participantsWithBothTests,
          r.preTests,
          r.postTests,
          r.meanPre,
          r.meanPost,
          r.meanGain,
          r.gainCi95?.[0] ?? '',
          r.gainCi95?.[1] ?? '',
          r.meanRating,
          r.ratings,
        ].map((v) => (v === null ? '' : String(v)));
      const csv = await report({ ...range, groupBy: 'pillar', format: 'csv' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain('laporan-hasil-belajar-pillar-2025-01-01-2025-12-31.csv');
      const lines = csvLines(csv.text);
      expect(lines[0]).toEqual([
        'Kode',
        'Uraian',
        'Peserta dengan kedua tes',
        'Pre-test',
        'Post-test',
        'Rata-rata pre-test',
        'Rata-rata post-test',
        'Rata-rata kenaikan',
        'KI 95% bawah',
        'KI 95% atas',
        'Rata-rata penilaian',
        'Jumlah penilaian',
      ]);
      expect(lines.slice(1)).toEqual([
        ...json.rows.map(asCells),
        asCells({ key: null, label: 'Total', ...json.totals }),
      ]);

      const xlsx = await report({ ...range, groupBy: 'pillar', format: 'xlsx' })
        .buffer(true)
        .parse(binary);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
      const cells: unknown[][] = [];
      // row.values is sparse (empty cells are holes): Array.from visits them too.
      workbook.worksheets[0].eachRow((row) =>
        cells.push(
          Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v))),
        ),
      );
      expect(cells.slice(1)).toEqual(lines.slice(1));
    });

    it('refuses a bad range or grouping (400) and is for staff and admin only', async () => {
      expectProblem(await report({ from: '2025-12-01', to: '2025-01-01', groupBy: 'pillar' }), 400);
      expectProblem(await report({ ...range, groupBy: 'village' }), 400);
      expectProblem(await report({ ...range, groupBy: 'pillar', format: 'pdf' }), 400);
      expect((await report({ ...range, groupBy: 'pillar' }, admin)).status).toBe(200);
      expectProblem(await report({ ...range, groupBy: 'pillar' }, await t.signIn('participant')), 403);
      expectProblem(await t.http.get(`${API}/reports/outcomes`).query({ ...range, groupBy: 'pillar' }), 401);
    });
  });

  describe('GET /open-data/participation', () => {
    const open = (query: Record<string, string>) => t.http.get(`${API}/open-data/participation`).query(query);

    /**
     * 2023, one training: kecamatan 33.03.11 has 7 registered (6 attended), 33.03.01 has 3 (3 attended),
     * 33.03.02 has 6 (1 attended); men 4, women 12.
     */
    beforeAll(async () => {
      const event = await createEvent(t, staff, { pillar: 'digital_culture', capacity: 100 });
      const groups: [string, number, number][] = [
        ['33.03.11', 7, 6],
        ['33.03.01', 3, 3],
        ['33.03.02', 6, 1],
      ];
      const toAttend: string[] = [];
      let n = 0;
      for (const [kecamatanCode, registered, attending] of groups) {
        for (let i = 0; i < registered; i++) {
          const p = await createParticipant(t, staff, { kecamatanCode, gender: n++ % 4 === 0 ? 'male' : 'female' });
          const r = await register(t, staff, event.id, p.id);
          expect(r.status).toBe(201);
          if (i < attending) toAttend.push(r.body.id);
        }
      }
      await moveEvent(t, event.id, new Date('2023-08-17T02:00:00Z'), new Date('2023-08-17T05:00:00Z'));
      for (const id of toAttend) expect((await checkIn(t, staff, event.id, { registrationId: id })).status).toBe(201);
    }, 300_000);

    it(
      'publishes counts of 5 and more, suppresses smaller ones, ' +
        'and suppresses a second cell where one could be derived',
      async () => {
        const res = await open({ year: '2023', groupBy: 'kecamatan' });
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('public, max-age=3600');
        const cells = (r: Record<string, unknown>) => [
          r.key,
          r.events,
          r.registrations,
          r.attendees,
          r.uniqueParticipants,
          r.uniqueAttendees,
        ];
        expect(res.body.rows.map(cells)).toEqual([
          // registrations: 3 is suppressed, and 6 with it (else 16 − 7 − 6 = 3); attendees: 3 and 1 are both below 5.
          ['33.03.01', 1, null, null, null, null],
          ['33.03.02', 1, null, null, null, null],
          ['33.03.11', 1, 7, 6, 7, 6],
        ]);
        expect(res.body).toMatchObject({ year: 2023, groupBy: 'kecamatan', suppressionThreshold: 5 });
        expect(res.body.totals).toEqual({
          events: 1,
          registrations: 16,
          attendees: 10,
          uniqueParticipants: 16,
          uniqueAttendees: 10,
        });
        // Nothing about people beyond the report's counts.
        expect(JSON.stringify(res.body)).not.toMatch(/fullName|nik|birth|phone/i);
      },
    );

    it(
      'suppresses the other cell of a two-row column with one small cell, ' +
        'and leaves a column without small cells alone',
      async () => {
        const res = await open({ year: '2023', groupBy: 'gender' });
        // men 4 (2 attended), women 12 (8 attended): one small cell per column, so the other goes too.
        expect(res.body.rows.map((r: Record<string, unknown>) => [r.key, r.registrations, r.attendees])).toEqual([
          ['male', null, null],
          ['female', null, null],
        ]);
        const pillar = await open({ year: '2023', groupBy: 'pillar' });
        expect(
          pillar.body.rows.map((r: Record<string, unknown>) => [
            r.key,
            r.registrations,
            r.attendees,
            r.uniqueParticipants,
          ]),
        ).toEqual([['digital_culture', 16, 10, 16]]);
      },
    );

    it('suppresses totals below 5 and gives an empty year as zero events', async () => {
      const empty = await open({ year: '2022', groupBy: 'pillar' });
      expect(empty.status).toBe(200);
      expect(empty.body.rows).toEqual([]);
      expect(empty.body.totals).toEqual({
        events: 0,
        registrations: null,
        attendees: null,
        uniqueParticipants: null,
        uniqueAttendees: null,
      });
    });

    it('gives the same suppressed rows as CSV, with empty cells', async () => {
      const res = await open({ year: '2023', groupBy: 'kecamatan', format: 'csv' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.headers['content-disposition']).toContain('data-terbuka-partisipasi-kecamatan-2023.csv');
      const lines = csvLines(res.text);
      expect(lines[0]).toEqual(['Kode', 'Uraian', 'Kegiatan', 'Pendaftaran', 'Hadir', 'Peserta unik', 'Hadir unik']);
      expect(lines.slice(1).map((l) => [l[0], ...l.slice(2)])).toEqual([
        ['33.03.01', '1', '', '', '', ''],
        ['33.03.02', '1', '', '', '', ''],
        ['33.03.11', '1', '7', '6', '7', '6'],
        ['', '1', '16', '10', '16', '10'],
      ]);
    });

    it('is public, for any signed-in role too, and refuses bad years, groupings and formats (400)', async () => {
      expect((await open({ groupBy: 'pillar' })).status).toBe(200);
      expect((await open({ groupBy: 'pillar' }).set((await t.signIn('participant')).auth)).status).toBe(200);
      const thisYear = new Date().getUTCFullYear();
      const bad: Record<string, string>[] = [
        { year: '1999' },
        { year: String(thisYear + 2) },
        { year: '20x3' },
        { year: '2023', groupBy: 'name' },
        { format: 'xlsx' },
      ];
      for (const query of bad) {
        expectProblem(await open({ groupBy: 'pillar', ...query }), 400);
      }
    });
  });
});

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
 * GET /reports/outcomes and GET /open-data/participation as routes (issue 16): files, input problems, roles, public
 * access and caching, on data made through the API. The figures themselves, worked out by hand on crafted data,
 * are checked in test/service/outcomes-report.service.spec.ts.
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

    // The report's figures on this kind of data are checked in test/service/outcomes-report.service.spec.ts; here
    // the data comes through the API so the route's files can be compared with its JSON.
    beforeAll(async () => {
      await putQuiz(t, staff, 'digital_safety');
      const [w1, w2, m1, m2] = [
        await selfParticipant(t, { gender: 'female' }),
        await selfParticipant(t, { gender: 'female' }),
        await selfParticipant(t, { gender: 'male' }),
        await selfParticipant(t, { gender: 'male' }),
      ];
      // Aman Digital: gains 40, 20, 40 (m2 took only the pre-test).
      await training('digital_safety', '2025-03-10T02:00:00Z', [
        { who: w1, pre: 20, post: 60, rating: 5 },
        { who: w2, pre: 40, post: 60, rating: 4 },
        { who: m1, pre: 60, post: 100, rating: 4 },
        { who: m2, pre: 80, post: null, rating: null },
      ]);
    }, 300_000);

    it('gives the same rows and a Total row as CSV and XLSX', async () => {
      const json = (await report({ ...range, groupBy: 'pillar' })).body;
      expect(json.rows.map((r: { key: string; gainCi95: unknown }) => [r.key, r.gainCi95])).toEqual([
        ['digital_safety', [4.65, 62.02]],
      ]);
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
     * The figures and their suppression are checked in test/service/outcomes-report.service.spec.ts; this data,
     * made through the API, is for the CSV file.
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
      const anyone = await open({ groupBy: 'pillar' });
      expect(anyone.status).toBe(200);
      expect(anyone.headers['cache-control']).toBe('public, max-age=3600');
      expect(anyone.body).toMatchObject({ groupBy: 'pillar', suppressionThreshold: 5 });
      expect((await open({ year: '2022', groupBy: 'pillar' })).status).toBe(200);
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

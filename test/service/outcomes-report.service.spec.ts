import { OpenDataModule } from '../../src/open-data/open-data.module.js';
import { OpenDataService } from '../../src/open-data/open-data.service.js';
import { OutcomesModule } from '../../src/outcomes/outcomes.module.js';
import { OutcomesReportService } from '../../src/outcomes/outcomes-report.service.js';
import type { ReportGroup } from '../../src/reports/report-groups.js';
import { factories, type Factories, type ParticipantRow } from './factories.js';
import { createServiceTest, type ServiceTest } from './service-test.js';

/**
 * The figures of the outcomes report (OutcomesReportService) and of the open participation data (OpenDataService)
 * on crafted data inserted directly: every figure worked out by hand. Moved from test/outcomes-report.e2e-spec.ts,
 * which keeps the routes: files, input problems, roles, the public access and caching.
 */

describe('outcomes report and open data (service)', () => {
  let st: ServiceTest, f: Factories, staffId: string;
  beforeAll(async () => {
    st = await createServiceTest([OutcomesModule, OpenDataModule]);
    f = factories(st);
    staffId = (await f.user({ role: 'staff' })).id;
  });
  afterAll(() => st?.close());

  describe('outcomes report', () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    let outcomes: OutcomesReportService;
    const report = (groupBy: ReportGroup) => outcomes.outcomes({ ...range, groupBy });

    /**
     * A training of the pillar at `startsAt`, each person registered with their pre-test, then checked in with
     * their post-test and rating. `pre`/`post` are scores (multiples of 20 on five questions); null skips.
     */
    async function training(
      pillar: string,
      startsAt: string,
      people: { who: ParticipantRow; pre: number | null; post: number | null; rating: number | null }[],
    ) {
      const quiz = quizzes[pillar];
      const event = await f.event({ pillar, startsAt: new Date(startsAt) });
      for (const p of people) {
        const r = await f.registration(event.id, p.who.id, { source: 'self' });
        if (p.pre !== null) await f.quizAttempt(r.id, 'pre', p.pre, quiz);
        if (p.post === null && p.rating === null) continue;
        await f.checkIn(r, staffId);
        if (p.post !== null) await f.quizAttempt(r.id, 'post', p.post, quiz);
        if (p.rating !== null) await f.evaluation(r.id, p.rating);
      }
    }
    const quizzes: Record<string, { id: string; questionCount: number }> = {};

    beforeAll(async () => {
      outcomes = st.get(OutcomesReportService);
      quizzes.digital_safety = await f.quizVersion('digital_safety', staffId);
      quizzes.digital_ethics = await f.quizVersion('digital_ethics', staffId);
      const [w1, w2, m1, m2, w3] = [
        await f.participant({ gender: 'female' }),
        await f.participant({ gender: 'female' }),
        await f.participant({ gender: 'male' }),
        await f.participant({ gender: 'male' }),
        await f.participant({ gender: 'female' }),
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
    });

    it('per pillar: participants with both tests, mean scores, mean gain with t interval, ratings', async () => {
      expect(await report('pillar')).toEqual({
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
      const byGender = await report('gender');
      expect(byGender.rows).toEqual([
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
      expect(byGender.totals).toEqual((await report('pillar')).totals);
    });

    it('takes every grouping of the participation report', async () => {
      const groupings: ReportGroup[] = [
        'kecamatan',
        'event_kecamatan',
        'pillar',
        'gender',
        'age_group',
        'occupation',
        'month',
        'partner',
      ];
      for (const groupBy of groupings) {
        const { totals } = await report(groupBy);
        expect({ groupBy, both: totals.participantsWithBothTests }).toEqual({ groupBy, both: 4 });
      }
      expect((await report('month')).rows.map((r) => [r.key, r.participantsWithBothTests])).toEqual([
        ['2025-03', 3],
        ['2025-07', 1],
      ]);
    });
  });

  describe('open participation data', () => {
    let open: OpenDataService;

    /**
     * 2023, one training: kecamatan 33.03.11 has 7 registered (6 attended), 33.03.01 has 3 (3 attended),
     * 33.03.02 has 6 (1 attended); men 4, women 12.
     */
    beforeAll(async () => {
      open = st.get(OpenDataService);
      const event = await f.event({
        pillar: 'digital_culture',
        capacity: 100,
        startsAt: new Date('2023-08-17T02:00:00Z'),
        endsAt: new Date('2023-08-17T05:00:00Z'),
      });
      const groups: [string, number, number][] = [
        ['33.03.11', 7, 6],
        ['33.03.01', 3, 3],
        ['33.03.02', 6, 1],
      ];
      let n = 0;
      for (const [kecamatanCode, registered, attending] of groups) {
        for (let i = 0; i < registered; i++) {
          const p = await f.participant({ kecamatanCode, gender: n++ % 4 === 0 ? 'male' : 'female' });
          const r = await f.registration(event.id, p.id);
          if (i < attending) await f.checkIn(r, staffId);
        }
      }
    });

    it(
      'publishes counts of 5 and more, suppresses smaller ones, ' +
        'and suppresses a second cell where one could be derived',
      async () => {
        const data = await open.participation('2023', 'kecamatan');
        const cells = (r: (typeof data.rows)[number]) => [
          r.key,
          r.events,
          r.registrations,
          r.attendees,
          r.uniqueParticipants,
          r.uniqueAttendees,
        ];
        expect(data.rows.map(cells)).toEqual([
          // registrations: 3 is suppressed, and 6 with it (else 16 − 7 − 6 = 3); attendees: 3 and 1 are both below 5.
          ['33.03.01', 1, null, null, null, null],
          ['33.03.02', 1, null, null, null, null],
          ['33.03.11', 1, 7, 6, 7, 6],
        ]);
        expect(data).toMatchObject({ year: 2023, groupBy: 'kecamatan', suppressionThreshold: 5 });
        expect(data.totals).toEqual({
          events: 1,
          registrations: 16,
          attendees: 10,
          uniqueParticipants: 16,
          uniqueAttendees: 10,
        });
        // Nothing about people beyond the report's counts.
        expect(JSON.stringify(data)).not.toMatch(/fullName|nik|birth|phone/i);
      },
    );

    it(
      'suppresses the other cell of a two-row column with one small cell, ' +
        'and leaves a column without small cells alone',
      async () => {
        const byGender = await open.participation('2023', 'gender');
        // men 4 (2 attended), women 12 (8 attended): one small cell per column, so the other goes too.
        expect(byGender.rows.map((r) => [r.key, r.registrations, r.attendees])).toEqual([
          ['male', null, null],
          ['female', null, null],
        ]);
        const pillar = await open.participation('2023', 'pillar');
        expect(pillar.rows.map((r) => [r.key, r.registrations, r.attendees, r.uniqueParticipants])).toEqual([
          ['digital_culture', 16, 10, 16],
        ]);
      },
    );

    it('suppresses totals below 5 and gives an empty year as zero events', async () => {
      const empty = await open.participation('2022', 'pillar');
      expect(empty.rows).toEqual([]);
      expect(empty.totals).toEqual({
        events: 0,
        registrations: null,
        attendees: null,
        uniqueParticipants: null,
        uniqueAttendees: null,
      });
    });
  });
});

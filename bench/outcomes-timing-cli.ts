import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { PILLARS } from '../src/events/event-rules.js';
import {
  EVENTS,
  insertRows,
  out,
  PARTICIPANTS,
  RANGE,
  runTimingCli,
  SeededRandom,
  seedParticipation,
} from './timing-bench.js';
import { outcomeRowsSql, outcomeTotalsSql } from '../src/outcomes/outcomes-report.js';
import { OutcomesReportService } from '../src/outcomes/outcomes-report.service.js';

/**
 * `npm run bench:outcomes`: fills an EMPTY scratch database (DATABASE_URL, mysql://; migrations are applied)
 * with the same shape of data as `npm run bench:reports` — two years, 500 events, 20,000 participants,
 * 100,000 registrations, about 60 % checked in — plus learning outcomes: a question set per pillar, a
 * pre-test for about 70 % of the active registrations, a post-test for about 80 % of the attended and an
 * evaluation for about 70 % of them. Then times every groupBy of the outcomes report through
 * OutcomesReportService (median of 5 runs after a warm-up) and prints the EXPLAIN of the slowest grouping.
 * `--existing` seeds nothing and times the data already there. Drop the database afterwards.
 */

/** `--runs=N` to measure fewer or more runs per grouping. */
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);

runTimingCli({
  name: 'Outcomes report timing',
  title: 'Outcomes report',
  runs: RUNS,
  analyze: ['events', 'registrations', 'check_ins', 'participants', 'event_partners', 'quiz_attempts', 'evaluations'],
  async seed(ds) {
    const rnd = new SeededRandom(20261130);
    /** A score on ten questions (multiples of 10), clamped to 0–100. */
    const score = (mean: number) => Math.max(0, Math.min(100, Math.round((mean + (rnd.next() - 0.5) * 50) / 10) * 10));
    const questions = JSON.stringify(
      Array.from({ length: 10 }, (_, i) => ({
        text: `Soal ${i + 1}`,
        options: ['A', 'B', 'C', 'D'],
        correctIndex: i % 4,
      })),
    );
    const versionIds = new Map<string, string>(PILLARS.map((pillar) => [pillar, randomUUID()]));
    const attempts: unknown[][] = [];
    const evaluations: unknown[][] = [];
    const pre = new Map<string, number>();
    const seeded = await seedParticipation(ds, rnd, {
      erasedShare: 0,
      registrationSource: 'self',
      checkInAfterMs: 0,
      checkInSource: () => rnd.pick(['staff', 'staff', 'code']),
      beforeCheckIn: (r) => {
        if (rnd.next() >= 0.7) return;
        const value = score(55);
        pre.set(r.id, value);
        attempts.push([r.id, 'pre', versionIds.get(r.pillar), value / 10, 10, value, '[]']);
      },
      afterCheckIn: (r) => {
        if (rnd.next() < 0.8) {
          const post = score((pre.get(r.id) ?? 55) + 15);
          attempts.push([r.id, 'post', versionIds.get(r.pillar), post / 10, 10, post, '[]']);
        }
        if (rnd.next() < 0.7) evaluations.push([r.id, rnd.between(2, 5), null]);
      },
    });
    const versions = PILLARS.map((pillar) => [versionIds.get(pillar), pillar, 1, 10, questions, seeded.staffId]);
    await insertRows(
      ds,
      'quiz_versions',
      ['id', 'pillar', 'version', 'question_count', 'questions', 'created_by'],
      versions,
    );
    await insertRows(
      ds,
      'quiz_attempts',
      ['registration_id', 'phase', 'quiz_version_id', 'correct_count', 'question_count', 'score', 'answers'],
      attempts,
    );
    await insertRows(ds, 'evaluations', ['registration_id', 'rating', 'comment'], evaluations);
    out(
      `Inserted ${PARTICIPANTS} participants, ${EVENTS} events, ` +
        `${seeded.registrations} registrations, ${seeded.checkIns} check-ins, ` +
        `${attempts.length} quiz attempts, ${evaluations.length} evaluations`,
    );
  },
  report: (ds, group) => new OutcomesReportService(ds).outcomes({ ...RANGE, groupBy: group }),
  rowsSql: outcomeRowsSql,
  totalsSql: outcomeTotalsSql,
  explainTotals: false,
});

import 'reflect-metadata';
import { rowsSql, totalsSql } from '../src/reports/report-groups.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { EVENTS, out, PARTICIPANTS, RANGE, runTimingCli, SeededRandom, seedParticipation } from './timing-bench.js';

/**
 * `npm run bench:reports`: fills an EMPTY database (DATABASE_URL; migrations are applied) with a
 * synthetic two years of trainings — 500 events, 20,000 participants, 100,000 registrations,
 * about 60 % checked in — using multi-row INSERTs, then times every groupBy of the participation
 * report through ReportsService (median of 5 runs after one warm-up) and prints the EXPLAIN of the
 * slowest grouping's query. Meant for a scratch database: it refuses one that already has events,
 * and leaves the data in place (drop the database afterwards). With `--existing` it seeds nothing and
 * times the reports on the data already there (a second run, or a copy of production).
 */

runTimingCli({
  name: 'Report timing',
  title: 'Range',
  runs: 5,
  analyze: ['events', 'registrations', 'check_ins', 'participants', 'event_partners'],
  async seed(ds) {
    const seeded = await seedParticipation(ds, new SeededRandom(20260401), {
      erasedShare: 0.02,
      registrationSource: 'staff',
      checkInAfterMs: 600_000,
      checkInSource: () => 'staff',
    });
    out(
      `Inserted ${seeded.partners} partners, ${PARTICIPANTS} participants, ` +
        `${EVENTS} events, ${seeded.registrations} registrations, ${seeded.checkIns} check-ins`,
    );
  },
  report: (ds, group) => new ReportsService(ds).participation({ ...RANGE, groupBy: group }),
  rowsSql,
  totalsSql,
  explainTotals: true,
});

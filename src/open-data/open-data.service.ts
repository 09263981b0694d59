import { Injectable } from '@nestjs/common';
import { badInput } from '../common/problem.js';
import { PassThrough } from 'node:stream';
import { type TableColumn, writeTable } from '../common/tabular-export.js';
import { jakartaToday } from '../participants/participant-rules.js';
import { REPORT_COLUMN_HEADERS, type ReportGroup } from '../reports/report-groups.js';
import { type ReportFile, ReportsService } from '../reports/reports.service.js';
import type { OpenParticipationDto, OpenParticipationRowDto } from './dto/open-data.dto.js';
import { suppress, SUPPRESSION_THRESHOLD } from './suppression.js';

const PEOPLE = ['registrations', 'attendees', 'uniqueParticipants', 'uniqueAttendees'] as const;

/** The participation report for the open-data portal: a calendar year, no personal data, small counts suppressed. */
@Injectable()
export class OpenDataService {
  constructor(private readonly reports: ReportsService) {}

  async participation(
    yearText: string | undefined,
    groupBy: ReportGroup,
    today: string = jakartaToday(),
  ): Promise<OpenParticipationDto> {
    const thisYear = Number(today.slice(0, 4));
    const year = yearText === undefined ? thisYear : Number(yearText);
    if (year < 2000 || year > thisYear)
      throw badInput('Unknown year', [{ field: 'year', message: `year must lie in 2000–${thisYear}` }]);
    const report = await this.reports.participation({ from: `${year}-01-01`, to: `${year}-12-31`, groupBy }, today);
    const { rows, totals } = suppress(PEOPLE, report.rows, report.totals);
    return { year, groupBy, suppressionThreshold: SUPPRESSION_THRESHOLD, rows, totals };
  }

  async participationCsv(yearText: string | undefined, groupBy: ReportGroup): Promise<ReportFile> {
    const data = await this.participation(yearText, groupBy);
    type Line = Pick<OpenParticipationRowDto, 'key' | 'label' | 'events' | (typeof PEOPLE)[number]>;
    const [kode, uraian, kegiatan, pendaftaran, hadir, pesertaUnik, hadirUnik] = REPORT_COLUMN_HEADERS;
    const columns: TableColumn<Line>[] = [
      { header: kode, value: (r) => r.key },
      { header: uraian, value: (r) => r.label },
      { header: kegiatan, value: (r) => r.events },
      { header: pendaftaran, value: (r) => r.registrations },
      { header: hadir, value: (r) => r.attendees },
      { header: pesertaUnik, value: (r) => r.uniqueParticipants },
      { header: hadirUnik, value: (r) => r.uniqueAttendees },
    ];
    const lines: Line[] = [...data.rows, { key: null, label: 'Total', ...data.totals }];
    const stream = new PassThrough();
    async function* oneBatch() {
      yield lines;
    }
    // The data is in hand: writing can only fail on the stream itself, which ends it.
    writeTable(stream, 'csv', 'Partisipasi', columns, oneBatch()).catch((err: Error) => stream.destroy(err));
    return { filename: `data-terbuka-partisipasi-${groupBy.replace(/_/g, '-')}-${data.year}.csv`, stream };
  }
}

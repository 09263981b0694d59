import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { badInput } from '../common/problem.js';
import { type TableColumn, type TableFormat, writeTable } from '../common/tabular-export.js';
import { jakartaToday } from '../participants/participant-rules.js';
import type {
  ParticipationReportDto,
  ParticipationRowDto,
  ParticipationTotalsDto,
} from './dto/participation-report.dto.js';
import {
  compareRows,
  type Dialect,
  labelFor,
  rangeBounds,
  REPORT_COLUMN_HEADERS,
  reportFilename,
  type ReportGroup,
  resolveRange,
  rowsSql,
  totalsSql,
} from './report-groups.js';

export interface ParticipationRequest {
  from?: string;
  to?: string;
  groupBy: ReportGroup;
}

export interface ReportFile {
  filename: string;
  stream: PassThrough;
}

type Measures = Record<keyof ParticipationTotalsDto, unknown>;

const measures = (raw: Measures): ParticipationTotalsDto => ({
  // COUNT comes back as a number, a bigint string or a bigint depending on driver and settings.
  events: Number(raw.events),
  registrations: Number(raw.registrations),
  attendees: Number(raw.attendees),
  uniqueParticipants: Number(raw.uniqueParticipants),
  uniqueAttendees: Number(raw.uniqueAttendees),
});

@Injectable()
export class ReportsService {
  private readonly dialect: Dialect;

  constructor(private readonly ds: DataSource) {
    this.dialect = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  /**
   * Participation counts in the date range, grouped. Everything is aggregated by the database (two
   * queries: the grouped rows and the distinct totals); only the few result rows reach the process.
   */
  async participation(request: ParticipationRequest, today: string = jakartaToday()): Promise<ParticipationReportDto> {
    const range = resolveRange(request.from, request.to, today);
    if (Array.isArray(range)) throw badInput('The report range is invalid', range);
    const { start, end } = rangeBounds(range);
    const group = request.groupBy;

    const [raw, [totals]] = await Promise.all([
      this.ds.query(rowsSql(group, this.dialect), [start, end]) as Promise<
        (Measures & { groupKey: unknown; groupLabel: unknown })[]
      >,
      this.ds.query(totalsSql(), [start, end]) as Promise<Measures[]>,
    ]);
    const rows: ParticipationRowDto[] = raw.map((r) => {
      const key = r.groupKey === null || r.groupKey === undefined ? null : String(r.groupKey);
      const joined = r.groupLabel === null || r.groupLabel === undefined ? null : String(r.groupLabel);
      return { key, label: labelFor(group, key, joined), ...measures(r) };
    });
    rows.sort(compareRows(group));
    return { from: range.from, to: range.to, groupBy: group, rows, totals: measures(totals) };
  }

  /** The same report as a CSV or XLSX file: the rows, then a Total row with the distinct totals. */
  async participationFile(request: ParticipationRequest, format: TableFormat): Promise<ReportFile> {
    const report = await this.participation(request);
    type Line = { key: string | null; label: string } & ParticipationTotalsDto;
    const [kode, uraian, kegiatan, pendaftaran, hadir, pesertaUnik, hadirUnik] = REPORT_COLUMN_HEADERS;
    const columns: TableColumn<Line>[] = [
      { header: kode, width: 38, value: (r) => r.key },
      { header: uraian, width: 32, value: (r) => r.label },
      { header: kegiatan, value: (r) => r.events },
      { header: pendaftaran, value: (r) => r.registrations },
      { header: hadir, value: (r) => r.attendees },
      { header: pesertaUnik, value: (r) => r.uniqueParticipants },
      { header: hadirUnik, value: (r) => r.uniqueAttendees },
    ];
    const lines: Line[] = [...report.rows, { key: null, label: 'Total', ...report.totals }];
    const stream = new PassThrough();
    async function* oneBatch() {
      yield lines;
    }
    // The data is already in hand, so writing can only fail on the stream itself, which ends it.
    writeTable(stream, format, 'Partisipasi', columns, oneBatch()).catch((err: Error) => stream.destroy(err));
    return { filename: reportFilename(report.groupBy, report, format), stream };
  }
}

import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { badInput } from '../common/problem.js';
import { type TableColumn, type TableFormat, writeTable } from '../common/tabular-export.js';
import { jakartaToday } from '../participants/participant-rules.js';
import { compareRows, type Dialect, labelFor, rangeBounds, resolveRange } from '../reports/report-groups.js';
import type { ParticipationRequest, ReportFile } from '../reports/reports.service.js';
import type { OutcomeRowDto, OutcomesReportDto, OutcomeTotalsDto } from './dto/outcomes-report.dto.js';
import { gainStats, round2 } from './outcome-math.js';
import { MEASURE_NAMES, outcomeRowsSql, outcomesFilename, outcomeTotalsSql } from './outcomes-report.js';

type Raw = Record<(typeof MEASURE_NAMES)[number], unknown>;

// Counts and sums come back as numbers, bigint strings or DECIMAL strings depending on driver.
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const mean = (v: unknown) => (v === null || v === undefined ? null : round2(Number(v)));

function measures(raw: Raw): OutcomeTotalsDto {
  const n = num(raw.bothTests);
  const { meanGain, gainCi95 } = gainStats(n, num(raw.sumGain), num(raw.sumGainSq));
  return {
    participantsWithBothTests: n,
    preTests: num(raw.preTests),
    postTests: num(raw.postTests),
    meanPre: mean(raw.meanPre),
    meanPost: mean(raw.meanPost),
    meanGain,
    gainCi95,
    meanRating: mean(raw.meanRating),
    ratings: num(raw.ratings),
  };
}

@Injectable()
export class OutcomesReportService {
  private readonly dialect: Dialect;

  constructor(private readonly ds: DataSource) {
    this.dialect = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  async outcomes(request: ParticipationRequest, today: string = jakartaToday()): Promise<OutcomesReportDto> {
    const range = resolveRange(request.from, request.to, today);
    if (Array.isArray(range)) throw badInput('The report range is invalid', range);
    const { start, end } = rangeBounds(range);
    const group = request.groupBy;
    const [raw, [totals]] = await Promise.all([
      this.ds.query(outcomeRowsSql(group, this.dialect), [start, end]) as Promise<
        (Raw & { groupKey: unknown; groupLabel: unknown })[]
      >,
      this.ds.query(outcomeTotalsSql(), [start, end]) as Promise<Raw[]>,
    ]);
    const rows: OutcomeRowDto[] = raw.map((r) => {
      const key = r.groupKey === null || r.groupKey === undefined ? null : String(r.groupKey);
      const joined = r.groupLabel === null || r.groupLabel === undefined ? null : String(r.groupLabel);
      return { key, label: labelFor(group, key, joined), ...measures(r) };
    });
    rows.sort(compareRows(group));
    return { from: range.from, to: range.to, groupBy: group, rows, totals: measures(totals) };
  }

  /** CSV or XLSX: the same rows and a Total row, Indonesian headers. */
  async outcomesFile(request: ParticipationRequest, format: TableFormat): Promise<ReportFile> {
    const report = await this.outcomes(request);
    type Line = { key: string | null; label: string } & OutcomeTotalsDto;
    const columns: TableColumn<Line>[] = [
      { header: 'Kode', width: 38, value: (r) => r.key },
      { header: 'Uraian', width: 32, value: (r) => r.label },
      { header: 'Peserta dengan kedua tes', value: (r) => r.participantsWithBothTests },
      { header: 'Pre-test', value: (r) => r.preTests },
      { header: 'Post-test', value: (r) => r.postTests },
      { header: 'Rata-rata pre-test', value: (r) => r.meanPre },
      { header: 'Rata-rata post-test', value: (r) => r.meanPost },
      { header: 'Rata-rata kenaikan', value: (r) => r.meanGain },
      { header: 'KI 95% bawah', value: (r) => r.gainCi95?.[0] ?? null },
      { header: 'KI 95% atas', value: (r) => r.gainCi95?.[1] ?? null },
      { header: 'Rata-rata penilaian', value: (r) => r.meanRating },
      { header: 'Jumlah penilaian', value: (r) => r.ratings },
    ];
    const lines: Line[] = [...report.rows, { key: null, label: 'Total', ...report.totals }];
    const stream = new PassThrough();
    async function* oneBatch() {
      yield lines;
    }
    writeTable(stream, format, 'Hasil belajar', columns, oneBatch()).catch((err: Error) => stream.destroy(err));
    return { filename: outcomesFilename(report.groupBy, report, format), stream };
  }
}

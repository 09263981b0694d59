import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ApiJsonOrFileResponse, ApiProblems } from '../common/api-docs.js';
import { contentDisposition, TABLE_CONTENT_TYPES } from '../common/tabular-export.js';
import { ParticipationReportQuery } from '../reports/dto/participation-report.dto.js';
import { OutcomesReportDto } from './dto/outcomes-report.dto.js';
import { OutcomesReportService } from './outcomes-report.service.js';

const OUTCOMES = [
  'Pre and post test scores, gain and ratings per group, ' +
    'for the same trainings, registrations and groupings as the participation',
  'report (events starting in [from, to] Asia/Jakarta, ' +
    'published or completed; active registrations). Counted per registration',
  '(a participant at one training). meanPre, ' +
    'meanPost and meanGain are over registrations with both tests; gainCi95 is the 95 %',
  "interval of the mean gain by Student's t with n − 1 degrees of " +
    'freedom (null when n < 2). Only groups with a test or a rating',
  'appear. Computed by one grouped SQL query (AVG, SUM and SUM of squares). csv/xlsx: the same rows and a Total row',
  '(`laporan-hasil-belajar-<groupBy>-<from>-<to>.<format>`).',
].join(' ');

@ApiTags('reports')
@Controller('reports')
export class OutcomesReportController {
  constructor(private readonly reports: OutcomesReportService) {}

  @Get('outcomes')
  @Auth('staff', 'admin')
  @ApiOperation({
    summary: 'Learning outcomes: pre/post scores, gain with 95 % interval and ratings per group',
    description: OUTCOMES,
  })
  @ApiProduces('application/json', TABLE_CONTENT_TYPES.csv, TABLE_CONTENT_TYPES.xlsx)
  @ApiJsonOrFileResponse(
    OutcomesReportDto,
    'The report (JSON), or the same rows as a CSV/XLSX file',
    TABLE_CONTENT_TYPES.csv,
    TABLE_CONTENT_TYPES.xlsx,
  )
  @ApiProblems(400)
  async outcomes(@Query() query: ParticipationReportQuery): Promise<OutcomesReportDto | StreamableFile> {
    const format = query.format ?? 'json';
    const request = { from: query.from, to: query.to, groupBy: query.groupBy };
    if (format === 'json') return this.reports.outcomes(request);
    const file = await this.reports.outcomesFile(request, format);
    return new StreamableFile(file.stream, {
      type: TABLE_CONTENT_TYPES[format],
      disposition: contentDisposition(file.filename),
    });
  }
}

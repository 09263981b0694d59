import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ApiJsonOrFileResponse, ApiProblems } from '../common/api-docs.js';
import { contentDisposition, TABLE_CONTENT_TYPES } from '../common/tabular-export.js';
import { ParticipationReportDto, ParticipationReportQuery } from './dto/participation-report.dto.js';
import { ReportsService } from './reports.service.js';

const PARTICIPATION = [
  'Roles: staff, admin.',
  'Counts participation in trainings whose start falls in [from 00:00, to+1 00:00) Asia/Jakarta (WIB), for events',
  'whose stored status is published or completed (draft and cancelled events never count).',
  'Per row: `events` = distinct events, ' +
    '`registrations` = active registrations (confirmed or waitlisted; cancelled do not count),',
  '`attendees` = those registrations with a check-in, ' +
    '`uniqueParticipants` = distinct participants among the registrations,',
  '`uniqueAttendees` = distinct participants who attended. Participants whose personal data was erased still count',
  '(they keep gender, kecamatan, occupation and the age kept at erasure).',
  '`totals` are the same five measures as distinct counts over the whole range, not sums of the rows.',
  'With `format=csv` or `xlsx` the answer is a file ' +
    '(`laporan-partisipasi-<groupBy>-<from>-<to>.<format>`) with columns',
  'Kode, Uraian, Kegiatan, Pendaftaran, Hadir, Peserta unik, Hadir unik and a final Total row.',
].join(' ');

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('participation')
  @ApiOperation({
    summary: 'Participation report by kecamatan, pillar, gender, age group, occupation, month or partner',
    description: PARTICIPATION,
  })
  @Auth('staff', 'admin')
  @ApiProduces('application/json', TABLE_CONTENT_TYPES.csv, TABLE_CONTENT_TYPES.xlsx)
  @ApiJsonOrFileResponse(
    ParticipationReportDto,
    'The report (JSON), or the same rows as a CSV/XLSX file',
    TABLE_CONTENT_TYPES.csv,
    TABLE_CONTENT_TYPES.xlsx,
  )
  @ApiProblems(400)
  async participation(@Query() query: ParticipationReportQuery): Promise<ParticipationReportDto | StreamableFile> {
    const format = query.format ?? 'json';
    const request = { from: query.from, to: query.to, groupBy: query.groupBy };
    if (format === 'json') return this.reports.participation(request);
    const file = await this.reports.participationFile(request, format);
    return new StreamableFile(file.stream, {
      type: TABLE_CONTENT_TYPES[format],
      disposition: contentDisposition(file.filename),
    });
  }
}

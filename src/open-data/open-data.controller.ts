import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth.decorator.js';
import { ApiJsonOrFileResponse, ApiProblems } from '../common/api-docs.js';
import { contentDisposition, TABLE_CONTENT_TYPES } from '../common/tabular-export.js';
import { OpenParticipationDto, OpenParticipationQuery } from './dto/open-data.dto.js';
import { OpenDataService } from './open-data.service.js';
import { SUPPRESSION_THRESHOLD } from './suppression.js';

/** Reports change as trainings are held; an hour's staleness is fine for a portal and spares the database. */
const CACHE_CONTROL = 'public, max-age=3600';

const DESCRIPTION = [
  "The participation report of one calendar year for the regency's open-data portal: counts only, no names.",
  `Every count of people below ${SUPPRESSION_THRESHOLD} (0 included) ` +
    `is null (suppressed), in rows and totals; when a column has exactly`,
  'one suppressed cell and a published total, ' +
    'its smallest published cell is suppressed as well (complementary suppression), so',
  'no suppressed value can be recovered as the total minus the ' +
    'others. Event counts are published as they are. csv: the same',
  'rows and a Total row, empty cells where suppressed.',
].join(' ');

@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('participation')
  @Public()
  @ApiOperation({ summary: 'Participation statistics with small counts suppressed (public)', description: DESCRIPTION })
  @ApiProduces('application/json', TABLE_CONTENT_TYPES.csv)
  @ApiJsonOrFileResponse(OpenParticipationDto, 'JSON, or the same rows as CSV', TABLE_CONTENT_TYPES.csv)
  @ApiProblems(400)
  async participation(
    @Query() query: OpenParticipationQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OpenParticipationDto | StreamableFile> {
    if ((query.format ?? 'json') === 'json') {
      const body = await this.openData.participation(query.year, query.groupBy);
      res.setHeader('Cache-Control', CACHE_CONTROL);
      return body;
    }
    const file = await this.openData.participationCsv(query.year, query.groupBy);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    return new StreamableFile(file.stream, {
      type: TABLE_CONTENT_TYPES.csv,
      disposition: contentDisposition(file.filename),
    });
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { REPORT_GROUPS, type ReportGroup } from '../../reports/report-groups.js';
import { SUPPRESSION_THRESHOLD } from '../suppression.js';

export const OPEN_DATA_FORMATS = ['json', 'csv'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

export class OpenParticipationQuery {
  @ApiPropertyOptional({
    example: '2026',
    description: 'Calendar year (Asia/Jakarta), 2000 to this year; default this year',
  })
  @IsOptional()
  @Matches(/^2\d{3}$/, { message: 'year must be a year like 2026' })
  year?: string;

  @ApiProperty({ enum: REPORT_GROUPS, description: 'As in the participation report' })
  @IsIn(REPORT_GROUPS, { message: `groupBy must be one of ${REPORT_GROUPS.join(', ')}` })
  groupBy: ReportGroup;

  @ApiPropertyOptional({ enum: OPEN_DATA_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(OPEN_DATA_FORMATS, { message: 'format must be json or csv' })
  format?: OpenDataFormat;
}

const SUPPRESSED =
  `null when below ${SUPPRESSION_THRESHOLD} (suppressed), ` +
  `or as the complementary cell of a column with one such cell`;

export class OpenParticipationTotalsDto {
  @ApiProperty({ description: 'Counted events (never suppressed: trainings are public)' }) events: number;
  @ApiProperty({ type: Number, nullable: true, description: `Active registrations; ${SUPPRESSED}` }) registrations:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: `Registrations with a check-in; ${SUPPRESSED}` })
  attendees: number | null;
  @ApiProperty({ type: Number, nullable: true, description: `Distinct participants; ${SUPPRESSED}` })
  uniqueParticipants: number | null;
  @ApiProperty({ type: Number, nullable: true, description: `Distinct participants who attended; ${SUPPRESSED}` })
  uniqueAttendees: number | null;
}

export class OpenParticipationRowDto extends OpenParticipationTotalsDto {
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty() label: string;
}

export class OpenParticipationDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: REPORT_GROUPS }) groupBy: ReportGroup;
  @ApiProperty({ example: SUPPRESSION_THRESHOLD, description: 'Counts of people below this are published as null' })
  suppressionThreshold: number;
  @ApiProperty({ type: [OpenParticipationRowDto] }) rows: OpenParticipationRowDto[];
  @ApiProperty({
    type: OpenParticipationTotalsDto,
    description: 'Distinct counts over the year; null when below the threshold',
  })
  totals: OpenParticipationTotalsDto;
}

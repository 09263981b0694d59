import { ApiProperty } from '@nestjs/swagger';
import { REPORT_GROUPS, type ReportGroup } from '../../reports/report-groups.js';

export class OutcomeTotalsDto {
  @ApiProperty({ description: 'Registrations (a participant at one training) with both a pre and a post test' })
  participantsWithBothTests: number;
  @ApiProperty({ description: 'Registrations with a pre-test' }) preTests: number;
  @ApiProperty({ description: 'Registrations with a post-test' }) postTests: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean pre-test score (0–100) of those with both tests; null without any',
  })
  meanPre: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean post-test score of those with both tests' })
  meanPost: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of post − pre (= meanPost − meanPre)' }) meanGain:
    number | null;
  @ApiProperty({
    type: [Number],
    nullable: true,
    minItems: 2,
    maxItems: 2,
    example: [8.4, 14.1],
    description:
      '95 % confidence interval [low, high] of the mean gain, ' +
      "Student's t with n − 1 degrees of freedom; null when fewer than 2 have both tests",
  })
  gainCi95: [number, number] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean evaluation rating 1–5' }) meanRating: number | null;
  @ApiProperty({ description: 'Evaluations given' }) ratings: number;
}

export class OutcomeRowDto extends OutcomeTotalsDto {
  @ApiProperty({ type: String, nullable: true, description: 'As in the participation report' }) key: string | null;
  @ApiProperty({ example: 'Aman Digital' }) label: string;
}

export class OutcomesReportDto {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: REPORT_GROUPS }) groupBy: ReportGroup;
  @ApiProperty({
    type: [OutcomeRowDto],
    description: "Groups with at least one test or rating, in the participation report's order",
  })
  rows: OutcomeRowDto[];
  @ApiProperty({ type: OutcomeTotalsDto, description: 'Over the whole range, each registration once' })
  totals: OutcomeTotalsDto;
}

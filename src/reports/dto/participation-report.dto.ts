import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date.js';
import { AGE_GROUPS, REPORT_FORMATS, REPORT_GROUPS, type ReportFormat, type ReportGroup } from '../report-groups.js';

/**
 * A real calendar day written YYYY-MM-DD (no time, no offset); one message per field. Years 2000–2199, as
 * elsewhere in the API, so the range always fits both databases' datetime type.
 */
const LocalDate = () =>
  IsCalendarDate(
    { minYear: 2000, maxYear: 2199 },
    (property) => `${property} must be a calendar date YYYY-MM-DD in 2000–2199 (a local day in Asia/Jakarta)`,
  );

const GROUP_DESCRIPTION = [
  'What a row stands for.',
  '`kecamatan`: where the participant lives (key = kecamatan code, e.g. `33.03.11`, label = its name).',
  '`event_kecamatan`: where the event was held; events without a kecamatan (online) ' +
    'form the row with key null, label "Daring / tanpa kecamatan".',
  "`pillar`: the event's pillar (labels Cakap, Etis, Aman, Budaya Digital).",
  "`gender`, `occupation`: the participant's (Indonesian labels).",
  `\`age_group\`: ${AGE_GROUPS.join(', ')} by age on the ` +
    `event's local day (the age kept when a birth date was erased, ` +
    `else computed from the birth date); \`unknown\` if neither is known.`,
  '`month`: the event\'s local month, key `2026-04`, label "April 2026".',
  '`partner`: co-hosting partner (key = partner id, label = name); an event with two partners counts in both rows; ' +
    'events without partner form the row with key null, label "Dinkominfo (tanpa mitra)".',
  'Event-side groupings (event_kecamatan, pillar, month, partner) list events even without registrations; ' +
    'participant-side groupings (kecamatan, gender, age_group, occupation) ' +
    'count registrations only, so their rows hold only events that had registrations.',
].join(' ');

export class ParticipationReportQuery {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description:
      'First local day (Asia/Jakarta), inclusive. Default: ' +
      '1 January of the year of `to`. The range spans at most 5 years.',
  })
  @IsOptional()
  @LocalDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last local day (Asia/Jakarta), inclusive. Default: today. Must not be before `from`.',
  })
  @IsOptional()
  @LocalDate()
  to?: string;

  @ApiProperty({ enum: REPORT_GROUPS, description: GROUP_DESCRIPTION })
  @IsIn(REPORT_GROUPS, { message: `groupBy must be one of ${REPORT_GROUPS.join(', ')}` })
  groupBy: ReportGroup;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description: 'csv and xlsx give the same rows plus a Total row, with Indonesian headers',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class ParticipationTotalsDto {
  @ApiProperty({
    description: 'Counted events (published or completed) starting in the range, with or without registrations',
  })
  events: number;
  @ApiProperty({ description: 'Active registrations (confirmed or waitlisted) at those events' })
  registrations: number;
  @ApiProperty({ description: 'Registrations with a check-in' })
  attendees: number;
  @ApiProperty({ description: 'Distinct participants among the registrations: someone at two events counts once' })
  uniqueParticipants: number;
  @ApiProperty({ description: 'Distinct participants who attended at least once' })
  uniqueAttendees: number;
}

export class ParticipationRowDto extends ParticipationTotalsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Kecamatan code, pillar, gender, age group, occupation, ' +
      'YYYY-MM or partner id; null for the "no kecamatan" / "no partner" row',
  })
  key: string | null;
  @ApiProperty({ example: 'Karanganyar', description: 'Indonesian label' })
  label: string;
}

export class ParticipationReportDto {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: REPORT_GROUPS }) groupBy: ReportGroup;
  @ApiProperty({
    type: [ParticipationRowDto],
    description:
      'Ordered by key: kecamatan by code, months chronologically, age groups youngest first, ' +
      'pillars/genders/occupations in their vocabulary order, partners by name; the null-key row last',
  })
  rows: ParticipationRowDto[];
  @ApiProperty({
    type: ParticipationTotalsDto,
    description:
      'Distinct counts over the whole range, not sums of rows (a participant in two ' +
      'rows is one unique participant; totals.events includes every counted event)',
  })
  totals: ParticipationTotalsDto;
}

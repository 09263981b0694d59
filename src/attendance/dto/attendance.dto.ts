import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import type { Gender } from '../../participants/nik.js';
import { OCCUPATIONS, type Occupation } from '../../participants/participant-rules.js';
import type { RegistrationSource } from '../../registrations/registration-rules.js';

export const ATTENDANCE_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type AttendanceFormat = (typeof ATTENDANCE_FORMATS)[number];

export class AttendanceQuery extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ATTENDANCE_FORMATS,
    default: 'json',
    description: 'csv and xlsx carry every row (no paging), streamed',
  })
  @IsOptional()
  @IsIn(ATTENDANCE_FORMATS)
  format: AttendanceFormat = 'json';

  @ApiPropertyOptional({ description: 'true: only those checked in; false: only those not (yet) checked in' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  attended?: boolean;
}

export class AttendanceSummaryDto {
  @ApiProperty() capacity: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ description: 'Confirmed registrations checked in' }) attended: number;
  @ApiProperty({ description: 'Confirmed walk-in registrations (created at the door)' }) walkIns: number;
  @ApiProperty({ description: 'Confirmed registrations not (yet) checked in' }) noShows: number;
  @ApiProperty({ description: 'attended ÷ confirmed, 0..1 with four decimals; 0 without confirmed registrations' })
  attendanceRate: number;
}

export class AttendanceRowDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String, example: '330301**********' }) nikMasked: string | null;
  @ApiProperty({ enum: ['male', 'female'] }) gender: Gender;
  @ApiProperty() kecamatanCode: string;
  @ApiProperty() kecamatanName: string;
  @ApiProperty({ nullable: true, type: String }) village: string | null;
  @ApiProperty({ enum: OCCUPATIONS }) occupation: Occupation;
  @ApiProperty() ticketCode: string;
  @ApiProperty({ enum: ['self', 'staff', 'walk_in'] }) source: RegistrationSource;
  @ApiProperty() registeredAt: Date;
  @ApiProperty() attended: boolean;
  @ApiProperty({ nullable: true, type: Date }) checkedInAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Name of the staff member who checked the participant in' })
  checkedInByName: string | null;
}

export class AttendancePageMetaDto {
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) limit: number;
  @ApiProperty({ example: 57 }) total: number;
}

export class AttendanceResponseDto {
  @ApiProperty({ type: AttendanceSummaryDto }) summary: AttendanceSummaryDto;
  @ApiProperty({ type: [AttendanceRowDto], description: 'Confirmed registrations, by name' }) data: AttendanceRowDto[];
  @ApiProperty({ type: AttendancePageMetaDto }) meta: AttendancePageMetaDto;
}

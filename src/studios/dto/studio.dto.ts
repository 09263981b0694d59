import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { OpeningHours, Studio } from '../studio.entity.js';
import { nullable } from '../../common/validation.js';
import { API_BASE_PATH } from '../../config/api-prefix.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class OpeningHoursDto implements OpeningHours {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'Monday = 1 … Sunday = 7' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;
  @ApiProperty({ example: '08:00' }) @IsString() @Matches(HH_MM, { message: 'opens must be HH:MM' }) opens: string;
  @ApiProperty({ example: '16:00' }) @IsString() @Matches(HH_MM, { message: 'closes must be HH:MM' }) closes: string;
}

/** Defaults of the contract for the booking rules of a new studio. */
export const STUDIO_RULE_DEFAULTS = {
  slotMinutes: 30,
  bufferMinutes: 15,
  minNoticeHours: 24,
  maxDurationMinutes: 180,
  maxAdvanceDays: 60,
  maxActiveBookingsPerPartner: 4,
} as const;

export class CreateStudioDto {
  @ApiProperty({ example: 'Studio Podcast Media Center Dinkominfo' })
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @nullable @IsString() @MaxLength(300) location?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'People the room holds' })
  @IsOptional()
  @nullable
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number | null;
  @ApiProperty({ type: [OpeningHoursDto], description: 'Local Asia/Jakarta times; several ranges a day allowed' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto[];
  @ApiPropertyOptional({ default: 30 }) @IsOptional() @IsInt() @Min(5) @Max(480) slotMinutes?: number;
  @ApiPropertyOptional({ default: 15 }) @IsOptional() @IsInt() @Min(0) @Max(480) bufferMinutes?: number;
  @ApiPropertyOptional({ default: 24 }) @IsOptional() @IsInt() @Min(0) @Max(24 * 30) minNoticeHours?: number;
  @ApiPropertyOptional({ default: 180 }) @IsOptional() @IsInt() @Min(5) @Max(24 * 60) maxDurationMinutes?: number;
  @ApiPropertyOptional({ default: 60 }) @IsOptional() @IsInt() @Min(1) @Max(366) maxAdvanceDays?: number;
  @ApiPropertyOptional({ default: 4 }) @IsOptional() @IsInt() @Min(1) @Max(100) maxActiveBookingsPerPartner?: number;
}

export class UpdateStudioDto extends PartialType(CreateStudioDto) {}

export class StudioResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ type: [OpeningHoursDto] }) openingHours: OpeningHours[];
  @ApiProperty() slotMinutes: number;
  @ApiProperty() bufferMinutes: number;
  @ApiProperty() minNoticeHours: number;
  @ApiProperty() maxDurationMinutes: number;
  @ApiProperty() maxAdvanceDays: number;
  @ApiProperty() maxActiveBookingsPerPartner: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(s: Studio): StudioResponseDto {
    return {
      id: s.id,
      name: s.name,
      location: s.location,
      description: s.description,
      capacity: s.capacity,
      openingHours: s.openingHours,
      slotMinutes: s.slotMinutes,
      bufferMinutes: s.bufferMinutes,
      minNoticeHours: s.minNoticeHours,
      maxDurationMinutes: s.maxDurationMinutes,
      maxAdvanceDays: s.maxAdvanceDays,
      maxActiveBookingsPerPartner: s.maxActiveBookingsPerPartner,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }
}

export class CalendarTokenResponseDto {
  @ApiProperty({ format: 'uuid' }) studioId: string;
  @ApiProperty() token: string;
  @ApiProperty({
    example: `${API_BASE_PATH}/studios/…/calendar.ics?token=…`,
    description: 'Path of the feed to subscribe to',
  })
  feedPath: string;
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsInstant } from '../../common/instant.js';
import { PageQueryDto } from '../../common/pagination.js';
import { OCCUPATIONS, type Occupation } from '../../participants/participant-rules.js';
import { EVENT_STATUSES, FORMATS, PILLARS, type EventFormat, type EventStatus, type Pillar } from '../event.entity.js';
import { nullable } from '../../common/validation.js';

export class CreateEventDto {
  @ApiProperty({ example: 'Literasi Digital untuk UMKM Purbalingga' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;
  @ApiProperty() @IsString() @MaxLength(10000) description: string;
  @ApiProperty({ enum: PILLARS }) @IsIn(PILLARS) pillar: Pillar;
  @ApiProperty({ enum: FORMATS }) @IsIn(FORMATS) format: EventFormat;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @nullable @IsString() @MaxLength(200) venue?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '33.03.01' })
  @IsOptional()
  @nullable
  @IsString()
  @Length(8, 8)
  kecamatanCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string | null;
  @ApiProperty({ example: '2026-12-01T09:00:00+07:00' }) @IsInstant() startsAt: string;
  @ApiProperty({ example: '2026-12-01T12:00:00+07:00' }) @IsInstant() endsAt: string;
  @ApiProperty({ minimum: 1, maximum: 100000 }) @IsInt() @Min(1) @Max(100000) capacity: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() waitlistEnabled?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @nullable @IsInstant() registrationOpensAt?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Defaults to startsAt' })
  @IsOptional()
  @nullable
  @IsInstant()
  registrationClosesAt?: string | null;
  @ApiPropertyOptional({ enum: OCCUPATIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(OCCUPATIONS, { each: true })
  targetGroups?: Occupation[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  partnerIds?: string[];
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class CancelEventDto {
  @ApiProperty({ example: 'Narasumber berhalangan' }) @IsString() @MinLength(3) @MaxLength(1000) reason: string;
}

export class ListEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PILLARS }) @IsOptional() @IsIn(PILLARS) pillar?: Pillar;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(8, 8) kecamatanCode?: string;
  @ApiPropertyOptional({ description: 'Events starting at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional({ description: 'Events starting at or before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;
  @ApiPropertyOptional({ description: 'Part of the title, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    enum: [...EVENT_STATUSES, 'all'],
    description:
      'draft and cancelled are for staff and admin only; ' +
      '`all` is every status for staff and admin (the staff console), published and completed for everyone else',
  })
  @IsOptional()
  @IsIn([...EVENT_STATUSES, 'all'])
  status?: EventStatus | 'all';
}

export class EventPartnerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EventResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: PILLARS }) pillar: Pillar;
  @ApiProperty({ enum: FORMATS }) format: EventFormat;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ nullable: true, type: String }) kecamatanCode: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The meeting link: only for staff, admin and participants with a confirmed registration; ' +
      'null for everyone else (`format` still says the training is online)',
  })
  onlineUrl: string | null;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty() capacity: number;
  @ApiProperty() waitlistEnabled: boolean;
  @ApiProperty({ nullable: true, type: Date }) registrationOpensAt: Date | null;
  @ApiProperty() registrationClosesAt: Date;
  @ApiProperty({ enum: OCCUPATIONS, isArray: true }) targetGroups: Occupation[];
  @ApiProperty({ enum: EVENT_STATUSES }) status: EventStatus;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty() confirmedCount: number;
  @ApiProperty() waitlistedCount: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ type: [EventPartnerRefDto] }) partners: EventPartnerRefDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

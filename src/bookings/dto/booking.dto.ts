import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { IsInstant } from '../../common/instant.js';
import { BOOKING_STATUSES, type Booking, type BookingStatus } from '../booking.entity.js';
import { nullable } from '../../common/validation.js';

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studioId: string;
  @ApiProperty({ example: '2026-12-01T09:00:00+07:00' }) @IsInstant() startsAt: string;
  @ApiProperty({ example: '2026-12-01T10:00:00+07:00' }) @IsInstant() endsAt: string;
  @ApiProperty({ example: 'Podcast Literasi Keuangan Digital' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  topic: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @IsOptional()
  @nullable
  @IsInt()
  @Min(0)
  @Max(1000)
  guestCount?: number | null;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for staff and admin; a partner user books for its own partner',
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class UpdateBookingDto {
  @ApiPropertyOptional() @IsOptional() @IsInstant() startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) topic?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @nullable
  @IsString()
  @MaxLength(5000)
  description?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @nullable
  @IsInt()
  @Min(0)
  @Max(1000)
  guestCount?: number | null;
}

export class RejectBookingDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(500) reason: string;
}

export class CancelBookingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** Reason given with complete or no-show, optional. */
export class CloseBookingDto extends CancelBookingDto {}

const DATE_OR_INSTANT = /^2[01]\d{2}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const BOOKING_SORTS = ['startsAt', 'createdAt'] as const;
export type BookingSort = (typeof BOOKING_SORTS)[number];

export class ListBookingsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() studioId?: string;
  @ApiPropertyOptional({ description: 'Bookings starting at or after: an instant, or a local date (its start)' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'from must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  from?: string;
  @ApiPropertyOptional({ description: 'Bookings starting before: an instant, or a local date (through its end)' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'to must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  to?: string;
  @ApiPropertyOptional({ enum: BOOKING_STATUSES }) @IsOptional() @IsIn(BOOKING_STATUSES) status?: BookingStatus;
  @ApiPropertyOptional({
    enum: BOOKING_SORTS,
    default: 'startsAt',
    description:
      'startsAt: by when the session is; createdAt: oldest request first (the staff queue of pending requests)',
  })
  @IsOptional()
  @IsIn(BOOKING_SORTS)
  sort: BookingSort = 'startsAt';
}

export class AvailabilityQuery {
  @ApiProperty({ example: '2026-12-01', description: 'Local (Asia/Jakarta) date' })
  @IsString()
  @Matches(/^2[01]\d{2}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD (2000–2199)' })
  date: string;
  @ApiProperty({ example: 60, description: 'Minutes' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  duration: number;
}

export class SlotDto {
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class AvailabilityResponseDto {
  @ApiProperty({ format: 'uuid' }) studioId: string;
  @ApiProperty() date: string;
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];
}

export class BookingResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studioId: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty() topic: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) guestCount: number | null;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: BookingStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(b: Booking, partnerName: string): BookingResponseDto {
    return {
      id: b.id,
      studioId: b.studioId,
      partnerId: b.partnerId,
      partnerName,
      createdBy: b.createdBy,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      topic: b.topic,
      description: b.description,
      guestCount: b.guestCount,
      status: b.status,
      statusReason: b.statusReason,
      decidedBy: b.decidedBy,
      decidedAt: b.decidedAt,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    };
  }
}

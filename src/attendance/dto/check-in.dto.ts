import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/instant.js';
import { CHECK_IN_SOURCES, type CheckInSource } from '../check-in.entity.js';

/** Exactly one of ticketCode, registrationId or participantId (walk-in); the service says which is missing. */
export class CreateCheckInDto {
  @ApiPropertyOptional({
    example: 'K7M2QX9BHT',
    description: 'What the QR code on the ticket holds; case and dashes are ignored',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  ticketCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Walk-in: admits the participant, creating a confirmed walk_in registration if none exists',
  })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T09:12:00+07:00',
    description:
      'When the scan happened, for scans queued on a phone without signal; ' +
      'defaults to now. Not in the future, not before the event day.',
  })
  @IsOptional()
  @IsInstant()
  checkedInAt?: string;
}

export class CheckInResponseDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty() checkedInAt: Date;
  @ApiProperty({ format: 'uuid', description: 'The staff or admin user who checked the participant in' })
  checkedInBy: string;
  @ApiProperty({
    description: 'true when this registration had already been checked in; checkedInAt is then the first time',
  })
  alreadyCheckedIn: boolean;
  @ApiProperty({ description: 'true when this call created the walk-in registration' }) walkIn: boolean;
  @ApiProperty({
    enum: CHECK_IN_SOURCES,
    description: 'staff: at the door (scan, registration or walk-in); code: the participant entered an attendance code',
  })
  source: CheckInSource;
}

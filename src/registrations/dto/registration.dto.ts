import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import {
  REGISTRATION_STATUSES,
  type Registration,
  type RegistrationSource,
  type RegistrationStatus,
} from '../registration.entity.js';

export class CreateRegistrationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff and admin only: register someone else' })
  @IsOptional()
  @IsUUID()
  participantId?: string;
}

export class ListRegistrationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class RegistrationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition: number | null;
  @ApiProperty({ example: 'K7M2QX9BHT' }) ticketCode: string;
  @ApiProperty({ enum: ['self', 'staff', 'walk_in'] }) source: RegistrationSource;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'BM-2026-K7M2QX9B',
    description: 'Set once the certificate is issued',
  })
  certificateNumber: string | null;

  static from(r: Registration): RegistrationResponseDto {
    return {
      id: r.id,
      eventId: r.eventId,
      participantId: r.participantId,
      status: r.status,
      waitlistPosition: r.waitlistPosition,
      ticketCode: r.ticketCode,
      source: r.source,
      createdAt: r.createdAt,
      cancelledAt: r.cancelledAt,
      certificateNumber: r.certificateNumber ?? null,
    };
  }
}

/** GET /events/:id/registrations (staff, admin): each row with the person's name, so a waitlist reads as people. */
export class EventRegistrationResponseDto extends RegistrationResponseDto {
  @ApiProperty({ example: 'Siti Rahayu' }) participantName: string;
}

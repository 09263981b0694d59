import { ApiProperty } from '@nestjs/swagger';
import { PILLARS, type Pillar } from '../../events/event-rules.js';
import {
  REGISTRATION_STATUSES,
  type RegistrationSource,
  type RegistrationStatus,
} from '../../registrations/registration-rules.js';
import { ParticipantResponseDto } from '../../participants/dto/participant.dto.js';

/** The profile as stored, with the NIK in clear: the person's own copy. */
export class ParticipantExportProfileDto extends ParticipantResponseDto {
  @ApiProperty({ nullable: true, type: String, example: '3303014501900001' }) nik: string | null;
}

export class ParticipantExportRegistrationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition: number | null;
  @ApiProperty() ticketCode: string;
  @ApiProperty({ enum: ['self', 'staff', 'walk_in'] }) source: RegistrationSource;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) checkedInAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) certificateNumber: string | null;
}

export class ParticipantExportCertificateDto {
  @ApiProperty() number: string;
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ nullable: true, type: String, description: 'null once the person erased their data' })
  participantName: string | null;
  @ApiProperty() eventTitle: string;
  @ApiProperty({ enum: PILLARS }) pillar: Pillar;
  @ApiProperty({ example: '2026-12-01' }) eventDate: string;
  @ApiProperty() issuedAt: Date;
}

export class ParticipantExportQuizAttemptDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ enum: ['pre', 'post'] }) phase: 'pre' | 'post';
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty() correctCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ type: [Number], description: 'The chosen option index per question' }) answers: number[];
  @ApiProperty() submittedAt: Date;
}

export class ParticipantExportEvaluationDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() createdAt: Date;
}

/** GET /me/participant/export: everything held about the person (PDP law right of access). */
export class ParticipantExportResponseDto {
  @ApiProperty({ type: ParticipantExportProfileDto }) profile: ParticipantExportProfileDto;
  @ApiProperty({ type: [ParticipantExportRegistrationDto] }) registrations: ParticipantExportRegistrationDto[];
  @ApiProperty({ type: [ParticipantExportCertificateDto] }) certificates: ParticipantExportCertificateDto[];
  @ApiProperty({ type: [ParticipantExportQuizAttemptDto], description: 'Pre and post tests taken' })
  quizAttempts: ParticipantExportQuizAttemptDto[];
  @ApiProperty({ type: [ParticipantExportEvaluationDto], description: 'Ratings given' })
  evaluations: ParticipantExportEvaluationDto[];
}

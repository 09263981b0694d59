import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PILLARS, type Pillar } from '../../events/event-rules.js';
import type { Certificate } from '../certificate.entity.js';

/** What the public verification page shows: the certificate as issued. */
export class CertificateVerificationDto {
  @ApiProperty({ enum: [true] }) valid: true;
  @ApiProperty({ example: 'BM-2026-K7M2QX9B' }) number: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null once the participant erased their personal data' })
  participantName: string | null;
  @ApiProperty() eventTitle: string;
  @ApiProperty({ example: '2026-12-05', description: 'The event day in Asia/Jakarta' }) eventDate: string;
  @ApiProperty({ enum: PILLARS }) pillar: Pillar;
  @ApiProperty() issuedAt: Date;
  @ApiPropertyOptional({
    enum: [true],
    description: 'Present when the name was erased: the certificate no longer vouches for a name',
  })
  nameErased?: true;

  static from(c: Certificate): CertificateVerificationDto {
    return {
      valid: true,
      number: c.number,
      participantName: c.participantName,
      eventTitle: c.eventTitle,
      eventDate: c.eventDate,
      pillar: c.pillar,
      issuedAt: c.issuedAt,
      ...(c.participantName === null ? { nameErased: true as const } : {}),
    };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../common/instant.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../../registrations/registration-rules.js';

export class CheckInListQuery {
  @ApiPropertyOptional({
    example: '2026-12-01T08:00:00+07:00',
    description:
      "Only rows changed after this instant (pass the previous answer's generatedAt); " +
      'rows may repeat, never go missing',
  })
  @IsOptional()
  @IsInstant()
  since?: string;
}

export class CheckInListRowDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ example: 'K7M2QX9BHT' }) ticketCode: string;
  @ApiProperty() participantName: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first check-in; null when not checked in',
  })
  checkedInAt: Date | null;
}

export class CheckInListResponseDto {
  @ApiProperty({ description: 'When the list was read; send it back as `since` for the changes after it' })
  generatedAt: Date;
  @ApiProperty({ type: [CheckInListRowDto] }) data: CheckInListRowDto[];
}

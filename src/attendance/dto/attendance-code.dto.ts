import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_CODE_MINUTES, MAX_CODE_MINUTES } from '../attendance-code-rules.js';

export class CreateAttendanceCodeDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_CODE_MINUTES,
    default: DEFAULT_CODE_MINUTES,
    description: 'How long the code is accepted, from now',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CODE_MINUTES)
  validMinutes?: number;
}

export class AttendanceCodeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({
    example: 'K7M2QX',
    description: 'Six characters without 0/O or 1/I/L; show it big for screen sharing',
  })
  code: string;
  @ApiProperty() validFrom: Date;
  @ApiProperty({ description: 'Exclusive: the code is refused from this instant on' }) validUntil: Date;
}

export class SelfCheckInDto {
  @ApiProperty({
    example: 'K7M2QX',
    description: 'The attendance code shown in the session; case, spaces and dashes are ignored',
  })
  @IsString()
  @MaxLength(20)
  code: string;
}

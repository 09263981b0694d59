import { ApiProperty } from '@nestjs/swagger';

/** GET /health: 200 when the database answers, 503 (same shape, with Retry-After) when it does not. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: string;
  @ApiProperty({ enum: ['up', 'down'] }) db: string;
}

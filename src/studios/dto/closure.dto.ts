import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../common/instant.js';
import type { StudioClosure } from '../studio-closure.entity.js';

export class CreateClosureDto {
  @ApiProperty({ example: '2026-12-25T00:00:00+07:00' }) @IsInstant() startsAt: string;
  @ApiProperty({ example: '2026-12-26T00:00:00+07:00' }) @IsInstant() endsAt: string;
  @ApiProperty({ example: 'Hari Raya Natal' }) @IsString() @MinLength(2) @MaxLength(300) reason: string;
}

export class ClosureResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studioId: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;

  static from(c: StudioClosure): ClosureResponseDto {
    return {
      id: c.id,
      studioId: c.studioId,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      reason: c.reason,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
    };
  }
}

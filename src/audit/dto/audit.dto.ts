import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/instant.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { AuditAction, AuditLog } from '../audit-log.entity.js';

const AUDIT_ACTIONS: readonly AuditAction[] = ['create', 'update', 'delete'];

export class ListAuditLogsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: 'partner' }) @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional({ description: 'Id of the entity changed' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn(AUDIT_ACTIONS) action?: AuditAction;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+07:00' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+07:00' }) @IsOptional() @IsInstant() to?: string;
}

export class AuditLogResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The entity before the change',
  })
  before: unknown;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The entity after the change',
  })
  after: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() createdAt: Date;

  static from(a: AuditLog): AuditLogResponseDto {
    return {
      ...a,
      before: a.before ? JSON.parse(a.before) : null,
      after: a.after ? JSON.parse(a.after) : null,
    };
  }
}

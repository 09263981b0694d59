import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { ROLES, type Role } from '../../common/actor.js';

export class ListUsersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'Part of the full name or email, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

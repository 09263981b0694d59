import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../common/actor.js';
import type { User } from '../user.entity.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) partnerId: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: Date;

  static from(u: User): UserResponseDto {
    return {
      id: u.id,
      email: u.email,
      fullName: u.fullName,
      phone: u.phone,
      role: u.role,
      partnerId: u.partnerId,
      isActive: u.isActive,
      createdAt: u.createdAt,
    };
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { RefreshToken } from './refresh-token.entity.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, RefreshToken]), AuditModule, PartnersModule],
  controllers: [UsersController],
  providers: [UsersService, RefreshTokensService],
  exports: [UsersService, RefreshTokensService],
})
export class UsersModule {}

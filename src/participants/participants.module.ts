import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../users/users.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { NikChangeLimit } from './nik-change-limit.entity.js';
import { NikChangeLimiter } from './nik-change-limiter.js';
import { MyParticipantController, ParticipantsController } from './participants.controller.js';
import { Participant } from './participant.entity.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Participant, NikChangeLimit]), UsersModule, RegionsModule, AuditModule],
  controllers: [MyParticipantController, ParticipantsController],
  providers: [ParticipantsService, NikChangeLimiter],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}

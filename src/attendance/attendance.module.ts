import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceCode, AttendanceCodeGuess } from './attendance-code.entity.js';
import { AttendanceCodesController } from './attendance-codes.controller.js';
import { AttendanceCodesService } from './attendance-codes.service.js';
import { AttendanceService } from './attendance.service.js';
import { CheckIn } from './check-in.entity.js';
import { CheckInsService } from './check-ins.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([CheckIn]),
    TypeOrmModule.forFeature([AttendanceCode, AttendanceCodeGuess]),
    NotificationsModule,
    EventsModule,
    RegistrationsModule,
    ParticipantsModule,
  ],
  controllers: [AttendanceController, AttendanceCodesController],
  providers: [CheckInsService, AttendanceService, AttendanceCodesService],
  exports: [CheckInsService],
})
export class AttendanceModule {}

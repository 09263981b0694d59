import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceCode, AttendanceCodeGuess } from './attendance-code.entity.js';
import { AttendanceCodesController } from './attendance-codes.controller.js';
import { AttendanceCodesService } from './attendance-codes.service.js';
import { AttendanceService } from './attendance.service.js';
import { CheckIn } from './check-in.entity.js';
import { CheckInsService } from './check-ins.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CheckIn]), TypeOrmModule.forFeature([AttendanceCode, AttendanceCodeGuess])],
  controllers: [AttendanceController, AttendanceCodesController],
  providers: [CheckInsService, AttendanceService, AttendanceCodesService],
})
export class AttendanceModule {}

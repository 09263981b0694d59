import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { CheckIn } from './check-in.entity.js';
import { CheckInsService } from './check-ins.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CheckIn])],
  controllers: [AttendanceController],
  providers: [CheckInsService, AttendanceService],
})
export class AttendanceModule {}

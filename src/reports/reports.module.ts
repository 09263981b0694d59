import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckIn } from '../attendance/check-in.entity.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  // The report reads with SQL; CheckIn is listed so its table is known to TypeORM whichever modules load.
  imports: [TypeOrmModule.forFeature([CheckIn])],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}

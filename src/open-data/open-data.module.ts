import { Module } from '@nestjs/common';
import { ReportsService } from '../reports/reports.service.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

/** Public statistics for the open-data portal. ReportsService reads with SQL only, so it is provided here as well. */
@Module({
  controllers: [OpenDataController],
  providers: [ReportsService, OpenDataService],
})
export class OpenDataModule {}

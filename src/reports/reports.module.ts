import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * A declared read model (see docs/read-models.md): the report aggregates events, registrations, check-ins and
 * participants in one SQL statement per grouping, reading their tables and writing none; it needs no entity.
 */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}

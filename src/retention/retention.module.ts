import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Lease } from './lease.entity.js';
import { RetentionService } from './retention.service.js';

/** Purges data past its retention period, in process, one instance at a time (see RetentionService). */
@Module({
  imports: [TypeOrmModule.forFeature([Lease])],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudiosModule } from '../studios/studios.module.js';
import { Booking } from './booking.entity.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { StudioBookingsController } from './studio-bookings.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Booking]), StudiosModule],
  controllers: [BookingsController, StudioBookingsController],
  providers: [BookingsService],
  exports: [BookingsService],
})
export class BookingsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { StudiosModule } from '../studios/studios.module.js';
import { Booking } from './booking.entity.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { PartnerBookingsController } from './partner-bookings.controller.js';
import { StudioBookingsController } from './studio-bookings.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Booking]), StudiosModule, PartnersModule, NotificationsModule],
  controllers: [BookingsController, StudioBookingsController, PartnerBookingsController],
  providers: [BookingsService],
  exports: [BookingsService],
})
export class BookingsModule {}

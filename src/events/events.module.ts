import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { Event, EventPartner } from './event.entity.js';
import { EventsController, PartnerEventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventPartner]), NotificationsModule, RegionsModule],
  controllers: [EventsController, PartnerEventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}

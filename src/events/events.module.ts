import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Event, EventPartner } from './event.entity.js';
import { EventsController, PartnerEventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventPartner])],
  controllers: [EventsController, PartnerEventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}

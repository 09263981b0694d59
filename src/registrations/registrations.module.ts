import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Registration } from './registration.entity.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';
import { Seats } from './seats.js';
import { EventsModule } from '../events/events.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([Registration]), NotificationsModule, EventsModule, ParticipantsModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsService, Seats],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}

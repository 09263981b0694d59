import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { NotificationDispatcher } from './dispatcher.js';
import { Notification, NotificationPreference } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationTriggers } from './notification-triggers.service.js';
import { NotificationSources } from './notification-sources.service.js';
import { ReminderScheduler } from './reminders.js';

/** The outbox's read side, preferences, staff messages, and the dispatcher that sends it (see outbox.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference]), UsersModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    ReminderScheduler,
    NotificationTriggers,
    NotificationSources,
  ],
  exports: [NotificationDispatcher, ReminderScheduler, NotificationTriggers, NotificationSources],
})
export class NotificationsModule {}

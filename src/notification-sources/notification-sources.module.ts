import { Module, type OnModuleInit } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { EventsService } from '../events/events.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationSources } from '../notifications/notification-sources.service.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { ParticipantsService } from '../participants/participants.service.js';

const EVENT_FACTS = ['id', 'title', 'startsAt', 'endsAt', 'venue'] as const;

/**
 * Hands notifications the owners' reads it needs (events and participants depend on notifications, so the
 * wiring lives here, above both): one statement each, the same ones notifications ran itself before.
 */
@Module({ imports: [NotificationsModule, EventsModule, ParticipantsModule] })
export class NotificationSourcesModule implements OnModuleInit {
  constructor(
    private readonly sources: NotificationSources,
    private readonly events: EventsService,
    private readonly participants: ParticipantsService,
  ) {}

  onModuleInit(): void {
    this.sources.provide({
      event: (em, eventId) => this.events.row(em, eventId, EVENT_FACTS),
      participantIdOfUser: (userId) => this.participants.idOfUser(userId),
      participantContacts: (ids) => this.participants.contactRows(ids),
    });
  }
}

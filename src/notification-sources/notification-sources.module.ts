import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { CheckInsService } from '../attendance/check-ins.service.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { EventsModule } from '../events/events.module.js';
import { EventsService } from '../events/events.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationSources } from '../notifications/notification-sources.service.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { RegistrationsService } from '../registrations/registrations.service.js';

const EVENT_FACTS = ['id', 'title', 'startsAt', 'endsAt', 'venue'] as const;

/**
 * Hands notifications the owners' reads it needs (events, registrations, attendance, participants and bookings
 * depend on notifications to trigger messages, so the wiring lives here, above them all): the same statements
 * notifications ran itself before, now written by the modules that own the tables.
 */
@Module({
  imports: [
    NotificationsModule,
    EventsModule,
    ParticipantsModule,
    RegistrationsModule,
    AttendanceModule,
    BookingsModule,
  ],
})
export class NotificationSourcesModule implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly sources: NotificationSources,
    private readonly events: EventsService,
    private readonly participants: ParticipantsService,
    private readonly registrations: RegistrationsService,
    private readonly checkIns: CheckInsService,
    private readonly bookings: BookingsService,
  ) {}

  onModuleInit(): void {
    this.sources.provide({
      event: (em, eventId) => this.events.row(em, eventId, EVENT_FACTS),
      participantIdOfUser: (userId) => this.participants.idOfUser(this.ds.manager, userId),
      participantContacts: (ids) => this.participants.contactRows(ids),
      audienceSql: (audience) => {
        if (audience === 'attended' || audience === 'no_show')
          return this.checkIns.attendeesOfEventSql(audience === 'attended');
        return this.registrations.participantsOfEventSql(
          audience === 'active' ? ['confirmed', 'waitlisted'] : [audience],
        );
      },
      eventsStartingBetween: (from, until) => this.events.publishedStartingBetween(from, until),
      bookingsStartingBetween: async (from, until) =>
        (await this.bookings.approvedStartingBetween(from, until)).map(({ booking: b, studioName }) => ({
          id: b.id,
          topic: b.topic,
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          createdBy: b.createdBy,
          studioName,
        })),
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventShape } from './notification-triggers.service.js';

/**
 * What notifications reads of other modules' data when no trigger handed it over. Those modules (events,
 * participants) depend on notifications to trigger messages, so notifications cannot call them; their
 * services are handed over once at start-up instead (src/notification-sources/), and notifications reads
 * their rows only through these functions.
 */
export interface NotificationSourceFunctions {
  /** The facts of an event its messages show, in the caller's transaction; null when there is no such event. */
  event(em: EntityManager, eventId: string): Promise<EventShape | null>;
  /** The participant profile of a user account, if it has one (in-app messages reach either). */
  participantIdOfUser(userId: string): Promise<string | null>;
  /** The contact columns of these participant profiles, one statement (the dispatcher's batches). */
  participantContacts(ids: string[]): Promise<ParticipantContact[]>;
  /**
   * The owners' query piece selecting the `participant_id` of an event's audience, the event id its only `?`
   * parameter: messages to a whole audience are written by one INSERT … SELECT, however large it is.
   */
  audienceSql(audience: EventAudience): string;
  /** Published events starting in (from, until] (the reminder scheduler). */
  eventsStartingBetween(from: Date, until: Date): Promise<EventShape[]>;
  /** Approved bookings starting in (from, until], with who asked and the studio's name (the reminder scheduler). */
  bookingsStartingBetween(from: Date, until: Date): Promise<BookingReminderFacts[]>;
}

/** Confirmed, waitlisted, either (active), checked in (attended), or confirmed and not checked in (no_show). */
export type EventAudience = 'confirmed' | 'waitlisted' | 'active' | 'attended' | 'no_show';

export interface BookingReminderFacts {
  id: string;
  topic: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  studioName: string;
}

/** A profile's contact columns as stored (erased_at and the like: whatever the driver returns). */
export interface ParticipantContact {
  id: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  erased_at: unknown;
}

@Injectable()
export class NotificationSources implements NotificationSourceFunctions {
  private functions: NotificationSourceFunctions | null = null;

  provide(functions: NotificationSourceFunctions): void {
    this.functions = functions;
  }

  event(em: EntityManager, eventId: string): Promise<EventShape | null> {
    return this.provided().event(em, eventId);
  }

  participantIdOfUser(userId: string): Promise<string | null> {
    return this.provided().participantIdOfUser(userId);
  }

  participantContacts(ids: string[]): Promise<ParticipantContact[]> {
    return this.provided().participantContacts(ids);
  }

  audienceSql(audience: EventAudience): string {
    return this.provided().audienceSql(audience);
  }

  eventsStartingBetween(from: Date, until: Date): Promise<EventShape[]> {
    return this.provided().eventsStartingBetween(from, until);
  }

  bookingsStartingBetween(from: Date, until: Date): Promise<BookingReminderFacts[]> {
    return this.provided().bookingsStartingBetween(from, until);
  }

  private provided(): NotificationSourceFunctions {
    // A wiring mistake, not a request's fault: the app module always loads NotificationSourcesModule.
    if (!this.functions) throw new Error('NotificationSources used before NotificationSourcesModule provided them');
    return this.functions;
  }
}

/** What the platform tells people about; each kind has its templates in templates.ts. */
export const NOTIFICATION_KINDS = [
  'registration_confirmed',
  'registration_waitlisted',
  'registration_promoted',
  'event_changed',
  'event_cancelled',
  'event_reminder_day',
  'event_reminder_2h',
  'certificate_available',
  'booking_requested',
  'booking_approved',
  'booking_rejected',
  'booking_cancelled',
  'booking_reminder_day',
  'event_message',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['in_app', 'email', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels that leave the platform; in-app rows are the message themselves and are never dispatched. */
export type OutboundChannel = Exclude<Channel, 'in_app'>;

/**
 * pending → claimed (by a dispatcher, under a lease) → sending (handed
 * to the provider) → sent | pending (retry) | failed | skipped.
 */
export const NOTIFICATION_STATUSES = ['pending', 'claimed', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type SubjectType = 'registration' | 'event' | 'booking' | 'message';

/** A training as the templates show it: a snapshot taken when the notification is written. */
export interface EventFacts {
  eventId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venue: string | null;
}

export interface BookingFacts {
  bookingId: string;
  topic: string;
  studioName: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Everything a template needs, stored with the row (no personal data: addresses are looked up when the
 * message is sent, so an erased participant's address is never in the outbox).
 */
export interface NotificationPayload {
  event?: EventFacts;
  booking?: BookingFacts;
  registrationId?: string;
  waitlistPosition?: number | null;
  reason?: string | null;
  subject?: string;
  body?: string;
}

import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { JAKARTA_VTIMEZONE, jakartaDateTime, STUDIO_TIMEZONE } from '../common/jakarta-ical.js';
import type { Studio } from '../studios/studios.service.js';
import type { Booking } from './booking.entity.js';

interface FeedEntry {
  booking: Booking;
  summary: string;
  location: string;
}

function feed(name: string, entries: FeedEntry[]): string {
  const calendar = new ICalCalendar({
    name,
    prodId: { company: 'Dinkominfo Kabupaten Purbalingga', product: 'Bangga Macapat', language: 'ID' },
    timezone: { name: STUDIO_TIMEZONE, generator: () => JAKARTA_VTIMEZONE },
    ttl: 15 * 60,
  });
  for (const { booking, summary, location } of entries) {
    calendar.createEvent({
      id: `${booking.id}@banggamacapat.purbalinggakab.go.id`,
      start: jakartaDateTime(booking.startsAt),
      end: jakartaDateTime(booking.endsAt),
      timezone: STUDIO_TIMEZONE,
      summary,
      description: booking.description ?? undefined,
      location,
      // A request still waiting for staff shows as tentative in the calendar app.
      status: booking.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      stamp: booking.updatedAt,
    });
  }
  return calendar.toString();
}

/** The studio's approved bookings as an iCalendar feed that calendar apps subscribe to. */
export function studioCalendar(studio: Studio, bookings: { booking: Booking; partnerName: string }[]): string {
  return feed(
    studio.name,
    bookings.map(({ booking, partnerName }) => ({
      booking,
      summary: partnerName ? `${booking.topic} — ${partnerName}` : booking.topic,
      location: studio.location ?? studio.name,
    })),
  );
}

/** A partner's own pending and approved bookings, in every studio, as the partner's subscribed calendar. */
export function partnerCalendar(partnerName: string, bookings: { booking: Booking; studio: Studio }[]): string {
  return feed(
    `${partnerName} — Studio Media Center`,
    bookings.map(({ booking, studio }) => ({
      booking,
      summary: booking.status === 'pending' ? `${booking.topic} (menunggu persetujuan)` : booking.topic,
      location: studio.location ? `${studio.name}, ${studio.location}` : studio.name,
    })),
  );
}

import {
  ICalCalendar,
  ICalEventStatus,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { JAKARTA_OFFSET_MS } from '../common/jakarta-time.js';
import type { Studio } from '../studios/studios.service.js';
import type { Booking } from './booking.entity.js';

export const STUDIO_TIMEZONE = 'Asia/Jakarta';

/** Jakarta keeps UTC+7 all year (WIB), so one fixed STANDARD block describes it fully. */
export const JAKARTA_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Jakarta',
  'X-LIC-LOCATION:Asia/Jakarta',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:WIB',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as Jakarta wall-clock time, in the Temporal.ZonedDateTime shape ical-generator formats as
 * `DTSTART;TZID=Asia/Jakarta:…`. A plain Date would be written in the server process's own time zone.
 */
export function jakartaDateTime(instant: Date): ICalTemporalZonedDateTimeStub {
  const wall = new Date(instant.getTime() + JAKARTA_OFFSET_MS);
  const fields = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
  const date = `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}`;
  const local = `${date}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}`;
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: STUDIO_TIMEZONE,
    toInstant: () => ({
      epochMilliseconds: instant.getTime(),
      toJSON: () => instant.toISOString(),
      toString: () => instant.toISOString(),
      toZonedDateTimeISO: () => zoned,
    }),
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned,
    toJSON: () => `${local}+07:00[${STUDIO_TIMEZONE}]`,
    toString: () => `${local}+07:00[${STUDIO_TIMEZONE}]`,
  };
  const plain: ICalTemporalPlainDateTimeStub = {
    ...fields,
    toPlainDate: () => ({
      year: fields.year,
      month: fields.month,
      day: fields.day,
      toJSON: () => date,
      toString: () => date,
    }),
    toZonedDateTime: () => zoned,
    toJSON: () => local,
    toString: () => local,
  };
  return zoned;
}

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

import type { ICalTemporalPlainDateTimeStub, ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { JAKARTA_OFFSET_MS } from './jakarta-time.js';

// Jakarta time in iCalendar form, shared by the studio and partner feeds (bookings) and the booking mails' invites.

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

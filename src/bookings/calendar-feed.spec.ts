import type { Studio } from '../studios/studio.entity.js';
import type { Booking } from './booking.entity.js';
import { studioCalendar } from './calendar-feed.js';

describe('studioCalendar', () => {
  const studio = { id: 's1', name: 'Studio Podcast', location: 'Media Center' } as Studio;
  const booking = {
    id: 'b1',
    topic: 'Literasi Digital',
    description: 'Episode perdana',
    startsAt: new Date('2026-12-01T02:00:00Z'),
    endsAt: new Date('2026-12-01T03:30:00Z'),
    updatedAt: new Date('2026-11-20T00:00:00Z'),
  } as Booking;
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it.each(['UTC', 'America/New_York', 'Asia/Jakarta'])(
    'writes Jakarta wall-clock times whatever the server zone (%s)',
    (tz) => {
      process.env.TZ = tz;
      const ics = studioCalendar(studio, [{ booking, partnerName: 'Bank Jateng' }]).replace(/\r\n[ \t]/g, '');
      expect(ics).toContain('DTSTART;TZID=Asia/Jakarta:20261201T090000');
      expect(ics).toContain('DTEND;TZID=Asia/Jakarta:20261201T103000');
      expect(ics).toContain('SUMMARY:Literasi Digital — Bank Jateng');
      expect(ics).toContain('TZID:Asia/Jakarta');
      expect(ics).toContain('X-WR-TIMEZONE:Asia/Jakarta');
    },
  );

  it('crosses the local midnight correctly', () => {
    const late = {
      ...booking,
      startsAt: new Date('2026-12-31T16:30:00Z'),
      endsAt: new Date('2026-12-31T17:30:00Z'),
    } as Booking;
    const ics = studioCalendar(studio, [{ booking: late, partnerName: '' }]);
    expect(ics).toContain('DTSTART;TZID=Asia/Jakarta:20261231T233000');
    expect(ics).toContain('DTEND;TZID=Asia/Jakarta:20270101T003000');
    expect(ics).toContain('SUMMARY:Literasi Digital\r\n');
  });
});

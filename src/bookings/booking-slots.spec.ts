import {
  availableSlots,
  type BookingCheck,
  type BookingContext,
  checkBooking,
  isValidOpeningHours,
  JAKARTA_UTC_OFFSET_MINUTES,
  localDateOf,
  localDayStart,
  parseLocalTime,
  type StudioRules,
} from './booking-slots.js';

const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';
const SATURDAY = '2026-02-28';
const SUNDAY = '2026-03-01';

/** A Jakarta wall-clock time as an instant; the expectations below spell out the UTC equivalents. */
const local = (date: string, time: string): Date => new Date(`${date}T${time}:00+07:00`);
const utc = (iso: string): Date => new Date(iso);

const rules: StudioRules = {
  openingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: '08:00', closes: '12:00' },
    { weekday, opens: '13:00', closes: '16:00' },
  ]),
  slotMinutes: 30,
  bufferMinutes: 15,
  minNoticeHours: 24,
  maxDurationMinutes: 180,
  maxAdvanceDays: 60,
};

/** Wednesday 2026-02-25 10:00 local: the Monday is beyond the notice period and well inside the horizon. */
const NOW = utc('2026-02-25T03:00:00.000Z');

const context = (overrides: Partial<BookingContext> = {}): BookingContext => ({
  now: NOW,
  closures: [],
  bookings: [],
  ...overrides,
});

const startsOf = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

const rule = (code: string) => expect.objectContaining({ ok: false, kind: 'rule', code });

function codeOf(verdict: BookingCheck): string {
  if (verdict.ok) return 'ok';
  return verdict.kind === 'rule' ? verdict.code : `conflict:${verdict.conflictingBookingId}`;
}

/** A booking of `minutes` from a local wall-clock time on `date`. */
function check(ctx: BookingContext, date: string, time: string, minutes: number, r: StudioRules = rules) {
  const start = local(date, time);
  return checkBooking(r, ctx, start, new Date(start.getTime() + minutes * 60_000));
}

describe('JAKARTA_UTC_OFFSET_MINUTES', () => {
  it('is UTC+07:00', () => {
    expect(JAKARTA_UTC_OFFSET_MINUTES).toBe(420);
  });
});

describe('parseLocalTime', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 480],
    ['12:30', 750],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseLocalTime(text)).toBe(minutes);
  });

  it.each(['8:00', '08:0', '24:01', '25:00', '12:60', '08:00:00', ' 08:00', '08:00 ', '', 'noon', '08-00', '-1:00'])(
    'rejects %p with a RangeError',
    (text) => {
      expect(() => parseLocalTime(text)).toThrow(RangeError);
    },
  );

  it('rejects a non-string with a RangeError', () => {
    expect(() => parseLocalTime(480 as unknown as string)).toThrow(RangeError);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-03-01T16:59:59.999Z', '2026-03-01'],
    ['2026-03-01T17:00:00.000Z', '2026-03-02'],
    ['2026-03-02T00:00:00.000Z', '2026-03-02'],
    ['2026-03-02T16:59:59.999Z', '2026-03-02'],
    ['2025-12-31T17:00:00.000Z', '2026-01-01'],
    ['2024-02-28T17:00:00.000Z', '2024-02-29'],
  ])('puts %s on %s in Jakarta', (instant, date) => {
    expect(localDateOf(utc(instant))).toBe(date);
  });
});

describe('localDayStart', () => {
  it.each([
    ['2026-03-02', '2026-03-01T17:00:00.000Z'],
    ['2026-01-01', '2025-12-31T17:00:00.000Z'],
    ['2024-02-29', '2024-02-28T17:00:00.000Z'],
    ['2000-02-29', '2000-02-28T17:00:00.000Z'],
    ['2026-12-31', '2026-12-30T17:00:00.000Z'],
  ])('starts %s at %s', (date, instant) => {
    expect(localDayStart(date).toISOString()).toBe(instant);
  });

  it('takes two-digit years literally', () => {
    expect(localDayStart('0050-06-15').getUTCFullYear()).toBe(50);
  });

  it('round-trips with localDateOf', () => {
    expect(localDateOf(localDayStart(MONDAY))).toBe(MONDAY);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '1900-02-29',
    '2026-3-2',
    '02-03-2026',
    '2026-03-02T00:00',
    '',
    'tomorrow',
  ])('rejects %p with a RangeError', (date) => {
    expect(() => localDayStart(date)).toThrow(RangeError);
  });
});

describe('isValidOpeningHours', () => {
  it('accepts the studio week with a lunch break', () => {
    expect(isValidOpeningHours(rules.openingHours)).toBeNull();
  });

  it('accepts no opening hours at all', () => {
    expect(isValidOpeningHours([])).toBeNull();
  });

  it('accepts ranges that touch, since ranges are half-open', () => {
    expect(
      isValidOpeningHours([
        { weekday: 1, opens: '12:00', closes: '16:00' },
        { weekday: 1, opens: '08:00', closes: '12:00' },
      ]),
    ).toBeNull();
  });

  it('accepts a range closing at midnight and equal ranges on different weekdays', () => {
    expect(
      isValidOpeningHours([
        { weekday: 6, opens: '20:00', closes: '24:00' },
        { weekday: 7, opens: '20:00', closes: '24:00' },
      ]),
    ).toBeNull();
  });

  it.each([
    ['opens after it closes', [{ weekday: 1, opens: '16:00', closes: '08:00' }], /open before it closes/],
    ['opens when it closes', [{ weekday: 1, opens: '08:00', closes: '08:00' }], /open before it closes/],
    ['weekday 0', [{ weekday: 0, opens: '08:00', closes: '12:00' }], /Weekday must be/],
    ['weekday 8', [{ weekday: 8, opens: '08:00', closes: '12:00' }], /Weekday must be/],
    ['fractional weekday', [{ weekday: 1.5, opens: '08:00', closes: '12:00' }], /Weekday must be/],
    ['malformed opening time', [{ weekday: 1, opens: '8:00', closes: '12:00' }], /HH:MM/],
    ['malformed closing time', [{ weekday: 1, opens: '08:00', closes: '24:30' }], /HH:MM/],
    [
      'overlapping ranges of one weekday, listed out of order',
      [
        { weekday: 2, opens: '13:00', closes: '16:00' },
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '08:00', closes: '13:30' },
      ],
      /Weekday 2 ranges 08:00-13:30 and 13:00-16:00 overlap/,
    ],
    [
      'a range inside another',
      [
        { weekday: 3, opens: '08:00', closes: '16:00' },
        { weekday: 3, opens: '10:00', closes: '11:00' },
      ],
      /overlap/,
    ],
  ])('reports %s', (_label, hours, message) => {
    expect(isValidOpeningHours(hours)).toMatch(message);
  });
});

describe('availableSlots', () => {
  it('lists every 60-minute start of a free Monday, both sides of the lunch break', () => {
    expect(startsOf(availableSlots(rules, context(), MONDAY, 60))).toEqual([
      '2026-03-02T01:00:00.000Z', // 08:00 local
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T02:30:00.000Z',
      '2026-03-02T03:00:00.000Z',
      '2026-03-02T03:30:00.000Z',
      '2026-03-02T04:00:00.000Z', // 11:00, the last that ends by the 12:00 break
      '2026-03-02T06:00:00.000Z', // 13:00
      '2026-03-02T06:30:00.000Z',
      '2026-03-02T07:00:00.000Z',
      '2026-03-02T07:30:00.000Z',
      '2026-03-02T08:00:00.000Z', // 15:00, the last that ends by 16:00
    ]);
  });

  it('gives each slot its end instant', () => {
    const slots = availableSlots(rules, context(), MONDAY, 90);
    expect(slots[0]).toEqual({ startsAt: utc('2026-03-02T01:00:00.000Z'), endsAt: utc('2026-03-02T02:30:00.000Z') });
    expect(slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ['2026-03-02T01:00:00.000Z', '2026-03-02T02:30:00.000Z'],
      ['2026-03-02T01:30:00.000Z', '2026-03-02T03:00:00.000Z'],
      ['2026-03-02T02:00:00.000Z', '2026-03-02T03:30:00.000Z'],
      ['2026-03-02T02:30:00.000Z', '2026-03-02T04:00:00.000Z'],
      ['2026-03-02T03:00:00.000Z', '2026-03-02T04:30:00.000Z'],
      ['2026-03-02T03:30:00.000Z', '2026-03-02T05:00:00.000Z'],
      ['2026-03-02T06:00:00.000Z', '2026-03-02T07:30:00.000Z'],
      ['2026-03-02T06:30:00.000Z', '2026-03-02T08:00:00.000Z'],
      ['2026-03-02T07:00:00.000Z', '2026-03-02T08:30:00.000Z'],
      ['2026-03-02T07:30:00.000Z', '2026-03-02T09:00:00.000Z'],
    ]);
  });

  it('offers a whole opening range only when it fits the maximum duration', () => {
    expect(startsOf(availableSlots(rules, context(), MONDAY, 180))).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T02:00:00.000Z', // 09:00–12:00 fills the morning to the break
      '2026-03-02T06:00:00.000Z',
    ]);
    expect(availableSlots(rules, context(), MONDAY, 210)).toEqual([]);
    expect(availableSlots(rules, context(), MONDAY, 240)).toEqual([]);
  });

  it('offers nothing for a duration off the grid', () => {
    expect(availableSlots(rules, context(), MONDAY, 45)).toEqual([]);
  });

  it.each([0, -30])('offers nothing for a duration of %i minutes', (minutes) => {
    expect(availableSlots(rules, context(), MONDAY, minutes)).toEqual([]);
  });

  it.each([SATURDAY, SUNDAY])('offers nothing on the weekend day %s', (date) => {
    expect(availableSlots(rules, context(), date, 30)).toEqual([]);
    expect(availableSlots(rules, context(), date, 60)).toEqual([]);
  });

  it('removes the starts whose interval overlaps a closure, and keeps those that only touch it', () => {
    // Closed 14:00–14:30 local.
    const ctx = context({
      closures: [{ startsAt: utc('2026-03-02T07:00:00.000Z'), endsAt: utc('2026-03-02T07:30:00.000Z') }],
    });
    expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T02:30:00.000Z',
      '2026-03-02T03:00:00.000Z',
      '2026-03-02T03:30:00.000Z',
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T06:00:00.000Z', // 13:00–14:00 ends as the closure begins
      '2026-03-02T07:30:00.000Z', // 14:30–15:30 begins as the closure ends
      '2026-03-02T08:00:00.000Z',
    ]);
  });

  it('offers nothing on a day closed from midnight to midnight', () => {
    const ctx = context({ closures: [{ startsAt: localDayStart(MONDAY), endsAt: localDayStart(TUESDAY) }] });
    expect(availableSlots(rules, ctx, MONDAY, 30)).toEqual([]);
    expect(availableSlots(rules, ctx, TUESDAY, 30)).toHaveLength(14);
  });

  describe('around an existing 09:00–10:00 booking with a 15-minute buffer', () => {
    // 09:00–10:00 local; nothing may start before 10:15 nor end after 08:45.
    const ctx = context({
      bookings: [{ id: 'b1', startsAt: utc('2026-03-02T02:00:00.000Z'), endsAt: utc('2026-03-02T03:00:00.000Z') }],
    });

    it('blocks the 60-minute starts 08:00 to 10:00', () => {
      // 08:00–09:00 leaves no gap; 10:00 leaves none after; on a 30-minute grid 10:30 is the first start past 10:15.
      expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))).toEqual([
        '2026-03-02T03:30:00.000Z', // 10:30
        '2026-03-02T04:00:00.000Z', // 11:00
        '2026-03-02T06:00:00.000Z',
        '2026-03-02T06:30:00.000Z',
        '2026-03-02T07:00:00.000Z',
        '2026-03-02T07:30:00.000Z',
        '2026-03-02T08:00:00.000Z',
      ]);
    });

    it('keeps a 30-minute booking at 08:00, whose 30-minute gap exceeds the buffer', () => {
      expect(startsOf(availableSlots(rules, ctx, MONDAY, 30))).toEqual([
        '2026-03-02T01:00:00.000Z', // 08:00–08:30
        '2026-03-02T03:30:00.000Z', // 10:30
        '2026-03-02T04:00:00.000Z',
        '2026-03-02T04:30:00.000Z', // 11:30
        '2026-03-02T06:00:00.000Z',
        '2026-03-02T06:30:00.000Z',
        '2026-03-02T07:00:00.000Z',
        '2026-03-02T07:30:00.000Z',
        '2026-03-02T08:00:00.000Z',
        '2026-03-02T08:30:00.000Z', // 15:30
      ]);
    });

    it('ignores bookings of other days', () => {
      const other = context({
        bookings: [{ id: 'b9', startsAt: local(TUESDAY, '09:00'), endsAt: local(TUESDAY, '10:00') }],
      });
      expect(availableSlots(rules, other, MONDAY, 60)).toHaveLength(12);
    });
  });

  it('allows bookings that keep exactly the buffer from an existing off-grid booking', () => {
    // An existing 09:15–09:45 booking (made by staff, or before the grid changed): 08:00–09:00 ends
    // exactly 15 minutes before it, 10:00–11:00 starts exactly 15 minutes after it.
    const ctx = context({
      bookings: [{ id: 'odd', startsAt: utc('2026-03-02T02:15:00.000Z'), endsAt: utc('2026-03-02T02:45:00.000Z') }],
    });
    expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))).toEqual([
      '2026-03-02T01:00:00.000Z', // 08:00
      '2026-03-02T03:00:00.000Z', // 10:00
      '2026-03-02T03:30:00.000Z',
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T06:00:00.000Z',
      '2026-03-02T06:30:00.000Z',
      '2026-03-02T07:00:00.000Z',
      '2026-03-02T07:30:00.000Z',
      '2026-03-02T08:00:00.000Z',
    ]);
  });

  it('cuts off starts inside the notice period', () => {
    // Sunday 10:20 local: the earliest bookable start is Monday 10:20.
    const ctx = context({ now: utc('2026-03-01T03:20:00.000Z') });
    expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))).toEqual([
      '2026-03-02T03:30:00.000Z', // 10:30
      '2026-03-02T04:00:00.000Z',
      '2026-03-02T06:00:00.000Z',
      '2026-03-02T06:30:00.000Z',
      '2026-03-02T07:00:00.000Z',
      '2026-03-02T07:30:00.000Z',
      '2026-03-02T08:00:00.000Z',
    ]);
  });

  it('keeps a start exactly at the end of the notice period', () => {
    const ctx = context({ now: utc('2026-03-01T03:30:00.000Z') });
    expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))[0]).toBe('2026-03-02T03:30:00.000Z');
    expect(availableSlots(rules, ctx, MONDAY, 60)).toHaveLength(7);
  });

  it('offers nothing on a day that is already past or within the notice period', () => {
    const ctx = context({ now: local(MONDAY, '07:00') });
    expect(availableSlots(rules, ctx, MONDAY, 30)).toEqual([]);
    expect(availableSlots(rules, context({ now: local(TUESDAY, '07:00') }), MONDAY, 30)).toEqual([]);
  });

  it('cuts off starts beyond the horizon, keeping one exactly at it', () => {
    // Thursday 2026-01-01 10:00 local; 60 days later is Monday 2026-03-02 10:00 local.
    const ctx = context({ now: utc('2026-01-01T03:00:00.000Z') });
    expect(startsOf(availableSlots(rules, ctx, MONDAY, 60))).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T02:30:00.000Z',
      '2026-03-02T03:00:00.000Z', // 10:00, exactly 60 days ahead
    ]);
    expect(availableSlots(rules, ctx, TUESDAY, 60)).toEqual([]);
  });

  it('anchors the grid at the opening time of each range', () => {
    const shifted: StudioRules = {
      ...rules,
      openingHours: [
        { weekday: 1, opens: '13:15', closes: '15:15' },
        { weekday: 1, opens: '08:10', closes: '09:40' },
      ],
    };
    expect(startsOf(availableSlots(shifted, context(), MONDAY, 60))).toEqual([
      '2026-03-02T01:10:00.000Z', // 08:10
      '2026-03-02T01:40:00.000Z', // 08:40
      '2026-03-02T06:15:00.000Z', // 13:15
      '2026-03-02T06:45:00.000Z',
      '2026-03-02T07:15:00.000Z', // 14:15
    ]);
  });

  it('lists starts up to midnight for a range closing at 24:00', () => {
    const evening: StudioRules = { ...rules, openingHours: [{ weekday: 1, opens: '22:00', closes: '24:00' }] };
    expect(startsOf(availableSlots(evening, context(), MONDAY, 60))).toEqual([
      '2026-03-02T15:00:00.000Z', // 22:00
      '2026-03-02T15:30:00.000Z',
      '2026-03-02T16:00:00.000Z', // 23:00–24:00
    ]);
  });

  it.each(['2026-02-30', '2026-3-2', 'not-a-date', ''])('throws a RangeError for the date %p', (date) => {
    expect(() => availableSlots(rules, context(), date, 60)).toThrow(RangeError);
  });

  it.each([0, -30, 7.5])('throws a RangeError for a slot length of %p rather than looping forever', (slotMinutes) => {
    expect(() => availableSlots({ ...rules, slotMinutes }, context(), MONDAY, 60)).toThrow(RangeError);
  });
});

describe('checkBooking', () => {
  it('accepts a booking that satisfies every rule', () => {
    expect(check(context(), MONDAY, '08:00', 60)).toEqual({ ok: true });
    expect(check(context(), MONDAY, '13:00', 180)).toEqual({ ok: true });
    expect(check(context(), MONDAY, '08:00', 240)).toEqual(rule('too_long'));
  });

  describe('rules', () => {
    it.each([
      ['ending when it starts', '09:00', 0],
      ['ending before it starts', '09:00', -60],
    ])('answers invalid_range for a booking %s', (_label, time, minutes) => {
      expect(check(context(), MONDAY, time, minutes)).toEqual(rule('invalid_range'));
    });

    it('answers invalid_range for an invalid date', () => {
      expect(checkBooking(rules, context(), new Date('nonsense'), local(MONDAY, '09:00'))).toEqual(
        rule('invalid_range'),
      );
    });

    it('answers past for a start before now, ahead of the notice rule', () => {
      const ctx = context({ now: local(MONDAY, '10:20') });
      expect(check(ctx, MONDAY, '09:00', 60)).toEqual(rule('past'));
      expect(check(ctx, MONDAY, '10:30', 60)).toEqual(rule('notice'));
      expect(checkBooking(rules, ctx, local(MONDAY, '10:19'), local(MONDAY, '10:49'))).toEqual(rule('past'));
    });

    it('without a notice period, accepts a start exactly now and rejects one a millisecond earlier as past', () => {
      const instant: StudioRules = { ...rules, minNoticeHours: 0 };
      const ctx = context({ now: local(MONDAY, '09:00') });
      expect(check(ctx, MONDAY, '09:00', 60, instant)).toEqual({ ok: true });
      const justBefore = context({ now: new Date(local(MONDAY, '09:00').getTime() + 1) });
      expect(check(justBefore, MONDAY, '09:00', 60, instant)).toEqual(rule('past'));
    });

    it('answers notice for a start less than minNoticeHours ahead, accepting one exactly at it', () => {
      const ctx = context({ now: local(SUNDAY, '10:30') });
      expect(check(ctx, MONDAY, '10:00', 60)).toEqual(rule('notice'));
      expect(check(ctx, MONDAY, '10:30', 60)).toEqual({ ok: true });
      expect(checkBooking(rules, ctx, new Date(local(MONDAY, '10:30').getTime() - 1), local(MONDAY, '11:30'))).toEqual(
        rule('notice'),
      );
    });

    it('answers horizon for a start more than maxAdvanceDays ahead, accepting one exactly at it', () => {
      const ctx = context({ now: utc('2026-01-01T03:00:00.000Z') });
      expect(check(ctx, MONDAY, '10:00', 60)).toEqual({ ok: true });
      expect(check(ctx, MONDAY, '10:30', 60)).toEqual(rule('horizon'));
    });

    it('answers too_long for a duration above maxDurationMinutes, accepting exactly the maximum', () => {
      expect(check(context(), MONDAY, '08:00', 180)).toEqual({ ok: true });
      expect(check(context(), MONDAY, '08:00', 210)).toEqual(rule('too_long'));
    });

    it.each([
      ['a start between grid points (08:10)', '08:10', 60],
      ['a start between grid points in the afternoon (13:45)', '13:45', 60],
      ['a duration that is not a multiple of the slot (45 minutes)', '08:00', 45],
      ['a 1-minute duration', '08:00', 1],
    ])('answers off_grid for %s', (_label, time, minutes) => {
      expect(check(context(), MONDAY, time, minutes)).toEqual(rule('off_grid'));
    });

    it('answers off_grid for a start with stray seconds or milliseconds', () => {
      const start = new Date(local(MONDAY, '08:00').getTime() + 30_000);
      expect(checkBooking(rules, context(), start, new Date(start.getTime() + 3_600_000))).toEqual(rule('off_grid'));
      const late = new Date(local(MONDAY, '08:00').getTime() + 1);
      expect(checkBooking(rules, context(), late, new Date(late.getTime() + 3_600_000))).toEqual(rule('off_grid'));
    });

    it('measures the grid from the opening time of the range the start lies in', () => {
      const shifted: StudioRules = {
        ...rules,
        openingHours: [
          { weekday: 1, opens: '08:00', closes: '12:00' },
          { weekday: 1, opens: '13:15', closes: '16:15' },
        ],
      };
      expect(check(context(), MONDAY, '13:15', 60, shifted)).toEqual({ ok: true });
      expect(check(context(), MONDAY, '13:30', 60, shifted)).toEqual(rule('off_grid'));
      expect(check(context(), MONDAY, '13:45', 60, shifted)).toEqual({ ok: true });
      // 13:00 lies in no range: there is no grid to be off, the studio is simply closed.
      expect(check(context(), MONDAY, '13:00', 60, shifted)).toEqual(rule('outside_hours'));
    });

    it('answers outside_hours, not off_grid, for a start at a closing time that is off the grid', () => {
      const short: StudioRules = { ...rules, openingHours: [{ weekday: 1, opens: '08:00', closes: '09:45' }] };
      expect(check(context(), MONDAY, '09:45', 30, short)).toEqual(rule('outside_hours'));
      expect(check(context(), MONDAY, '09:40', 30, short)).toEqual(rule('off_grid'));
    });

    it.each([
      ['crossing the lunch break', '11:30', 90],
      ['running into the lunch break', '11:30', 60],
      ['inside the lunch break', '12:00', 60],
      ['starting before opening', '07:30', 60],
      ['starting at closing time', '16:00', 30],
      ['running past closing time', '15:30', 60],
      ['in the evening', '20:00', 60],
    ])('answers outside_hours for a booking %s', (_label, time, minutes) => {
      expect(check(context(), MONDAY, time, minutes)).toEqual(rule('outside_hours'));
    });

    it.each([SATURDAY, SUNDAY])('answers outside_hours on %s, a day without opening hours', (date) => {
      expect(check(context(), date, '09:00', 60)).toEqual(rule('outside_hours'));
    });

    it('answers outside_hours for a booking that crosses midnight, even between two open ranges', () => {
      const nights: StudioRules = {
        ...rules,
        openingHours: [
          { weekday: 1, opens: '20:00', closes: '24:00' },
          { weekday: 2, opens: '00:00', closes: '04:00' },
        ],
      };
      expect(check(context(), MONDAY, '23:00', 60, nights)).toEqual({ ok: true });
      expect(check(context(), TUESDAY, '00:00', 60, nights)).toEqual({ ok: true });
      expect(check(context(), MONDAY, '23:00', 120, nights)).toEqual(rule('outside_hours'));
    });

    it('uses the Jakarta day, not the UTC day, to pick the opening hours', () => {
      // Monday 06:00 local is still Sunday in UTC; the studio opens at 06:00 on Mondays only.
      const early: StudioRules = { ...rules, openingHours: [{ weekday: 1, opens: '06:00', closes: '08:00' }] };
      const start = utc('2026-03-01T23:00:00.000Z');
      expect(checkBooking(early, context(), start, utc('2026-03-02T00:00:00.000Z'))).toEqual({ ok: true });
      expect(startsOf(availableSlots(early, context(), MONDAY, 60))).toEqual([
        '2026-03-01T23:00:00.000Z',
        '2026-03-01T23:30:00.000Z',
        '2026-03-02T00:00:00.000Z',
      ]);
      expect(availableSlots(early, context(), SUNDAY, 60)).toEqual([]);
    });

    it('answers closure for a booking overlapping a closure, half-open at both ends', () => {
      const ctx = context({ closures: [{ startsAt: local(MONDAY, '14:00'), endsAt: local(MONDAY, '14:30') }] });
      expect(check(ctx, MONDAY, '13:30', 60)).toEqual(rule('closure'));
      expect(check(ctx, MONDAY, '14:00', 30)).toEqual(rule('closure'));
      expect(check(ctx, MONDAY, '13:00', 180)).toEqual(rule('closure'));
      expect(check(ctx, MONDAY, '13:00', 60)).toEqual({ ok: true });
      expect(check(ctx, MONDAY, '14:30', 60)).toEqual({ ok: true });
    });

    it('answers closure for a closure spanning several days', () => {
      const ctx = context({ closures: [{ startsAt: local(SUNDAY, '12:00'), endsAt: local(TUESDAY, '09:00') }] });
      expect(check(ctx, MONDAY, '15:00', 60)).toEqual(rule('closure'));
      expect(check(ctx, TUESDAY, '08:00', 60)).toEqual(rule('closure'));
      expect(check(ctx, TUESDAY, '09:00', 60)).toEqual({ ok: true });
    });

    it('checks the rules in their documented order', () => {
      const ctx = context({
        now: local(SUNDAY, '10:30'),
        closures: [{ startsAt: local(MONDAY, '00:00'), endsAt: local(TUESDAY, '00:00') }],
        bookings: [{ id: 'b1', startsAt: local(MONDAY, '08:00'), endsAt: local(MONDAY, '12:00') }],
      });
      const verdicts = [
        checkBooking(rules, ctx, local(MONDAY, '09:00'), local(MONDAY, '09:00')),
        checkBooking(rules, ctx, local(SUNDAY, '09:10'), local(SUNDAY, '13:55')),
        checkBooking(rules, ctx, local(MONDAY, '09:10'), local(MONDAY, '13:55')),
        checkBooking(rules, ctx, local('2026-05-01', '09:10'), local('2026-05-01', '13:55')),
        checkBooking(rules, ctx, local(MONDAY, '11:10'), local(MONDAY, '15:55')),
        checkBooking(rules, ctx, local(MONDAY, '11:10'), local(MONDAY, '11:55')),
        checkBooking(rules, ctx, local(MONDAY, '11:30'), local(MONDAY, '13:30')),
        checkBooking(rules, ctx, local(MONDAY, '11:00'), local(MONDAY, '12:00')),
      ].map(codeOf);
      expect(verdicts).toEqual([
        'invalid_range',
        'past',
        'notice',
        'horizon',
        'too_long',
        'off_grid',
        'outside_hours',
        'closure',
      ]);
      // Only with every rule met is the conflict reported.
      const open = { ...ctx, closures: [] };
      expect(codeOf(checkBooking(rules, open, local(MONDAY, '11:00'), local(MONDAY, '12:00')))).toBe('conflict:b1');
    });

    it('explains each rule in its message', () => {
      const messageOf = (verdict: BookingCheck) => (verdict.ok ? '' : verdict.message);
      expect(messageOf(check(context({ now: local(SUNDAY, '12:00') }), MONDAY, '08:00', 60))).toBe(
        'Bookings must be made at least 24 hours before they start',
      );
      expect(messageOf(check(context(), '2026-06-01', '08:00', 60))).toBe(
        'Bookings can be made at most 60 days in advance',
      );
      expect(messageOf(check(context(), MONDAY, '08:00', 240))).toBe('A booking lasts at most 180 minutes');
      expect(messageOf(check(context(), MONDAY, '08:10', 60))).toMatch(/every 30 minutes/);
    });
  });

  describe('conflicts', () => {
    const existing = { id: 'b1', startsAt: local(MONDAY, '09:00'), endsAt: local(MONDAY, '10:00') };
    const ctx = context({ bookings: [existing] });
    const conflictWith = (id: string) =>
      ({
        ok: false,
        kind: 'conflict',
        message: 'The booking is less than 15 minutes from another booking',
        conflictingBookingId: id,
      }) as const;

    it.each([
      ['the same time', '09:00', 60],
      ['an overlap at its start', '08:30', 60],
      ['an overlap at its end', '09:30', 60],
      ['a booking enclosing it', '08:00', 180],
      ['a booking ending as it starts', '08:00', 60],
      ['a booking starting as it ends', '10:00', 60],
    ])('reports %s as a conflict with the existing booking', (_label, time, minutes) => {
      expect(check(ctx, MONDAY, time, minutes)).toEqual(conflictWith('b1'));
    });

    it('accepts a gap longer than the buffer', () => {
      expect(check(ctx, MONDAY, '08:00', 30)).toEqual({ ok: true });
      expect(check(ctx, MONDAY, '10:30', 60)).toEqual({ ok: true });
    });

    describe('on a 15-minute grid, where a gap of exactly the buffer can be booked', () => {
      const fine: StudioRules = { ...rules, slotMinutes: 15 };

      it('accepts a booking ending exactly 15 minutes before, and rejects one ending 14 or 0 minutes before', () => {
        expect(check(ctx, MONDAY, '08:00', 45, fine)).toEqual({ ok: true });
        expect(check(ctx, MONDAY, '08:00', 60, fine)).toEqual(conflictWith('b1'));
        const end = new Date(local(MONDAY, '08:45').getTime() + 60_000);
        expect(checkBooking(rules, ctx, local(MONDAY, '08:00'), end)).toEqual(rule('off_grid'));
        expect(checkBooking({ ...rules, slotMinutes: 1 }, ctx, local(MONDAY, '08:00'), end)).toEqual(
          conflictWith('b1'),
        );
      });

      it('accepts a booking starting exactly 15 minutes after, and rejects one starting sooner', () => {
        expect(check(ctx, MONDAY, '10:15', 60, fine)).toEqual({ ok: true });
        expect(check(ctx, MONDAY, '10:00', 60, fine)).toEqual(conflictWith('b1'));
        expect(check(ctx, MONDAY, '10:14', 60, { ...rules, slotMinutes: 1 })).toEqual(conflictWith('b1'));
      });

      it('lists the slots that keep exactly the buffer', () => {
        expect(startsOf(availableSlots(fine, ctx, MONDAY, 45))).toEqual([
          '2026-03-02T01:00:00.000Z', // 08:00–08:45
          '2026-03-02T03:15:00.000Z', // 10:15
          '2026-03-02T03:30:00.000Z',
          '2026-03-02T03:45:00.000Z',
          '2026-03-02T04:00:00.000Z',
          '2026-03-02T04:15:00.000Z', // 11:15–12:00
          '2026-03-02T06:00:00.000Z', // 13:00
          '2026-03-02T06:15:00.000Z',
          '2026-03-02T06:30:00.000Z',
          '2026-03-02T06:45:00.000Z',
          '2026-03-02T07:00:00.000Z',
          '2026-03-02T07:15:00.000Z',
          '2026-03-02T07:30:00.000Z',
          '2026-03-02T07:45:00.000Z',
          '2026-03-02T08:00:00.000Z',
          '2026-03-02T08:15:00.000Z', // 15:15–16:00
        ]);
      });
    });

    it('with no buffer, lets bookings touch but not overlap', () => {
      const tight: StudioRules = { ...rules, bufferMinutes: 0 };
      expect(check(ctx, MONDAY, '08:00', 60, tight)).toEqual({ ok: true });
      expect(check(ctx, MONDAY, '10:00', 60, tight)).toEqual({ ok: true });
      expect(check(ctx, MONDAY, '09:30', 60, tight)).toEqual({
        ok: false,
        kind: 'conflict',
        message: 'The booking overlaps another booking',
        conflictingBookingId: 'b1',
      });
    });

    it('reports the earliest of several conflicting bookings, whatever their order', () => {
      const many = context({
        bookings: [
          { id: 'late', startsAt: local(MONDAY, '10:30'), endsAt: local(MONDAY, '11:00') },
          { id: 'early', startsAt: local(MONDAY, '08:00'), endsAt: local(MONDAY, '08:30') },
          { id: 'far', startsAt: local(MONDAY, '14:00'), endsAt: local(MONDAY, '15:00') },
        ],
      });
      expect(codeOf(check(many, MONDAY, '08:30', 120))).toBe('conflict:early');
      expect(codeOf(check(many, MONDAY, '09:30', 60))).toBe('conflict:late');
    });

    it('lets a booking be rescheduled over its own time with ignoreBookingId', () => {
      const later = local(MONDAY, '09:30');
      const laterEnd = local(MONDAY, '10:30');
      expect(checkBooking(rules, ctx, later, laterEnd)).toEqual(conflictWith('b1'));
      expect(checkBooking(rules, ctx, later, laterEnd, { ignoreBookingId: 'b1' })).toEqual({ ok: true });
      expect(checkBooking(rules, ctx, existing.startsAt, existing.endsAt, { ignoreBookingId: 'b1' })).toEqual({
        ok: true,
      });
    });

    it('still reports other bookings when one is ignored', () => {
      const two = context({
        bookings: [existing, { id: 'b2', startsAt: local(MONDAY, '10:40'), endsAt: local(MONDAY, '11:10') }],
      });
      expect(
        checkBooking(rules, two, local(MONDAY, '09:30'), local(MONDAY, '10:30'), { ignoreBookingId: 'b1' }),
      ).toEqual(conflictWith('b2'));
      expect(
        checkBooking(rules, two, local(MONDAY, '09:00'), local(MONDAY, '10:00'), { ignoreBookingId: 'b1' }),
      ).toEqual({
        ok: true,
      });
    });

    it('applies the rules to a rescheduled booking too', () => {
      expect(
        checkBooking(rules, ctx, local(MONDAY, '11:30'), local(MONDAY, '13:00'), { ignoreBookingId: 'b1' }),
      ).toEqual(rule('outside_hours'));
    });
  });
});

describe('availableSlots agrees with checkBooking', () => {
  const scenarios: [string, StudioRules, BookingContext][] = [
    ['a free Monday', rules, context()],
    [
      'a busy Monday',
      rules,
      context({
        closures: [{ startsAt: local(MONDAY, '14:00'), endsAt: local(MONDAY, '14:30') }],
        bookings: [
          { id: 'b1', startsAt: local(MONDAY, '09:00'), endsAt: local(MONDAY, '10:00') },
          { id: 'b2', startsAt: local(MONDAY, '15:15'), endsAt: local(MONDAY, '15:45') },
        ],
      }),
    ],
    ['a Monday inside the notice period', rules, context({ now: local(SUNDAY, '10:20') })],
    ['a Monday at the horizon', rules, context({ now: utc('2026-01-01T03:00:00.000Z') })],
    [
      'a Monday on a 15-minute grid with a booking',
      { ...rules, slotMinutes: 15 },
      context({
        bookings: [{ id: 'b1', startsAt: local(MONDAY, '09:00'), endsAt: local(MONDAY, '10:00') }],
      }),
    ],
  ];
  const durations = [15, 30, 45, 60, 90, 120, 180, 210];

  describe.each(scenarios)('on %s', (_label, r, ctx) => {
    it.each(durations)(
      'for %i minutes: every listed slot is accepted, every other minute of the day is rejected',
      (minutes) => {
        const listed = new Set(startsOf(availableSlots(r, ctx, MONDAY, minutes)));
        const dayStart = localDayStart(MONDAY).getTime();
        const disagreements: string[] = [];
        for (let minute = 0; minute < 24 * 60; minute++) {
          const start = new Date(dayStart + minute * 60_000);
          const verdict = checkBooking(r, ctx, start, new Date(start.getTime() + minutes * 60_000));
          if (verdict.ok !== listed.has(start.toISOString())) disagreements.push(start.toISOString());
        }
        expect(disagreements).toEqual([]);
      },
    );
  });

  it('lists only starts on the day asked for, on the grid, in ascending order', () => {
    for (const [, r, ctx] of scenarios) {
      const slots = availableSlots(r, ctx, MONDAY, 30);
      const times = slots.map((s) => s.startsAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      for (const slot of slots) {
        expect(localDateOf(slot.startsAt)).toBe(MONDAY);
        expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(30 * 60_000);
      }
    }
  });
});

import { raisesCapCount, takesCapPlace } from './booking-cap.js';

const now = new Date('2026-12-01T03:00:00Z');
const past = new Date('2026-12-01T02:00:00Z');
const future = new Date('2026-12-02T02:00:00Z');

describe('booking cap', () => {
  it('counts pending and approved bookings that have not started', () => {
    expect(takesCapPlace({ status: 'pending', startsAt: future }, now)).toBe(true);
    expect(takesCapPlace({ status: 'approved', startsAt: future }, now)).toBe(true);
    expect(takesCapPlace({ status: 'pending', startsAt: now }, now)).toBe(false);
    expect(takesCapPlace({ status: 'approved', startsAt: past }, now)).toBe(false);
    for (const status of ['rejected', 'cancelled', 'completed', 'no_show'] as const) {
      expect(takesCapPlace({ status, startsAt: future }, now)).toBe(false);
    }
  });

  it('a change raises the count only when a booking that did not count comes to count', () => {
    // A started booking moved into the future.
    expect(raisesCapCount({ status: 'pending', startsAt: past }, { status: 'pending', startsAt: future }, now)).toBe(
      true,
    );
    // A closed booking brought back to an active status.
    expect(
      raisesCapCount({ status: 'cancelled', startsAt: future }, { status: 'approved', startsAt: future }, now),
    ).toBe(true);
    // Approval, moves among future times, edits, and cancellations keep or lower it.
    expect(raisesCapCount({ status: 'pending', startsAt: future }, { status: 'approved', startsAt: future }, now)).toBe(
      false,
    );
    expect(
      raisesCapCount(
        { status: 'pending', startsAt: future },
        { status: 'pending', startsAt: new Date(future.getTime() + 1) },
        now,
      ),
    ).toBe(false);
    expect(
      raisesCapCount({ status: 'approved', startsAt: future }, { status: 'cancelled', startsAt: future }, now),
    ).toBe(false);
    expect(raisesCapCount({ status: 'pending', startsAt: past }, { status: 'rejected', startsAt: past }, now)).toBe(
      false,
    );
  });
});

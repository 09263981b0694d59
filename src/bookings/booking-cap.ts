import { ACTIVE_BOOKING_STATUSES, type BookingStatus } from './booking.entity.js';

/** What the per-partner cap looks at in a booking. */
export interface CapState {
  status: BookingStatus;
  startsAt: Date;
}

/**
 * Whether a booking takes one of its partner's `maxActiveBookingsPerPartner` places at `now`: pending or
 * approved, and not yet started (the same condition the create check counts with).
 */
export function takesCapPlace(b: CapState, now: Date): boolean {
  return ACTIVE_BOOKING_STATUSES.includes(b.status) && b.startsAt.getTime() > now.getTime();
}

/**
 * Whether a change from `before` to `after` adds a booking to its partner's count, so the cap must be checked
 * again: a booking that had started (or was closed) becoming upcoming and active. Every change of a booking
 * goes through this, so a transition added later cannot slip past the cap either.
 */
export function raisesCapCount(before: CapState, after: CapState, now: Date): boolean {
  return !takesCapPlace(before, now) && takesCapPlace(after, now);
}

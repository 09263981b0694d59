import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { EventsService } from '../events/events.service.js';
import { NotificationTriggers } from '../notifications/notification-triggers.service.js';
import { Registration } from './registration.entity.js';

/** The event columns a cancellation needs to decide whether a seat is handed on. */
export type SeatEvent = { id: string; status: string; capacity: number; confirmedCount: number };

/**
 * The registrations side of an event's seats (the counters on the event row are the events module's). Every
 * method runs inside `uow.run` AFTER the event's seat lock (EventsService.lockSeats or lockedSeats): that row
 * lock serialises all writers of one event's seats, so counters and positions are read and written without races.
 */
@Injectable()
export class Seats {
  constructor(
    private readonly events: EventsService,
    private readonly triggers: NotificationTriggers,
  ) {}

  /** Closes the gap a leaving waitlisted registration (or `count` leaving from the front) left behind. */
  private async closeGap(em: EntityManager, eventId: string, after: number, count: number): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Registration)
      .set({ waitlistPosition: () => `waitlist_position - ${Math.trunc(count)}` })
      .where("event_id = :eventId AND status = 'waitlisted' AND waitlist_position > :after", { eventId, after })
      .execute();
  }

  /** Moves up to `seats` of the earliest waitlisted registrations into confirmed seats; returns how many. */
  async promoteWaitlisted(em: EntityManager, eventId: string, seats: number): Promise<number> {
    if (seats <= 0) return 0;
    const next = await em.find(Registration, {
      where: { eventId, status: 'waitlisted' },
      order: { waitlistPosition: 'ASC' },
      take: seats,
    });
    if (next.length === 0) return 0;
    for (const r of next) {
      r.status = 'confirmed';
      r.waitlistPosition = null;
      await em.save(r);
    }
    await this.closeGap(em, eventId, next.length, next.length);
    await this.events.bumpCounters(em, eventId, next.length, -next.length);
    await this.triggers.promoted(em, eventId, next);
    return next.length;
  }

  /** Cancels one active registration, keeping counters and positions exact; promotes into a freed seat. */
  async cancelActive(em: EntityManager, event: SeatEvent, r: Registration): Promise<void> {
    const was = r.status;
    const position = r.waitlistPosition;
    r.status = 'cancelled';
    r.waitlistPosition = null;
    r.activeKey = null;
    r.cancelledAt = new Date();
    await em.save(r);
    if (was === 'waitlisted') {
      await this.closeGap(em, event.id, position ?? 0, 1);
      await this.events.bumpCounters(em, event.id, 0, -1);
      return;
    }
    await this.events.bumpCounters(em, event.id, -1, 0);
    if (event.status === 'published')
      await this.promoteWaitlisted(em, event.id, event.capacity - (event.confirmedCount - 1));
  }

  /**
   * Cancels every active registration of an event (the event is being cancelled; the events module zeroes its
   * counters). Each is saved, not updated in bulk: a registration cancelled this way is a change like any other
   * and goes to the audit trail.
   */
  async cancelAllActive(em: EntityManager, eventId: string): Promise<void> {
    const active = await em.find(Registration, { where: { eventId, status: In(['confirmed', 'waitlisted']) } });
    const now = new Date();
    for (const r of active)
      Object.assign(r, { status: 'cancelled', waitlistPosition: null, activeKey: null, cancelledAt: now });
    if (active.length > 0) await em.save(active, { chunk: 100 });
  }
}

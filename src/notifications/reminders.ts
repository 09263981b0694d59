import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotificationSources } from './notification-sources.service.js';
import { dedupeKey, enqueue, enqueueForParticipants, factsOf } from './outbox.js';
import { dueReminder } from './reminder-times.js';

const MINUTE = 60 * 1000;
/** The day-before reminder of a training at 23:59 WIB is due 41 hours ahead; look a little further. */
const LOOKAHEAD = 48 * 60 * MINUTE;

/**
 * Writes due reminders into the outbox, at most once a minute per process. Any number of processes may
 * run it: the dedupe key makes the second writer of a reminder insert nothing, and the NOT EXISTS probe
 * makes the repeated runs read-only. Someone who registers after the reminder time still gets it on the
 * next run, as long as it is still due.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('Notifications');
  private lastRun = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sources: NotificationSources,
  ) {}

  async runIfDue(): Promise<void> {
    if (Date.now() - this.lastRun < MINUTE) return;
    this.lastRun = Date.now();
    await this.run(new Date());
  }

  /** Writes every reminder due at `now` (tests pass their own clock). */
  async run(now: Date): Promise<void> {
    const until = new Date(now.getTime() + LOOKAHEAD);
    const events = await this.sources.eventsStartingBetween(now, until);
    for (const e of events) {
      const due = dueReminder(e.startsAt, now, true);
      if (!due) continue;
      const event = factsOf(e);
      await this.uow.run(null, (em) =>
        enqueueForParticipants(
          em,
          {
            kind: due === 'day' ? 'event_reminder_day' : 'event_reminder_2h',
            subjectType: 'event',
            subjectId: e.id,
            payload: { event },
          },
          this.sources.audienceSql('confirmed'),
          [e.id],
          { skipExisting: true },
        ),
      );
    }
    const bookings = await this.sources.bookingsStartingBetween(now, until);
    for (const b of bookings) {
      if (dueReminder(b.startsAt, now, false) !== 'day') continue;
      const message = {
        kind: 'booking_reminder_day' as const,
        subjectType: 'booking' as const,
        subjectId: b.id,
        payload: {
          booking: {
            bookingId: b.id,
            topic: b.topic,
            studioName: b.studioName,
            startsAt: b.startsAt.toISOString(),
            endsAt: b.endsAt.toISOString(),
          },
        },
      };
      await this.uow.run(null, async (em: EntityManager) => {
        const [done] = await em.query('SELECT 1 AS found FROM notifications WHERE dedupe_key = ?', [
          dedupeKey(message, `u:${b.createdBy}`, 'in_app'),
        ]);
        if (!done) await enqueue(em, message, [{ userId: b.createdBy }]);
      });
    }
    if (events.length + bookings.length > 0)
      this.logger.debug(`reminders checked for ${events.length} trainings and ${bookings.length} bookings`);
  }
}

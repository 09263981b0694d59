import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawInstant } from '../database/raw-values.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { dedupeKey, enqueue, enqueueForParticipants, sqlInstant } from './outbox.js';
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

  constructor(private readonly uow: UnitOfWork) {}

  async runIfDue(): Promise<void> {
    if (Date.now() - this.lastRun < MINUTE) return;
    this.lastRun = Date.now();
    await this.run(new Date());
  }

  /** Writes every reminder due at `now` (tests pass their own clock). */
  async run(now: Date): Promise<void> {
    const ds = this.uow.dataSource.manager;
    const until = sqlInstant(ds, new Date(now.getTime() + LOOKAHEAD));
    const from = sqlInstant(ds, now);
    const events = (await ds.query(
      'SELECT id, title, starts_at, ends_at, venue FROM events ' +
        "WHERE status = 'published' AND starts_at > ? AND starts_at <= ?",
      [from, until],
    )) as { id: string; title: string; starts_at: unknown; ends_at: unknown; venue: string | null }[];
    for (const e of events) {
      const startsAt = rawInstant(e.starts_at)!;
      const due = dueReminder(startsAt, now, true);
      if (!due) continue;
      const event = {
        eventId: e.id,
        title: e.title,
        startsAt: startsAt.toISOString(),
        endsAt: rawInstant(e.ends_at)!.toISOString(),
        venue: e.venue,
      };
      await this.uow.run(null, (em) =>
        enqueueForParticipants(
          em,
          {
            kind: due === 'day' ? 'event_reminder_day' : 'event_reminder_2h',
            subjectType: 'event',
            subjectId: e.id,
            payload: { event },
          },
          "SELECT participant_id FROM registrations WHERE event_id = ? AND status = 'confirmed'",
          [e.id],
          { skipExisting: true },
        ),
      );
    }
    const bookings = (await ds.query(
      'SELECT b.id, b.topic, b.starts_at, b.ends_at, b.created_by, ' +
        's.name AS studio_name FROM bookings b JOIN studios s ON s.id = b.studio_id ' +
        "WHERE b.status = 'approved' AND b.starts_at > ? AND b.starts_at <= ?",
      [from, until],
    )) as {
      id: string;
      topic: string;
      starts_at: unknown;
      ends_at: unknown;
      created_by: string;
      studio_name: string;
    }[];
    for (const b of bookings) {
      const startsAt = rawInstant(b.starts_at)!;
      if (dueReminder(startsAt, now, false) !== 'day') continue;
      const message = {
        kind: 'booking_reminder_day' as const,
        subjectType: 'booking' as const,
        subjectId: b.id,
        payload: {
          booking: {
            bookingId: b.id,
            topic: b.topic,
            studioName: b.studio_name,
            startsAt: startsAt.toISOString(),
            endsAt: rawInstant(b.ends_at)!.toISOString(),
          },
        },
      };
      await this.uow.run(null, async (em: EntityManager) => {
        const [done] = await em.query('SELECT 1 AS found FROM notifications WHERE dedupe_key = ?', [
          dedupeKey(message, `u:${b.created_by}`, 'in_app'),
        ]);
        if (!done) await enqueue(em, message, [{ userId: b.created_by }]);
      });
    }
    if (events.length + bookings.length > 0)
      this.logger.debug(`reminders checked for ${events.length} trainings and ${bookings.length} bookings`);
  }
}

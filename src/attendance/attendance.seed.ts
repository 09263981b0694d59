import { LessThan } from 'typeorm';
import { Event } from '../events/event.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import type { SeedStep } from '../seed/seed-step.js';
import { UsersService } from '../users/users.service.js';
import { seedActor } from '../seed/seed-actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CheckInsService } from './check-ins.service.js';

/**
 * Check-ins on the trainings that already took place, by the demo staff account, so attendance
 * sheets, reports and certificates show something: everyone came except the last registrant.
 */
export const seedAttendance: SeedStep = async (resolve, { accounts }) => {
  const actor = await seedActor(resolve(UsersService), accounts, 'staff');
  if (!actor) return;
  const ds = resolve(UnitOfWork).dataSource;
  const checkIns = resolve(CheckInsService);
  const past = await ds
    .getRepository(Event)
    .find({ where: { status: 'published', endsAt: LessThan(new Date()) }, order: { startsAt: 'ASC' } });
  for (const event of past) {
    const confirmed = await ds
      .getRepository(Registration)
      .find({ where: { eventId: event.id, status: 'confirmed' }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const [i, r] of confirmed.slice(0, -1).entries()) {
      const at = new Date(event.startsAt.getTime() - 20 * 60_000 + i * 3 * 60_000);
      await checkIns.checkIn(event.id, { registrationId: r.id, checkedInAt: at.toISOString() }, actor);
    }
  }
};

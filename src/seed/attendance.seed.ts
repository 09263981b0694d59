import { CheckInsService } from '../attendance/check-ins.service.js';
import { EventsService } from '../events/events.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { UsersService } from '../users/users.service.js';
import { seedActor } from './seed-actor.js';
import type { SeedStep } from './seed-step.js';

/**
 * Check-ins on the trainings that already took place, by the demo staff account, so attendance
 * sheets, reports and certificates show something: everyone came except the last registrant.
 */
export const seedAttendance: SeedStep = async (resolve, { accounts }) => {
  const actor = await seedActor(resolve(UsersService), accounts, 'staff');
  if (!actor) return;
  const checkIns = resolve(CheckInsService);
  const registrations = resolve(RegistrationsService);
  for (const event of await resolve(EventsService).endedPublished()) {
    const confirmed = await registrations.confirmedIds(event.id);
    for (const [i, registrationId] of confirmed.slice(0, -1).entries()) {
      const at = new Date(event.startsAt.getTime() - 20 * 60_000 + i * 3 * 60_000);
      await checkIns.checkIn(event.id, { registrationId, checkedInAt: at.toISOString() }, actor);
    }
  }
};

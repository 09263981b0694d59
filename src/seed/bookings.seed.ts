import { JAKARTA_OFFSET_MS } from '../common/jakarta-time.js';
import { seedActor } from './seed-actor.js';
import type { SeedStep } from './seed-step.js';
import { StudiosService } from '../studios/studios.service.js';
import { UsersService } from '../users/users.service.js';
import { BookingsService } from '../bookings/bookings.service.js';

export const DEMO_STUDIO_NAME = 'Studio Podcast Media Center Dinkominfo';

/** The next `count` local weekdays (Mon–Fri) at least three days ahead, as 'YYYY-MM-DD'. */
function upcomingWeekdays(count: number): string[] {
  const days: string[] = [];
  for (let ahead = 3; days.length < count; ahead++) {
    const local = new Date(Date.now() + JAKARTA_OFFSET_MS + ahead * 24 * 60 * 60 * 1000);
    const weekday = local.getUTCDay();
    if (weekday >= 1 && weekday <= 5) days.push(local.toISOString().slice(0, 10));
  }
  return days;
}

/** The media center's podcast studio and a few bookings by the program's partners. */
export const seedMediaCenter: SeedStep = async (resolve, { partners, accounts }) => {
  const studios = resolve(StudiosService);
  const bookings = resolve(BookingsService);
  const users = resolve(UsersService);
  const admin = await seedActor(users, accounts, 'admin');
  if (!admin) return;
  const studio = await studios.create(
    {
      name: DEMO_STUDIO_NAME,
      location: 'Media Center Dinkominfo, Kompleks Pemkab Purbalingga',
      description:
        'Studio podcast hasil kerja sama dengan Bank Jateng dan BPRS Buana Mitra Perwira, ' +
        'terbuka bagi mitra Bangga Macapat.',
      capacity: 6,
      openingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, opens: '08:00', closes: '12:00' },
        { weekday, opens: '13:00', closes: '16:00' },
      ]),
    },
    admin,
  );
  const staff = await seedActor(users, accounts, 'staff');
  const partnerUser = await seedActor(users, accounts, 'partner');
  const partnerId = (prefix: string) => partners.find((p) => p.name.startsWith(prefix))?.id;
  const [d1, d2, d3, d4] = upcomingWeekdays(4);
  const plans = [
    {
      by: partnerUser,
      partnerId: undefined,
      day: d1,
      from: '09:00',
      to: '10:30',
      topic: 'Podcast Literasi Keuangan Digital bersama Bank Jateng',
    },
    {
      by: staff,
      partnerId: partnerId('BPRS'),
      day: d2,
      from: '13:30',
      to: '15:00',
      topic: 'Ngobrol Santai: Pembiayaan Syariah untuk UMKM Digital',
    },
    {
      by: staff,
      partnerId: partnerId('RAPI'),
      day: d3,
      from: '08:30',
      to: '10:00',
      topic: 'Komunikasi Radio Warga saat Tanggap Bencana',
    },
    {
      by: staff,
      partnerId: partnerId('ORARI'),
      day: d4,
      from: '10:00',
      to: '11:30',
      topic: 'Etika Bermedia Sosial bagi Komunitas Radio',
    },
  ];
  for (const plan of plans) {
    if (!plan.by) continue;
    await bookings.create(
      {
        studioId: studio.id,
        startsAt: `${plan.day}T${plan.from}:00+07:00`,
        endsAt: `${plan.day}T${plan.to}:00+07:00`,
        topic: plan.topic,
        partnerId: plan.partnerId,
        guestCount: 3,
      },
      plan.by,
    );
  }
};

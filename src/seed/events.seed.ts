import type { CreateEventDto } from '../events/dto/event.dto.js';
import { EventsService } from '../events/events.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { UsersService } from '../users/users.service.js';
import { seedActor } from './seed-actor.js';
import type { SeedStep } from './seed-step.js';

const DAY = 24 * 3600_000;

/** 09:00 Jakarta (02:00 UTC) `days` from today, lasting `hours`. */
function slot(days: number, hours = 3): Pick<CreateEventDto, 'startsAt' | 'endsAt'> {
  const start = new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + 2 * 3600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3600_000).toISOString() };
}

const PEOPLE = [
  {
    fullName: 'Siti Rahayu',
    gender: 'female',
    birthDate: '1991-03-12',
    nik: '3303015203910002',
    kecamatanCode: '33.03.05',
    village: 'Bancar',
    occupation: 'umkm',
  },
  {
    fullName: 'Slamet Widodo',
    gender: 'male',
    birthDate: '1978-09-01',
    nik: '3303080109780003',
    kecamatanCode: '33.03.09',
    village: 'Bobotsari',
    occupation: 'village_official',
  },
  {
    fullName: 'Dewi Lestari',
    gender: 'female',
    birthDate: '1999-12-24',
    nik: '3303106412990001',
    kecamatanCode: '33.03.07',
    village: 'Kutasari',
    occupation: 'teacher',
  },
  {
    fullName: 'Agus Priyanto',
    gender: 'male',
    birthDate: '1985-05-17',
    nik: '3303011705850004',
    kecamatanCode: '33.03.05',
    village: 'Kandanggampang',
    occupation: 'worker',
  },
  {
    fullName: 'Rina Kurniasih',
    gender: 'female',
    birthDate: '1970-07-07',
    nik: '3303084707700005',
    kecamatanCode: '33.03.09',
    village: 'Karangmalang',
    occupation: 'homemaker',
  },
] as const;

/** Demo trainings across the four pillars, some co-hosted by partners, some past, with registrations. */
export const seedTrainings: SeedStep = async (resolve, { partners, accounts }) => {
  const events = resolve(EventsService);
  const participants = resolve(ParticipantsService);
  const registrations = resolve(RegistrationsService);
  const staff = await seedActor(resolve(UsersService), accounts, 'staff');
  if (!staff) return;
  const partner = (prefix: string) => partners.filter((p) => p.name.startsWith(prefix)).map((p) => p.id);

  const people: string[] = [];
  const citizen = await seedActor(resolve(UsersService), accounts, 'participant');
  for (const [i, p] of PEOPLE.entries()) {
    const body = { ...p, phone: `08122700${String(1001 + i)}`, consent: true as const, hasDisability: false };
    const created =
      i === 0 && citizen ? await participants.putMine(citizen, body, 'seed') : await participants.create(body, staff);
    people.push(created.id);
  }

  const plans: { dto: CreateEventDto; registrants: number; daysAgo?: number }[] = [
    {
      dto: {
        title: 'Literasi Digital untuk UMKM Purbalingga',
        description: 'Pemasaran daring, katalog digital dan pembayaran QRIS yang aman untuk pelaku UMKM.',
        pillar: 'digital_skills',
        format: 'offline',
        venue: 'Pendopo Dipokusumo',
        kecamatanCode: '33.03.05',
        ...slot(7),
        capacity: 40,
        targetGroups: ['umkm'],
        partnerIds: partner('Bank Jateng'),
      },
      registrants: 4,
    },
    {
      dto: {
        title: 'Aman Bermedia Sosial bagi Pelajar',
        description: 'Mengenali hoaks, menjaga data pribadi dan melawan perundungan siber.',
        pillar: 'digital_safety',
        format: 'offline',
        venue: 'Aula Kecamatan Bobotsari',
        kecamatanCode: '33.03.09',
        ...slot(10),
        capacity: 3,
        targetGroups: ['student', 'teacher'],
        partnerIds: partner('RAPI'),
      },
      registrants: 5,
    },
    {
      dto: {
        title: 'Etika Digital untuk Perangkat Desa',
        description: 'Etika berkomunikasi di ruang digital dan layanan publik desa yang santun.',
        pillar: 'digital_ethics',
        format: 'hybrid',
        venue: 'Balai Desa Kutasari',
        kecamatanCode: '33.03.07',
        onlineUrl: 'https://meet.purbalinggakab.go.id/etika-digital',
        ...slot(14),
        capacity: 30,
        targetGroups: ['village_official', 'civil_servant'],
        partnerIds: partner('ORARI'),
      },
      registrants: 2,
    },
    {
      dto: {
        title: 'Budaya Digital: Konten Kreatif Berbahasa Banyumasan',
        description: 'Membuat konten video pendek yang mengangkat budaya dan bahasa Banyumasan.',
        pillar: 'digital_culture',
        format: 'online',
        onlineUrl: 'https://meet.purbalinggakab.go.id/budaya-digital',
        ...slot(21, 2),
        capacity: 100,
        targetGroups: ['student', 'general'],
        partnerIds: partner('FK Metra'),
      },
      registrants: 3,
    },
    {
      dto: {
        title: 'Cakap Digital: Pemasaran Daring untuk Petani',
        description: 'Menjual hasil tani lewat lokapasar dan media sosial.',
        pillar: 'digital_skills',
        format: 'offline',
        venue: 'Gedung Serbaguna Kutasari',
        kecamatanCode: '33.03.07',
        ...slot(2),
        capacity: 25,
        targetGroups: ['farmer'],
        partnerIds: partner('BPRS'),
      },
      registrants: 3,
      daysAgo: 30,
    },
    {
      dto: {
        title: 'Waspada Penipuan Daring dan Pinjol Ilegal',
        description:
          'Mengenali modus penipuan, phishing dan pinjaman online ilegal; melapor dan melindungi data pribadi.',
        pillar: 'digital_safety',
        format: 'offline',
        venue: 'Aula Dinkominfo Purbalingga',
        kecamatanCode: '33.03.05',
        ...slot(3),
        capacity: 50,
        targetGroups: ['general', 'homemaker', 'senior_citizen'],
        partnerIds: partner('Bank Jateng'),
      },
      registrants: 5,
      daysAgo: 62,
    },
  ];

  for (const plan of plans) {
    const created = await events.create(plan.dto, staff);
    await events.publish(created.id, staff);
    for (const participantId of people.slice(0, plan.registrants)) {
      await registrations.register(created.id, { participantId }, staff);
    }
    if (plan.daysAgo) {
      // A finished training (shown as completed): moved back in time after its registrations were taken.
      const start = new Date(slot(-plan.daysAgo).startsAt);
      await events.moveForDemo(created.id, start, new Date(start.getTime() + 3 * 3600_000));
    }
  }
};

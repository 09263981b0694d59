import { randomBytes } from 'node:crypto';
import { seedAttendance } from './attendance.seed.js';
import { seedTrainings } from './events.seed.js';
import { PartnersService } from '../partners/partners.service.js';
import { UsersService } from '../users/users.service.js';
import type { Role } from '../common/actor.js';
import { seedMediaCenter } from './bookings.seed.js';
import type { DemoAccount, Resolve, SeedPartner, SeedStep } from './seed-step.js';

/** The program's partners named by Dinkominfo Purbalingga (news item of 5 April 2023). */
export const DEMO_PARTNERS = [
  {
    name: 'ORARI Lokal Purbalingga',
    type: 'community',
    description: 'Organisasi Amatir Radio Indonesia, lokal Purbalingga.',
  },
  {
    name: 'RAPI Wilayah Purbalingga',
    type: 'community',
    description: 'Radio Antar Penduduk Indonesia, komunitas radio warga.',
  },
  { name: 'FK Metra Purbalingga', type: 'media', description: 'Forum Komunikasi Media Tradisional.' },
  {
    name: 'Bank Jateng Cabang Purbalingga',
    type: 'private',
    description: 'Mitra podcast dan media center Dinkominfo.',
  },
  { name: 'BPRS Buana Mitra Perwira', type: 'private', description: 'Mitra podcast dan media center Dinkominfo.' },
] as const;

export interface SeedResult {
  seeded: boolean;
  accounts: DemoAccount[];
}

export const seedSteps: SeedStep[] = [seedTrainings, seedAttendance, seedMediaCenter];

const password = () => randomBytes(9).toString('base64url');

/** Fills an empty database (no partners yet) with demo accounts and the program's partners. */
export async function seedDemo(resolve: Resolve): Promise<SeedResult> {
  const partnersService = resolve(PartnersService);
  if (await partnersService.anyExists()) return { seeded: false, accounts: [] };
  const users = resolve(UsersService);
  const partners: SeedPartner[] = [];
  for (const p of DEMO_PARTNERS) {
    const created = await partnersService.create({ ...p, website: null }, null);
    partners.push({ id: created.id, name: created.name });
  }
  const accounts: DemoAccount[] = [
    { role: 'admin', email: 'admin@demo.banggamacapat.id', password: password() },
    { role: 'staff', email: 'staf@demo.banggamacapat.id', password: password() },
    { role: 'partner', email: 'mitra.bankjateng@demo.banggamacapat.id', password: password() },
    { role: 'participant', email: 'warga@demo.banggamacapat.id', password: password() },
  ];
  const names: Record<Role, string> = {
    admin: 'Admin Dinkominfo',
    staff: 'Staf Bidang Aptika',
    partner: 'Petugas Bank Jateng',
    participant: 'Siti Rahayu',
  };
  for (const a of accounts) {
    if (await users.findByEmail(a.email)) continue;
    await users.create(
      {
        ...a,
        fullName: names[a.role],
        partnerId: a.role === 'partner' ? partners.find((p) => p.name.startsWith('Bank Jateng'))!.id : null,
      },
      null,
    );
  }
  for (const step of seedSteps) await step(resolve, { partners, accounts });
  return { seeded: true, accounts };
}

export function formatAccounts(accounts: DemoAccount[]): string {
  return [
    'Demo accounts (shown once; passwords are random):',
    ...accounts.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(42)} ${a.password}`),
  ].join('\n');
}

import { randomUUID } from 'node:crypto';
import type { Pool } from 'mysql2/promise';
import { deriveLookupKey, encrypt, lookupHash } from '../src/common/crypto.js';
import { parseNik } from '../src/participants/nik.js';

/**
 * Fills a freshly migrated database with a realistic volume through multi-row INSERTs: 1,000 events
 * over two years across pillars, kecamatan and months (mostly published, some co-hosted by partners,
 * some full with a waitlist), 20,000 participants with encrypted NIKs, registrations and check-ins
 * with counters that equal the rows, and a studio's bookings. Besides the realistic bulk it sets
 * aside what the measured scenarios consume: open events with room for the registration runs
 * (separate ones for the platform and for the baseline, so neither sees the other's rows) and
 * trainings running now whose tickets the check-in run scans.
 */

export const PARTICIPANTS = 20_000;
export const EVENTS = 1_000;
/** Events each registration run spreads its requests over. */
export const REGISTRATION_EVENTS = 40;
/** Participants 0..RESERVED-1 may already be registered on the registration events; the runs use the rest. */
export const RESERVED_PARTICIPANTS = 2_000;
const REGISTRATION_CAPACITY = 5_000;
const RUNNING_EVENTS = 20;
const RUNNING_CONFIRMED = 1000;
const BATCH = 1_000;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const JAKARTA_MS = 7 * HOUR_MS;

const KECAMATAN: [string, string][] = [
  ['33.03.01', 'Kemangkon'],
  ['33.03.02', 'Bukateja'],
  ['33.03.03', 'Kejobong'],
  ['33.03.04', 'Kaligondang'],
  ['33.03.05', 'Purbalingga'],
  ['33.03.06', 'Kalimanah'],
  ['33.03.07', 'Kutasari'],
  ['33.03.08', 'Mrebet'],
  ['33.03.09', 'Bobotsari'],
  ['33.03.10', 'Karangreja'],
  ['33.03.11', 'Karanganyar'],
  ['33.03.12', 'Karangmoncol'],
  ['33.03.13', 'Rembang'],
  ['33.03.14', 'Bojongsari'],
  ['33.03.15', 'Padamara'],
  ['33.03.16', 'Pengadegan'],
  ['33.03.17', 'Karangjambu'],
  ['33.03.18', 'Kertanegara'],
];
const PILLARS = ['digital_skills', 'digital_ethics', 'digital_safety', 'digital_culture'] as const;
const PILLAR_LABEL: Record<(typeof PILLARS)[number], string> = {
  digital_skills: 'Cakap Digital',
  digital_ethics: 'Etis Digital',
  digital_safety: 'Aman Digital',
  digital_culture: 'Budaya Digital',
};
const TOPICS = [
  'Jualan Online untuk UMKM',
  'Mengenali Hoaks dan Disinformasi',
  'Keamanan Akun dan Kata Sandi',
  'Literasi Keuangan Digital',
  'Membuat Konten Kreatif dengan Ponsel',
  'Etika Bermedia Sosial',
  'Layanan Publik Digital Desa',
  'Mengajar dengan Aplikasi Daring',
  'Melindungi Data Pribadi',
  'Promosi Wisata Desa lewat Media Sosial',
  'Pemasaran Produk Pertanian secara Daring',
  'Pengasuhan di Era Digital',
];
const OCCUPATIONS = [
  'student',
  'teacher',
  'civil_servant',
  'village_official',
  'umkm',
  'farmer',
  'homemaker',
  'senior_citizen',
  'worker',
  'general',
];
const FIRST = [
  'Agus',
  'Siti',
  'Budi',
  'Dewi',
  'Eko',
  'Fitri',
  'Hendra',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Muhammad',
  'Nur',
  'Puji',
  'Rina',
  'Slamet',
  'Tri',
  'Wahyu',
  'Yuni',
  'Yusuf',
];
const LAST = [
  'Santoso',
  'Rahayu',
  'Wibowo',
  'Lestari',
  'Saputra',
  'Handayani',
  'Prasetyo',
  'Kurniawan',
  'Setiawan',
  'Wulandari',
  'Nugroho',
  'Purnomo',
];
const VILLAGES = [
  'Bojanegara',
  'Karangsari',
  'Kalikajar',
  'Sidareja',
  'Banjarsari',
  'Candiwulan',
  'Kedungmenjangan',
  'Penambongan',
];
const PARTNER_NAMES = [
  'Relawan TIK Purbalingga',
  'Komunitas Blogger Perwira',
  'Siberkreasi Jawa Tengah',
  'Forum UMKM Purbalingga',
  'PGRI Kabupaten Purbalingga',
  'Karang Taruna Kabupaten',
  'Universitas Perwira Purbalingga',
  'Bank Jateng Cabang Purbalingga',
  'Radio Suara Perwira',
  'Pokdarwis Serang',
  'Gerakan Pramuka Kwarcab',
  'PKK Kabupaten Purbalingga',
  'Komunitas Fotografi Purbalingga',
  'Asosiasi Kepala Desa',
  'Mafindo Purwokerto',
  'SMK Negeri 1 Purbalingga',
  'Kelompok Tani Muda',
  'Perpustakaan Daerah',
  'Telkom Purwokerto',
  'Kominfo Jawa Tengah',
];
const PARTNER_TYPES = ['community', 'private', 'government', 'media', 'education', 'ngo'];
const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// Deterministic data, so two runs measure the same thing (ids aside).
let state = 20261201;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface SeedInput {
  dataEncryptionKey: Buffer;
  staffUserId: string;
}

export interface Ticket {
  eventId: string;
  ticketCode: string;
}

export interface SeededData {
  /** Published and completed events (what GET /events shows the public). */
  visibleEventIds: string[];
  registrationEvents: { platform: string[]; baseline: string[] };
  participantIds: string[];
  tickets: Ticket[];
  partnerIds: string[];
  counts: Record<string, number>;
}

async function insert(pool: Pool, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await pool.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`,
      batch.flat(),
    );
  }
}

/** Midnight of the Jakarta day containing `t`, as a UTC instant. */
const jakartaMidnight = (t: number) => t - ((((t + JAKARTA_MS) % DAY_MS) + DAY_MS) % DAY_MS);

function newTicket(taken: Set<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 10; i++) code += TICKET_ALPHABET[Math.floor(random() * TICKET_ALPHABET.length)];
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

export async function seed(pool: Pool, input: SeedInput): Promise<SeededData> {
  const now = Date.now();
  const lookupKey = deriveLookupKey(input.dataEncryptionKey);
  const counts: Record<string, number> = {};

  const partnerIds = PARTNER_NAMES.map(() => randomUUID());
  await insert(
    pool,
    'partners',
    ['id', 'name_key', 'name', 'type', 'description', 'contact_name', 'contact_email', 'is_active'],
    PARTNER_NAMES.map((name, i) => [
      partnerIds[i],
      name.toLowerCase(),
      name,
      pick(PARTNER_TYPES),
      `Mitra Bangga Macapat: ${name}`,
      `Kontak ${name}`,
      `kontak${i}@mitra.example.id`,
      true,
    ]),
  );
  counts.partners = partnerIds.length;

  // Participants: about 80 % with a NIK (well-formed, matching gender and birth date), encrypted as the service does.
  const participantIds: string[] = [];
  const participantRows: unknown[][] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const id = randomUUID();
    participantIds.push(id);
    const gender = random() < 0.52 ? 'female' : 'male';
    const year = between(1955, 2011);
    const month = between(1, 12);
    const day = between(1, 28);
    const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const [kecamatanCode] = KECAMATAN[i % KECAMATAN.length];
    let nik: string | null = null;
    if (random() < 0.8) {
      // District from the row number and a serial per district keep every NIK distinct.
      const district = pad((i % 18) + 1, 2);
      const birth = `${pad(day + (gender === 'female' ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
      nik = `3303${district}${birth}${pad(Math.floor(i / 18) + 1, 4)}`;
      if (i < 50 && !parseNik(nik).ok) throw new Error(`seed produced a malformed NIK ${nik}`);
    }
    const minor = year > new Date(now).getUTCFullYear() - 18;
    participantRows.push([
      id,
      name,
      name.toLowerCase(),
      nik ? encrypt(nik, input.dataEncryptionKey) : null,
      nik ? lookupHash(nik, lookupKey) : null,
      gender,
      birthDate,
      year,
      `+62812${pad(between(0, 99_999_999), 8)}`,
      random() < 0.3 ? `peserta${i}@mail.example.id` : null,
      kecamatanCode,
      pick(VILLAGES),
      minor ? 'student' : pick(OCCUPATIONS),
      random() < 0.03,
      new Date(now - between(30, 700) * DAY_MS),
      '2026-11',
      minor ? `Wali ${pick(LAST)}` : null,
      minor,
    ]);
  }
  await insert(
    pool,
    'participants',
    [
      'id',
      'full_name',
      'name_search',
      'nik_encrypted',
      'nik_hash',
      'gender',
      'birth_date',
      'birth_year',
      'phone',
      'email',
      'kecamatan_code',
      'village',
      'occupation',
      'has_disability',
      'consent_at',
      'consent_policy_version',
      'guardian_name',
      'guardian_consent',
    ],
    participantRows,
  );
  counts.participants = PARTICIPANTS;

  const events: unknown[][] = [];
  const links: unknown[][] = [];
  const registrations: unknown[][] = [];
  const checkIns: unknown[][] = [];
  const tickets = new Set<string>();
  const visibleEventIds: string[] = [];
  const runningTickets: Ticket[] = [];
  const registrationEvents = { platform: [] as string[], baseline: [] as string[] };

  type Kind = 'general' | 'registration' | 'running';
  const addEvent = (
    kind: Kind,
    startsAt: number,
    status: string,
    capacity: number,
    take: (eventId: string) => void,
  ) => {
    const id = randomUUID();
    const pillar = pick(PILLARS);
    const format =
      kind === 'general' ? pick(['offline', 'offline', 'offline', 'online', 'hybrid'] as const) : 'offline';
    const [kecamatanCode, kecamatanName] = pick(KECAMATAN);
    const title = `${PILLAR_LABEL[pillar]}: ${pick(TOPICS)} di ${format === 'online' ? 'Ruang Daring' : kecamatanName}`;
    const endsAt = startsAt + between(2, 4) * HOUR_MS;
    const closes = kind === 'general' && random() < 0.3 ? startsAt - DAY_MS : null;
    events.push([
      id,
      title,
      title.toLowerCase(),
      `Pelatihan ${PILLAR_LABEL[pillar]} Gerakan Bangga Macapat bagi ` +
        `warga Kabupaten Purbalingga. Peserta membawa ponsel pintar.`,
      pillar,
      format,
      format === 'online' ? null : `Balai Desa ${pick(VILLAGES)}`,
      format === 'online' ? null : kecamatanCode,
      format === 'offline' ? null : 'https://meet.example.id/bangga-macapat',
      new Date(startsAt),
      new Date(endsAt),
      capacity,
      true,
      null,
      kind === 'running' ? new Date(startsAt) : closes === null ? null : new Date(closes),
      pick(['general', 'umkm,general', 'student,teacher', 'village_official', 'homemaker,umkm', 'senior_citizen']),
      status,
      status === 'cancelled' ? 'Narasumber berhalangan hadir' : null,
    ]);
    if (status === 'published' || status === 'completed') visibleEventIds.push(id);
    if (kind === 'general' && random() < 0.3) {
      const chosen = new Set<string>();
      const n = between(1, 2);
      while (chosen.size < n) chosen.add(pick(partnerIds));
      for (const partnerId of chosen) links.push([id, partnerId]);
    }
    take(id);
    return id;
  };

  /**
   * Adds `confirmed` + `waitlisted` active (or cancelled, for a cancelled event) registrations; returns the counters.
   */
  const register = (
    eventId: string,
    startsAt: number,
    confirmed: number,
    waitlisted: number,
    pool0: number,
    poolSize: number,
    opts: { cancelled?: boolean; attended?: number; running?: boolean } = {},
  ) => {
    const taken = new Set<number>();
    while (taken.size < confirmed + waitlisted) taken.add(pool0 + Math.floor(random() * poolSize));
    let n = 0;
    for (const p of taken) {
      const participantId = participantIds[p];
      const isWaitlisted = n >= confirmed;
      const status = opts.cancelled ? 'cancelled' : isWaitlisted ? 'waitlisted' : 'confirmed';
      const id = randomUUID();
      const ticketCode = newTicket(tickets);
      const createdAt = new Date(Math.min(now, startsAt) - between(1, 20) * DAY_MS - between(0, 600) * 60_000);
      registrations.push([
        id,
        eventId,
        participantId,
        status === 'cancelled' ? null : participantId,
        status,
        status === 'waitlisted' ? n - confirmed + 1 : null,
        ticketCode,
        random() < 0.7 ? 'self' : 'staff',
        status === 'cancelled' ? createdAt : null,
        createdAt,
        createdAt,
      ]);
      if (opts.running) runningTickets.push({ eventId, ticketCode });
      if (status === 'confirmed' && opts.attended && random() < opts.attended) {
        checkIns.push([id, eventId, participantId, new Date(startsAt + between(0, 40) * 60_000), input.staffUserId]);
      }
      n++;
    }
    return opts.cancelled ? [0, 0] : [confirmed, waitlisted];
  };
  const counters: Map<string, [number, number]> = new Map();

  // The bulk: two years of trainings, every month, pillar and kecamatan, mostly published.
  const general = EVENTS - 2 * REGISTRATION_EVENTS - RUNNING_EVENTS;
  for (let i = 0; i < general; i++) {
    const dayOffset = Math.floor((i / general) * 720) - 540;
    const startsAt = jakartaMidnight(now + dayOffset * DAY_MS) + between(8, 14) * HOUR_MS;
    const roll = random();
    const past = startsAt < now;
    const status = roll < 0.04 ? 'draft' : roll < 0.09 ? 'cancelled' : past && roll < 0.35 ? 'completed' : 'published';
    const capacity = pick([25, 30, 40, 50, 60, 80, 100, 150]);
    addEvent('general', startsAt, status, capacity, (id) => {
      if (status === 'draft') return;
      const full = !past && random() < 0.1;
      const confirmed = full ? capacity : Math.floor(capacity * (past ? 0.5 + random() * 0.5 : random() * 0.9));
      const waitlisted = full ? between(1, 10) : 0;
      counters.set(
        id,
        register(id, startsAt, confirmed, waitlisted, 0, PARTICIPANTS, {
          cancelled: status === 'cancelled',
          attended: past ? 0.75 : 0,
        }) as [number, number],
      );
    });
  }
  // Open events with room for every request of the registration runs.
  for (const side of ['platform', 'baseline'] as const) {
    for (let i = 0; i < REGISTRATION_EVENTS; i++) {
      const startsAt = jakartaMidnight(now + between(20, 50) * DAY_MS) + between(8, 14) * HOUR_MS;
      registrationEvents[side].push(
        addEvent('registration', startsAt, 'published', REGISTRATION_CAPACITY, (id) => {
          counters.set(id, register(id, startsAt, 20, 0, 0, RESERVED_PARTICIPANTS) as [number, number]);
        }),
      );
    }
  }
  // Trainings running now: their tickets are scanned by the check-in run.
  for (let i = 0; i < RUNNING_EVENTS; i++) {
    const startsAt = now - HOUR_MS;
    addEvent('running', startsAt, 'published', RUNNING_CONFIRMED + 100, (id) => {
      counters.set(
        id,
        register(id, startsAt, RUNNING_CONFIRMED, 0, 0, PARTICIPANTS, { running: true }) as [number, number],
      );
    });
  }
  for (const row of events) {
    const [confirmed, waitlisted] = counters.get(row[0] as string) ?? [0, 0];
    row.push(confirmed, waitlisted);
  }

  await insert(
    pool,
    'events',
    [
      'id',
      'title',
      'title_search',
      'description',
      'pillar',
      'format',
      'venue',
      'kecamatan_code',
      'online_url',
      'starts_at',
      'ends_at',
      'capacity',
      'waitlist_enabled',
      'registration_opens_at',
      'registration_closes_at',
      'target_groups',
      'status',
      'cancel_reason',
      'confirmed_count',
      'waitlisted_count',
    ],
    events,
  );
  await insert(pool, 'event_partners', ['event_id', 'partner_id'], links);
  await insert(
    pool,
    'registrations',
    [
      'id',
      'event_id',
      'participant_id',
      'active_key',
      'status',
      'waitlist_position',
      'ticket_code',
      'source',
      'cancelled_at',
      'created_at',
      'updated_at',
    ],
    registrations,
  );
  await insert(
    pool,
    'check_ins',
    ['registration_id', 'event_id', 'participant_id', 'checked_in_at', 'checked_in_by'],
    checkIns,
  );
  counts.events = events.length;
  counts.visibleEvents = visibleEventIds.length;
  counts.eventPartners = links.length;
  counts.registrations = registrations.length;
  counts.checkIns = checkIns.length;

  // Shuffled so consecutive scans hit different trainings, as several doors would.
  for (let i = runningTickets.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [runningTickets[i], runningTickets[j]] = [runningTickets[j], runningTickets[i]];
  }
  return { visibleEventIds, registrationEvents, participantIds, tickets: runningTickets, partnerIds, counts };
}

/** Approved and pending bookings on the studio's next two weeks of working days (on the grid, buffers kept). */
export async function seedBookings(
  pool: Pool,
  studioId: string,
  partnerIds: string[],
  staffUserId: string,
): Promise<number> {
  const now = Date.now();
  const rows: unknown[][] = [];
  const today = jakartaMidnight(now);
  for (let d = 1; d <= 21; d++) {
    const midnight = today + d * DAY_MS;
    const weekday = new Date(midnight + JAKARTA_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // 09:00-10:00, 10:30-12:00 and 13:30-15:00 local on alternate days.
    const spans: [number, number][] =
      d % 2
        ? [
            [9, 10],
            [10.5, 12],
          ]
        : [
            [9, 10],
            [13.5, 15],
          ];
    for (const [from, to] of spans) {
      const startsAt = new Date(midnight + from * HOUR_MS);
      const status = random() < 0.7 ? 'approved' : 'pending';
      rows.push([
        randomUUID(),
        studioId,
        pick(partnerIds),
        staffUserId,
        startsAt,
        new Date(midnight + to * HOUR_MS),
        `Rekaman podcast ${pick(TOPICS).toLowerCase()}`,
        null,
        between(2, 6),
        status,
        status === 'approved' ? staffUserId : null,
        status === 'approved' ? new Date(now) : null,
      ]);
    }
  }
  await insert(
    pool,
    'bookings',
    [
      'id',
      'studio_id',
      'partner_id',
      'created_by',
      'starts_at',
      'ends_at',
      'topic',
      'description',
      'guest_count',
      'status',
      'decided_by',
      'decided_at',
    ],
    rows,
  );
  return rows.length;
}

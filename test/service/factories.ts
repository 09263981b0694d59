import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils.js';
import { deriveLookupKey, encrypt, lookupHash } from '../../src/common/crypto.js';
import { newTicketCode } from '../../src/registrations/ticket-code.js';
import { nikFor } from '../support/nik-serial.js';
import type { ServiceTest } from './service-test.js';

/**
 * Direct-insert factories for the service tier: plain INSERTs with the columns the migrations define, so a test
 * sets up in milliseconds what the e2e suites make through the API. Every call makes new rows with unique keys;
 * defaults are a plain valid row, and a test names only what it is about. They bypass the services' rules
 * (seat counts, waitlist order, audit rows) on purpose: a test states the data, then checks the rule it reads.
 */

/** A UTC timestamp literal both drivers store as given (what TypeORM writes for a Date). */
const sqlTime = (d: Date) => DateUtils.mixedDateToUtcDatetimeString(d);
const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
let seq = 0;
const unique = () => `${process.pid}.${Date.now().toString(36)}.${++seq}`;

async function insert(ds: DataSource, table: string, row: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(row);
  const values = columns.map((c) => {
    const v = row[c];
    if (v instanceof Date) return sqlTime(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  });
  await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
}

export interface UserRow {
  id: string;
  email: string;
  role: string;
  partnerId: string | null;
}

export interface PartnerRow {
  id: string;
  name: string;
}

export interface ParticipantRow {
  id: string;
  nik: string | null;
  gender: 'male' | 'female';
  birthDate: string | null;
}

export interface EventRow {
  id: string;
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
}

export interface RegistrationRow {
  id: string;
  eventId: string;
  participantId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
}

export function factories(st: ServiceTest) {
  const ds = st.dataSource;
  const dataKey = st.config.dataEncryptionKey;
  const lookupKey = deriveLookupKey(dataKey);

  return {
    /** An account row; its password hash is not a usable one (service tests never sign in). */
    async user(o: { role?: string; partnerId?: string | null; email?: string; fullName?: string } = {}) {
      const row: UserRow = {
        id: randomUUID(),
        email: o.email ?? `user.${unique()}@uji.banggamacapat.id`,
        role: o.role ?? 'staff',
        partnerId: o.partnerId ?? null,
      };
      await insert(ds, 'users', {
        id: row.id,
        email: row.email,
        password_hash: 'not-a-password-hash',
        full_name: o.fullName ?? `Uji ${row.role}`,
        role: row.role,
        partner_id: row.partnerId,
        is_active: true,
      });
      return row;
    },

    async partner(o: { name?: string; type?: string; isActive?: boolean } = {}) {
      const row: PartnerRow = { id: randomUUID(), name: o.name ?? `Mitra Uji ${unique()}` };
      await insert(ds, 'partners', {
        id: row.id,
        name_key: row.name.toLowerCase(),
        name: row.name,
        type: o.type ?? 'community',
        is_active: o.isActive ?? true,
      });
      return row;
    },

    /**
     * A participant with the NIK stored as the service stores it (AES-GCM ciphertext and keyed lookup hash,
     * common/crypto.ts, with the configured key). `erased: true` is a profile after erasure: no NIK, birth date or
     * contact, the birth year kept (the age on each registration is the registration's `ageAtEvent`).
     */
    async participant(
      o: {
        gender?: 'male' | 'female';
        birthDate?: string;
        kecamatanCode?: string;
        occupation?: string;
        fullName?: string;
        userId?: string | null;
        nik?: string;
        phone?: string | null;
        email?: string | null;
        erased?: boolean;
      } = {},
    ) {
      const gender = o.gender ?? 'female';
      const birthDate = o.birthDate ?? '1990-01-15';
      const erased = o.erased ?? false;
      const nik = erased ? null : (o.nik ?? nikFor(birthDate, gender));
      const fullName = erased ? 'Dihapus' : (o.fullName ?? 'Siti Rahayu');
      const row: ParticipantRow = { id: randomUUID(), nik, gender, birthDate: erased ? null : birthDate };
      await insert(ds, 'participants', {
        id: row.id,
        user_id: o.userId ?? null,
        full_name: fullName,
        name_search: fullName.toLowerCase(),
        nik_encrypted: nik ? encrypt(nik, dataKey) : null,
        nik_hash: nik ? lookupHash(nik, lookupKey) : null,
        gender,
        birth_date: row.birthDate,
        birth_year: Number(birthDate.slice(0, 4)),
        phone: erased ? null : (o.phone ?? null),
        email: erased ? null : (o.email ?? null),
        kecamatan_code: o.kecamatanCode ?? '33.03.11',
        occupation: o.occupation ?? 'umkm',
        has_disability: false,
        consent_at: new Date(),
        consent_policy_version: '2026-11',
        guardian_consent: false,
        erased_at: erased ? new Date() : null,
      });
      return row;
    },

    /** A published offline training of two hours from `startsAt` (default: in two days), co-hosted by `partnerIds`. */
    async event(
      o: {
        startsAt?: Date;
        endsAt?: Date;
        status?: 'draft' | 'published' | 'cancelled' | 'completed';
        pillar?: string;
        format?: 'offline' | 'online' | 'hybrid';
        kecamatanCode?: string | null;
        capacity?: number;
        title?: string;
        partnerIds?: string[];
      } = {},
    ) {
      const startsAt = o.startsAt ?? plusHours(new Date(), 48);
      const endsAt = o.endsAt ?? plusHours(startsAt, 2);
      const format = o.format ?? 'offline';
      const title = o.title ?? 'Literasi Digital untuk UMKM Purbalingga';
      const venue = format === 'online' ? null : 'Pendopo Dipokusumo';
      const row: EventRow = { id: randomUUID(), title, venue, startsAt, endsAt };
      await insert(ds, 'events', {
        id: row.id,
        title,
        title_search: title.toLowerCase(),
        description: 'Data uji tingkat layanan',
        pillar: o.pillar ?? 'digital_skills',
        format,
        venue,
        kecamatan_code: o.kecamatanCode === undefined ? (format === 'online' ? null : '33.03.11') : o.kecamatanCode,
        online_url: format === 'offline' ? null : 'https://meet.example.id/uji',
        starts_at: startsAt,
        ends_at: endsAt,
        capacity: o.capacity ?? 30,
        waitlist_enabled: true,
        registration_closes_at: startsAt,
        target_groups: 'umkm',
        status: o.status ?? 'published',
      });
      for (const partnerId of o.partnerIds ?? [])
        await insert(ds, 'event_partners', { event_id: row.id, partner_id: partnerId });
      return row;
    },

    /** A registration as stored (the event's seat counters are not touched: no rule under test reads them here). */
    async registration(
      eventId: string,
      participantId: string,
      o: {
        status?: 'confirmed' | 'waitlisted' | 'cancelled';
        waitlistPosition?: number | null;
        ageAtEvent?: number | null;
        source?: 'self' | 'staff' | 'walk_in';
      } = {},
    ) {
      const status = o.status ?? 'confirmed';
      const row: RegistrationRow = { id: randomUUID(), eventId, participantId, status };
      await insert(ds, 'registrations', {
        id: row.id,
        event_id: eventId,
        participant_id: participantId,
        active_key: status === 'cancelled' ? null : participantId,
        status,
        waitlist_position: status === 'waitlisted' ? (o.waitlistPosition ?? 1) : null,
        ticket_code: newTicketCode(),
        source: o.source ?? 'staff',
        age_at_event: o.ageAtEvent ?? null,
        cancelled_at: status === 'cancelled' ? new Date() : null,
      });
      return row;
    },

    /** A check-in of the registration, by `by` (a user id), at `at` (default: now). */
    async checkIn(registration: RegistrationRow, by: string, o: { at?: Date; source?: 'staff' | 'code' } = {}) {
      await insert(ds, 'check_ins', {
        registration_id: registration.id,
        event_id: registration.eventId,
        participant_id: registration.participantId,
        checked_in_at: o.at ?? new Date(),
        checked_in_by: by,
        source: o.source ?? 'staff',
      });
    },

    /** Version `version` of a pillar's question set of `questionCount` questions (every correct answer option 0). */
    async quizVersion(pillar: string, createdBy: string, o: { version?: number; questionCount?: number } = {}) {
      const id = randomUUID();
      const questionCount = o.questionCount ?? 5;
      const questions = Array.from({ length: questionCount }, (_, i) => ({
        text: `Pertanyaan ${i + 1}: manakah yang benar?`,
        options: ['Pilihan A', 'Pilihan B', 'Pilihan C', 'Pilihan D'],
        correctIndex: 0,
      }));
      await insert(ds, 'quiz_versions', {
        id,
        pillar,
        version: o.version ?? 1,
        question_count: questionCount,
        questions: JSON.stringify(questions),
        created_by: createdBy,
      });
      return { id, questionCount };
    },

    /** A pre or post test of the registration on that version, scoring `score` (a multiple of 100 / questions). */
    async quizAttempt(
      registrationId: string,
      phase: 'pre' | 'post',
      score: number,
      version: { id: string; questionCount: number },
    ) {
      const correct = Math.round((score / 100) * version.questionCount);
      await insert(ds, 'quiz_attempts', {
        registration_id: registrationId,
        phase,
        quiz_version_id: version.id,
        correct_count: correct,
        question_count: version.questionCount,
        score,
        answers: JSON.stringify(Array.from({ length: version.questionCount }, (_, i) => (i < correct ? 0 : 1))),
      });
    },

    async evaluation(registrationId: string, rating: number, comment: string | null = null) {
      await insert(ds, 'evaluations', { registration_id: registrationId, rating, comment });
    },

    /** A failed sign-in as the login limiter records it, made `createdAt`. */
    async loginFailure(createdAt: Date, o: { email?: string; clientAddress?: string } = {}) {
      await insert(ds, 'login_failures', {
        id: randomUUID(),
        email: o.email ?? `salah.${unique()}@uji.banggamacapat.id`,
        client_address: o.clientAddress ?? '127.0.0.1',
        created_at: createdAt,
      });
    },

    /** `count` stored idempotent answers of the user, made `createdAt`, holding personal data as real ones do. */
    async idempotencyKeys(userId: string, count: number, createdAt: Date): Promise<string[]> {
      const ids = Array.from({ length: count }, () => randomBytes(32).toString('hex'));
      const body = JSON.stringify({ fullName: 'Siti Rahayu', phone: '081234567890' });
      for (let i = 0; i < ids.length; i += 200) {
        const batch = ids.slice(i, i + 200);
        await ds.query(
          'INSERT INTO idempotency_keys (id, user_id, request_hash, status_code, response_body, created_at) VALUES ' +
            batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', '),
          batch.flatMap((id) => [id, userId, randomBytes(32).toString('hex'), 201, body, sqlTime(createdAt)]),
        );
      }
      return ids;
    },

    /** A refresh token row of the user (its hash random: no token exists for it). */
    async refreshToken(userId: string, times: { expiresAt: Date; revokedAt?: Date; usedAt?: Date; createdAt?: Date }) {
      const id = randomUUID();
      await insert(ds, 'refresh_tokens', {
        id,
        user_id: userId,
        family_id: randomUUID(),
        token_hash: randomBytes(32).toString('hex'),
        expires_at: times.expiresAt,
        used_at: times.usedAt ?? null,
        revoked_at: times.revokedAt ?? null,
        created_at: times.createdAt ?? new Date(),
      });
      return id;
    },
  };
}

export type Factories = ReturnType<typeof factories>;

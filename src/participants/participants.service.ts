import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { decrypt, deriveLookupKey, encrypt, lookupHash } from '../common/crypto.js';
import { foldCase } from '../common/fold-case.js';
import { Page, page } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { badInput, conflict, notFound } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { uniqueOr } from '../database/unique-conflict.js';
import { rowById } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { RegionsService } from '../regions/regions.service.js';
import { UsersService } from '../users/users.service.js';
import {
  ListParticipantsQuery,
  ParticipantBodyDto,
  ParticipantResponseDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import { checkNikMatchesPerson, normaliseNikInput, parseNik } from './nik.js';
import { NikChangeLimiter } from './nik-change-limiter.js';
import { CONSENT_POLICY_VERSION, guardianProblem, jakartaToday } from './participant-rules.js';
import { Participant } from './participant.entity.js';
import type { ParticipantContact } from '../notifications/notification-sources.service.js';

const ERASED_NAME = 'Terhapus';
/** Says nothing about whom the NIK belongs to: that answer, repeated, was an oracle for other people's NIKs. */
const NIK_TAKEN = 'This NIK cannot be used. If it is yours, please contact Dinkominfo staff.';
/** What an admin filters the audit trail by to review refused NIK claims (GET /audit-logs?entityType=nik_claim). */
export const NIK_CLAIM_AUDIT_TYPE = 'nik_claim';

const nikTaken = () => conflict(NIK_TAKEN, 'nik_taken');

type Fields = Omit<ParticipantBodyDto, 'nik' | 'consent'> & { nik?: string | null };

/** A participant setting their own NIK: limited per account and address, refused claims recorded for review. */
interface SelfServiceClaim {
  actor: Actor;
  clientAddress: string;
}

/** The claimed NIK is another participant's; the attempt is counted and recorded, and the transaction commits. */
const REFUSED_CLAIM = Symbol('refused NIK claim');

@Injectable()
export class ParticipantsService {
  private readonly lookupKey: Buffer;
  private readonly dataKey: Buffer;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limiter: NikChangeLimiter,
    private readonly users: UsersService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {
    this.dataKey = config.dataEncryptionKey;
    this.lookupKey = deriveLookupKey(config.dataEncryptionKey);
  }

  nikHash(nik: string): string {
    return lookupHash(nik, this.lookupKey);
  }

  /**
   * Creates or replaces the own profile. Setting a NIK other than the stored one is counted against the
   * account's and the client address's budgets (NikChangeLimiter); re-saving the same NIK, or none, is not.
   */
  async putMine(actor: Actor, dto: ParticipantBodyDto, clientAddress: string): Promise<ParticipantResponseDto> {
    const saved = await this.write(actor, async (em) => {
      const existing = await em.findOneBy(Participant, { userId: actor.id });
      const p = existing ?? em.create(Participant, { userId: actor.id });
      return this.apply(em, p, { ...dto, nik: dto.nik ?? null }, true, { actor, clientAddress });
    });
    // Thrown only now: the attempt's count and audit row had to commit first.
    if (saved === REFUSED_CLAIM) throw nikTaken();
    return ParticipantResponseDto.from(saved, this.dataKey);
  }

  async getMine(actor: Actor): Promise<ParticipantResponseDto> {
    return ParticipantResponseDto.from(await this.mine(actor), this.dataKey);
  }

  async mine(actor: Actor): Promise<Participant> {
    const p = await this.ds.getRepository(Participant).findOneBy({ userId: actor.id });
    if (!p) throw notFound('Participant profile');
    return p;
  }

  /** The person's own profile for the PDP export (personal-data module): as stored, with the NIK in clear. */
  async exportProfile(actor: Actor): Promise<{ id: string; profile: ParticipantResponseDto & { nik: string | null } }> {
    const p = await this.mine(actor);
    const profile = {
      ...ParticipantResponseDto.from(p, this.dataKey),
      nik: p.nikEncrypted ? decrypt(p.nikEncrypted, this.dataKey) : null,
    };
    return { id: p.id, profile };
  }

  /**
   * Erases personal data; gender, kecamatan, occupation, disability and birth YEAR stay so anonymous
   * report counts (by age group, region, group) keep adding up. The account is closed in the same transaction
   * (UsersService.closeAccountIn): its name, email and phone go too, and neither its password nor its tokens
   * work any more. `eraseElsewhere` runs in between, while the birth date is still there: the other modules'
   * part (src/personal-data/personal-data.service.ts).
   */
  async eraseIn(
    em: EntityManager,
    userId: string,
    eraseElsewhere: (p: { id: string; birthDate: string | null }) => Promise<void>,
  ): Promise<void> {
    const p = await em.findOneBy(Participant, { userId });
    if (!p) throw notFound('Participant profile');
    await this.users.closeAccountIn(em, userId);
    await eraseElsewhere(p);
    Object.assign(p, {
      fullName: ERASED_NAME,
      nameSearch: ERASED_NAME.toLowerCase(),
      nikEncrypted: null,
      nikHash: null,
      phone: null,
      email: null,
      birthDate: null,
      village: null,
      guardianName: null,
      userId: null,
      erasedAt: new Date(),
    });
    await em.save(p);
  }

  async create(dto: ParticipantBodyDto, actor: Actor): Promise<ParticipantResponseDto> {
    const saved = await this.write(actor, (em) =>
      this.apply(em, em.create(Participant, { userId: null }), { ...dto, nik: dto.nik ?? null }, true),
    );
    return ParticipantResponseDto.from(saved, this.dataKey);
  }

  async get(id: string): Promise<ParticipantResponseDto> {
    const p = await this.ds.getRepository(Participant).findOneBy({ id });
    if (!p || p.erasedAt) throw notFound('Participant');
    return ParticipantResponseDto.from(p, this.dataKey);
  }

  async update(id: string, dto: UpdateParticipantDto, actor: Actor): Promise<ParticipantResponseDto> {
    if (dto.consent !== undefined && dto.consent !== true)
      throw badInput('consent must be true', [{ field: 'consent', message: 'consent must be true' }]);
    const saved = await this.write(actor, async (em) => {
      const p = await em.findOneBy(Participant, { id });
      if (!p || p.erasedAt) throw notFound('Participant');
      const current: Fields = {
        fullName: p.fullName,
        gender: p.gender,
        birthDate: p.birthDate ?? '',
        phone: p.phone ?? '',
        email: p.email,
        kecamatanCode: p.kecamatanCode,
        village: p.village ?? '',
        occupation: p.occupation,
        hasDisability: p.hasDisability,
        guardianName: p.guardianName,
        guardianConsent: p.guardianConsent,
        nik: p.nikEncrypted ? decrypt(p.nikEncrypted, this.dataKey) : null,
      };
      const merged: Record<string, unknown> = { ...current };
      // Declared DTO fields exist even when absent from the body: only given values replace the stored ones.
      for (const [k, v] of Object.entries(dto)) if (v !== undefined && k !== 'consent') merged[k] = v;
      return this.apply(em, p, merged as Fields, false);
    });
    return ParticipantResponseDto.from(saved, this.dataKey);
  }

  async list(query: ListParticipantsQuery): Promise<Page<ParticipantResponseDto>> {
    const qb = this.ds.getRepository(Participant).createQueryBuilder('p').where('p.erasedAt IS NULL');
    if (query.kecamatanCode) qb.andWhere('p.kecamatanCode = :k', { k: query.kecamatanCode });
    const q = query.q?.trim();
    if (q) {
      const nik = normaliseNikInput(q);
      const phone = /^[+0-9][0-9 -]{6,}$/.test(q) ? normalisePhone(q) : null;
      const like = `%${foldCase(q).replace(/[!%_]/g, (c) => `!${c}`)}%`;
      const ors = ["p.nameSearch LIKE :like ESCAPE '!'"];
      const params: Record<string, string> = { like };
      if (/^[0-9]{16}$/.test(nik)) {
        ors.push('p.nikHash = :nikHash');
        params.nikHash = this.nikHash(nik);
      }
      if (phone) {
        ors.push('p.phone = :phone');
        params.phone = phone;
      }
      qb.andWhere(`(${ors.join(' OR ')})`, params);
    }
    const [rows, total] = await qb
      .orderBy('p.nameSearch', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return page(
      rows.map((r) => ParticipantResponseDto.from(r, this.dataKey)),
      total,
      query,
    );
  }

  private async write<T>(actor: Actor, work: (em: EntityManager) => Promise<T>): Promise<T> {
    // The NIK was checked inside the transaction, so a late collision is a concurrent save of the same NIK or profile.
    return uniqueOr(
      () => this.uow.run(actor, work),
      () => conflict('The profile was changed at the same time by another request; please retry'),
    );
  }

  /**
   * Validates the whole profile (NIK against birth date and gender, phone, guardian, kecamatan) and saves it.
   * For staff a NIK held by another participant is a 409 at once; for a participant's own claim, the NIK is
   * counted first (only once everything else is valid, so typing errors cost nothing), and a refusal is
   * recorded and answered with REFUSED_CLAIM so that both commit.
   */
  private async apply(em: EntityManager, p: Participant, f: Fields, freshConsent: boolean): Promise<Participant>;
  private async apply(
    em: EntityManager,
    p: Participant,
    f: Fields,
    freshConsent: boolean,
    claim: SelfServiceClaim,
  ): Promise<Participant | typeof REFUSED_CLAIM>;
  private async apply(
    em: EntityManager,
    p: Participant,
    f: Fields,
    freshConsent: boolean,
    claim?: SelfServiceClaim,
  ): Promise<Participant | typeof REFUSED_CLAIM> {
    const phone = normalisePhone(f.phone);
    if (!phone)
      throw badInput(
        'phone is not a valid Indonesian number',
        [{ field: 'phone', message: 'not a valid Indonesian phone number' }],
        'invalid_phone',
      );
    let nik: string | null = null;
    if (f.nik) {
      nik = normaliseNikInput(f.nik);
      const parsed = parseNik(nik);
      if (!parsed.ok) throw badInput(parsed.message, [{ field: 'nik', message: parsed.message }], 'nik_invalid');
      const mismatch = checkNikMatchesPerson(parsed.value, f.birthDate, f.gender);
      if (mismatch) throw badInput(mismatch, [{ field: 'nik', message: mismatch }], 'nik_mismatch');
    }
    const guardian = guardianProblem(f.birthDate, f.guardianName, f.guardianConsent, jakartaToday());
    if (guardian) throw badInput(guardian, [{ field: 'guardianConsent', message: guardian }], 'guardian_required');
    if (!(await this.regions.isKecamatan(em, f.kecamatanCode))) {
      throw badInput(
        'Unknown kecamatanCode',
        [{ field: 'kecamatanCode', message: 'not a kecamatan of Kabupaten Purbalingga' }],
        'unknown_kecamatan',
      );
    }
    const nikHash = nik ? this.nikHash(nik) : null;
    // A change is a NIK other than the one stored: saving the profile again with the same NIK is free.
    if (claim && nikHash && nikHash !== p.nikHash) await this.limiter.count(em, claim.actor.id, claim.clientAddress);
    const holder = nikHash
      ? await em
          .createQueryBuilder(Participant, 'p')
          .select('p.id', 'id')
          .where('p.nikHash = :h AND p.id != :id', { h: nikHash, id: p.id ?? '' })
          .getRawOne<{ id: string }>()
      : undefined;
    if (holder) {
      if (!claim) throw nikTaken();
      await this.recordRefusedClaim(em, claim.actor, holder.id, p.id ?? null);
      return REFUSED_CLAIM;
    }
    const fullName = f.fullName.trim();
    Object.assign(p, {
      fullName,
      nameSearch: foldCase(fullName),
      gender: f.gender,
      birthDate: f.birthDate,
      birthYear: Number(f.birthDate.slice(0, 4)),
      phone,
      email: f.email ? foldCase(f.email.trim()) || null : null,
      kecamatanCode: f.kecamatanCode,
      village: f.village.trim(),
      occupation: f.occupation,
      hasDisability: f.hasDisability ?? false,
      guardianName: f.guardianName?.trim() || null,
      guardianConsent: f.guardianConsent ?? false,
      nikEncrypted: nik ? encrypt(nik, this.dataKey) : null,
      nikHash,
    });
    if (freshConsent || !p.consentAt) {
      p.consentAt = new Date();
      p.consentPolicyVersion = CONSENT_POLICY_VERSION;
    }
    return em.save(p);
  }

  /**
   * One audit row per refused claim, for staff review: who tried (actor), whose profile holds the NIK
   * (entityId), and the claimant's own profile if any. Never the NIK itself, nor its hash.
   */
  private async recordRefusedClaim(
    em: EntityManager,
    actor: Actor,
    holderId: string,
    claimantParticipantId: string | null,
  ): Promise<void> {
    await this.audit.recordIn(em, actor, {
      action: 'create',
      entityType: NIK_CLAIM_AUDIT_TYPE,
      entityId: holderId,
      after: JSON.stringify({ outcome: 'refused', code: 'nik_taken', claimantParticipantId }),
    });
  }

  /** Whether the profile belongs to this user account (outcomes: a quiz is taken only on one's own registration). */
  isOwnedBy(em: EntityManager, participantId: string, userId: string): Promise<boolean> {
    return em.existsBy(Participant, { id: participantId, userId });
  }

  /** The contact columns of these profiles as stored, one statement for a whole batch (notification dispatch). */
  async contactRows(ids: string[]): Promise<ParticipantContact[]> {
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(', ');
    return (await this.ds.query(
      `SELECT id, user_id, email, phone, erased_at FROM participants WHERE id IN (${marks})`,
      ids,
    )) as ParticipantContact[];
  }

  // For other modules.

  /** The participant's `columns` (one statement, in the caller's transaction), or null. */
  row<K extends keyof Participant & string>(
    em: EntityManager,
    id: string,
    columns: readonly K[],
  ): Promise<Pick<Participant, K> | null> {
    return rowById(em, Participant, id, columns);
  }

  /** The id of the participant profile of this user account, or null. */
  async idOfUser(em: EntityManager, userId: string): Promise<string | null> {
    const p = await em.getRepository(Participant).findOne({ select: { id: true }, where: { userId } });
    return p?.id ?? null;
  }

  /** Full names by participant id (one query). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const people = await this.ds
      .getRepository(Participant)
      .find({ select: { id: true, fullName: true }, where: { id: In(ids) } });
    return new Map(people.map((p) => [p.id, p.fullName]));
  }
}

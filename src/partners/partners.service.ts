import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In, Raw, Repository } from 'typeorm';
import { foldCase } from '../common/fold-case.js';
import { Page, page } from '../common/pagination.js';
import { normalisePhone } from '../common/phone.js';
import { badInput, conflict, forbidden, notFound } from '../common/problem.js';
import { isStaff, type Actor } from '../common/actor.js';
import { uniqueOr } from '../database/unique-conflict.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  CreatePartnerDto,
  ListPartnersQuery,
  PARTNER_SELF_EDITABLE,
  PartnerCalendarTokenResponseDto,
  PartnerResponseDto,
  UpdatePartnerDto,
} from './dto/partner.dto.js';
import { Partner } from './partner.entity.js';
import { API_BASE_PATH } from '../config/api-prefix.js';

const nameKey = (name: string) => foldCase(name.trim().replace(/\s+/g, ' '));
const newCalendarToken = () => randomBytes(24).toString('base64url');
const nameTaken = () => conflict('A partner with this name already exists', 'partner_name_taken');

@Injectable()
export class PartnersService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
  ) {}

  private canSeeContact(actor: Actor | undefined, partnerId: string): boolean {
    return isStaff(actor) || (actor?.role === 'partner' && actor.partnerId === partnerId);
  }

  async create(dto: CreatePartnerDto, actor: Actor | null): Promise<PartnerResponseDto> {
    const fields = this.cleanFields(dto);
    const saved = await this.uow.run(actor, async (em) => {
      const partner = em.create(Partner, {
        ...fields,
        name: dto.name.trim(),
        nameKey: nameKey(dto.name),
        type: dto.type,
        isActive: true,
      });
      return uniqueOr(() => em.save(partner), nameTaken);
    });
    return PartnerResponseDto.from(saved, true);
  }

  async list(query: ListPartnersQuery, actor?: Actor): Promise<Page<PartnerResponseDto>> {
    const where: FindOptionsWhere<Partner> = {
      ...(isStaff(actor) ? {} : { isActive: true }),
      ...(query.type ? { type: query.type } : {}),
    };
    const q = query.q?.trim();
    if (q) {
      const like = `%${nameKey(q).replace(/[!%_]/g, (c) => `!${c}`)}%`;
      where.nameKey = Raw((column) => `${column} LIKE :like ESCAPE '!'`, { like });
    }
    const [rows, total] = await this.partners.findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(
      rows.map((p) => PartnerResponseDto.from(p, this.canSeeContact(actor, p.id))),
      total,
      query,
    );
  }

  async get(id: string, actor?: Actor): Promise<PartnerResponseDto> {
    const p = await this.partners.findOneBy({ id });
    if (!p || (!p.isActive && !this.canSeeContact(actor, id))) throw notFound('Partner');
    return PartnerResponseDto.from(p, this.canSeeContact(actor, id));
  }

  /** Admins change anything; a partner's own users only its description, contact and website. */
  async update(id: string, dto: UpdatePartnerDto, actor: Actor): Promise<PartnerResponseDto> {
    if (actor.role === 'partner') {
      if (actor.partnerId !== id) throw forbidden('Partner users may only edit their own partner', 'own_partner_only');
      // Declared DTO fields exist as own keys even when absent from the body (ES2022 class fields): look at values.
      const other = Object.entries(dto)
        .filter(([k, v]) => v !== undefined && !(PARTNER_SELF_EDITABLE as readonly string[]).includes(k))
        .map(([k]) => k);
      if (other.length > 0) {
        throw forbidden(`Partner users may not change ${other.join(', ')}`, 'partner_fields_forbidden');
      }
    }
    const fields = this.cleanFields(dto);
    const saved = await this.uow.run(actor, async (em) => {
      const p = await em.findOneBy(Partner, { id });
      if (!p) throw notFound('Partner');
      if (dto.name !== undefined) {
        p.name = dto.name.trim();
        p.nameKey = nameKey(dto.name);
      }
      if (dto.type !== undefined) p.type = dto.type;
      if (dto.isActive !== undefined) p.isActive = dto.isActive;
      Object.assign(p, fields);
      return uniqueOr(() => em.save(p), nameTaken);
    });
    return PartnerResponseDto.from(saved, true);
  }

  /**
   * The partner's feed token, made on the first request. The conditional update lets two first requests
   * on different processes agree on one token.
   */
  async calendarToken(id: string, actor: Actor): Promise<PartnerCalendarTokenResponseDto> {
    this.expectOwn(id, actor);
    const p = await this.partners.findOneBy({ id });
    if (!p) throw notFound('Partner');
    if (p.calendarToken) return feedResponse(p.id, p.calendarToken);
    await this.uow.run(actor, (em) =>
      em
        .createQueryBuilder()
        .update(Partner)
        .set({ calendarToken: newCalendarToken() })
        .where('id = :id AND calendar_token IS NULL', { id })
        .execute(),
    );
    const made = await this.partners.findOneByOrFail({ id });
    return feedResponse(made.id, made.calendarToken as string);
  }

  /** A new feed token: calendars subscribed with the old link stop updating at once. */
  async rotateCalendarToken(id: string, actor: Actor): Promise<PartnerCalendarTokenResponseDto> {
    this.expectOwn(id, actor);
    // Saved as an entity, so who rotated it when is in the audit trail (the token itself is omitted there).
    const saved = await this.uow.run(actor, async (em) => {
      const p = await em.findOneBy(Partner, { id });
      if (!p) throw notFound('Partner');
      p.calendarToken = newCalendarToken();
      return em.save(p);
    });
    return feedResponse(saved.id, saved.calendarToken as string);
  }

  /** The active partner whose feed the token opens; unknown partner and wrong token look the same (404). */
  async partnerForFeed(id: string, token: string | undefined): Promise<Partner> {
    const p = await this.partners.findOneBy({ id, isActive: true });
    const expected = Buffer.from(p?.calendarToken ?? '');
    const given = Buffer.from(token ?? '');
    if (!p || expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw notFound('Calendar');
    }
    return p;
  }

  private expectOwn(id: string, actor: Actor): void {
    if (actor.role === 'partner' && actor.partnerId !== id)
      throw forbidden("Partner users may only use their own partner's calendar");
  }

  private cleanFields(dto: UpdatePartnerDto): Partial<Partner> {
    const out: Partial<Partner> = {};
    for (const key of PARTNER_SELF_EDITABLE) {
      const value = dto[key];
      if (value === undefined) continue;
      const trimmed = typeof value === 'string' ? value.trim() || null : value;
      out[key] = trimmed;
    }
    if (typeof out.contactPhone === 'string') {
      const phone = normalisePhone(out.contactPhone);
      if (!phone)
        throw badInput(
          'Invalid phone number',
          [{ field: 'contactPhone', message: 'not a valid Indonesian phone number' }],
          'invalid_phone',
        );
      out.contactPhone = phone;
    }
    if (typeof out.contactEmail === 'string') out.contactEmail = foldCase(out.contactEmail);
    return out;
  }

  // For other modules (events lists and checks its co-hosting partners); `em` is the caller's.

  /** Whether the partner exists and is active. */
  isActive(em: EntityManager, id: string): Promise<boolean> {
    return em.existsBy(Partner, { id, isActive: true });
  }

  /** Whether every one of these ids is an existing partner. */
  async allExist(em: EntityManager, ids: string[]): Promise<boolean> {
    return (await em.countBy(Partner, { id: In(ids) })) === ids.length;
  }

  /**
   * The pieces of a written-out statement that add the partner's `id` and `name` (ordered by name) to the caller's
   * rows, joined on the caller's column holding the partner id: the events list and detail show their co-hosts in
   * the same statement, with no second round trip and no query builder on that busy path.
   */
  nameJoin(partnerIdColumn: string): { select: string; join: string; orderBy: string } {
    return {
      select: 'partner.id AS id, partner.name AS name',
      join: `JOIN partners partner ON partner.id = ${partnerIdColumn}`,
      orderBy: 'partner.name',
    };
  }

  // For other modules, inside their transaction (users, bookings): partners' rows are read only here.
  existsIn(em: EntityManager, id: string): Promise<boolean> {
    return em.existsBy(Partner, { id });
  }

  /** Whether any partner exists (the demo seed fills only an empty database). */
  async anyExists(): Promise<boolean> {
    return (await this.partners.count()) > 0;
  }

  /** The partner's name when it exists and is active, else null. */
  async activeNameIn(em: EntityManager, id: string): Promise<string | null> {
    const partner = await em.findOne(Partner, { where: { id }, select: { id: true, name: true, isActive: true } });
    return partner?.isActive ? partner.name : null;
  }

  async namesIn(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const partners = await em.find(Partner, { where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(partners.map((p) => [p.id, p.name]));
  }
}

const feedResponse = (partnerId: string, token: string): PartnerCalendarTokenResponseDto => ({
  partnerId,
  token,
  feedPath: `${API_BASE_PATH}/partners/${partnerId}/calendar.ics?token=${token}`,
});

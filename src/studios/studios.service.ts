import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { isValidOpeningHours } from './opening-hours.js';
import { Page, page, PageQueryDto } from '../common/pagination.js';
import { badInput, notFound } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { instantParam } from '../database/raw-values.js';
import { rowById, rowsWhere } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { ClosureResponseDto, CreateClosureDto } from './dto/closure.dto.js';
import {
  CalendarTokenResponseDto,
  CreateStudioDto,
  STUDIO_RULE_DEFAULTS,
  StudioResponseDto,
  UpdateStudioDto,
} from './dto/studio.dto.js';
import { StudioClosure } from './studio-closure.entity.js';
import { Studio, type OpeningHours } from './studio.entity.js';

/** A studio's shape for other modules (a type only: its rows are reached through this service). */
export type { Studio } from './studio.entity.js';
import { API_BASE_PATH } from '../config/api-prefix.js';

/** What a booking is checked against (src/bookings/booking-slots.ts), with the id. */
export const BOOKING_RULE_COLUMNS = [
  'id',
  'openingHours',
  'slotMinutes',
  'bufferMinutes',
  'minNoticeHours',
  'maxDurationMinutes',
  'maxAdvanceDays',
] as const;

const newCalendarToken = () => randomBytes(24).toString('base64url');

function checkOpeningHours(hours: OpeningHours[]): void {
  const problem = isValidOpeningHours(hours);
  if (problem) throw badInput('Invalid opening hours', [{ field: 'openingHours', message: problem }]);
}

/** @IsOptional() lets null through; only these fields may be cleared. */
const NULLABLE_FIELDS = new Set(['location', 'description', 'capacity']);

function refuseNulls(dto: object): void {
  const errors = Object.entries(dto)
    .filter(([key, value]) => value === null && !NULLABLE_FIELDS.has(key))
    .map(([field]) => ({ field, message: `${field} may not be null` }));
  if (errors.length) throw badInput('The request has invalid fields', errors);
}

const trimmed = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() || null : v);

@Injectable()
export class StudiosService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(Studio) private readonly studios: Repository<Studio>,
    @InjectRepository(StudioClosure) private readonly closures: Repository<StudioClosure>,
  ) {}

  async create(dto: CreateStudioDto, actor: Actor): Promise<StudioResponseDto> {
    refuseNulls(dto);
    checkOpeningHours(dto.openingHours);
    const saved = await this.uow.run(actor, (em) =>
      em.save(
        em.create(Studio, {
          ...this.rulesWithDefaults(dto),
          name: dto.name.trim(),
          location: trimmed(dto.location) ?? null,
          description: trimmed(dto.description) ?? null,
          capacity: dto.capacity ?? null,
          openingHours: this.plainHours(dto.openingHours),
          calendarToken: newCalendarToken(),
        }),
      ),
    );
    return StudioResponseDto.from(saved);
  }

  async update(id: string, dto: UpdateStudioDto, actor: Actor): Promise<StudioResponseDto> {
    refuseNulls(dto);
    if (dto.openingHours !== undefined) checkOpeningHours(dto.openingHours);
    const saved = await this.uow.run(actor, async (em) => {
      const studio = await this.lockedStudio(em, id);
      const { openingHours, name, location, description, ...rules } = dto;
      for (const [key, value] of Object.entries(rules)) {
        if (value !== undefined) Object.assign(studio, { [key]: value });
      }
      if (name !== undefined) studio.name = name.trim();
      if (location !== undefined) studio.location = trimmed(location) ?? null;
      if (description !== undefined) studio.description = trimmed(description) ?? null;
      if (openingHours !== undefined) studio.openingHours = this.plainHours(openingHours);
      return em.save(studio);
    });
    return StudioResponseDto.from(saved);
  }

  async list(query: PageQueryDto): Promise<Page<StudioResponseDto>> {
    const [rows, total] = await this.studios.findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(rows.map(StudioResponseDto.from), total, query);
  }

  async get(id: string): Promise<StudioResponseDto> {
    return StudioResponseDto.from(await this.find(id));
  }

  async find(id: string): Promise<Studio> {
    const studio = await this.studios.findOneBy({ id });
    if (!studio) throw notFound('Studio');
    return studio;
  }

  /**
   * Takes the studio's row lock, which every writer of its calendar (bookings, closures) holds, and
   * reads the studio afresh under it.
   */
  async lockedStudio(em: EntityManager, id: string): Promise<Studio> {
    if (!(await this.uow.lock(em, Studio, id))) throw notFound('Studio');
    return em.findOneByOrFail(Studio, { id });
  }

  async addClosure(studioId: string, dto: CreateClosureDto, actor: Actor): Promise<ClosureResponseDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt)
      throw badInput('The closure must end after it starts', [{ field: 'endsAt', message: 'must be after startsAt' }]);
    const saved = await this.uow.run(actor, async (em) => {
      await this.lockedStudio(em, studioId);
      return em.save(
        em.create(StudioClosure, { studioId, startsAt, endsAt, reason: dto.reason.trim(), createdBy: actor.id }),
      );
    });
    return ClosureResponseDto.from(saved);
  }

  async listClosures(studioId: string, query: PageQueryDto): Promise<Page<ClosureResponseDto>> {
    await this.find(studioId);
    const [rows, total] = await this.closures.findAndCount({
      where: { studioId },
      order: { startsAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(rows.map(ClosureResponseDto.from), total, query);
  }

  async removeClosure(studioId: string, closureId: string, actor: Actor): Promise<void> {
    await this.uow.run(actor, async (em) => {
      await this.lockedStudio(em, studioId);
      const closure = await em.findOneBy(StudioClosure, { id: closureId, studioId });
      if (!closure) throw notFound('Closure');
      await em.remove(closure);
    });
  }

  async calendarToken(studioId: string): Promise<CalendarTokenResponseDto> {
    const studio = await this.find(studioId);
    return this.tokenResponse(studio);
  }

  /** A new feed token; subscriptions made with the old one stop working at once. */
  async rotateCalendarToken(studioId: string, actor: Actor): Promise<CalendarTokenResponseDto> {
    const saved = await this.uow.run(actor, async (em) => {
      const studio = await this.lockedStudio(em, studioId);
      studio.calendarToken = newCalendarToken();
      return em.save(studio);
    });
    return this.tokenResponse(saved);
  }

  /** Studios by id (names and places for a partner's calendar feed). */
  byIds(ids: string[]): Promise<Studio[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.studios.findBy({ id: In(ids) });
  }

  /** The studio whose feed the token opens; an unknown studio and a wrong token look the same (404). */
  async studioForFeed(studioId: string, token: string | undefined): Promise<Studio> {
    const studio = await this.studios.findOneBy({ id: studioId });
    const expected = Buffer.from(studio?.calendarToken ?? '');
    const given = Buffer.from(token ?? '');
    if (!studio || !token || expected.length !== given.length || !timingSafeEqual(expected, given))
      throw notFound('Calendar');
    return studio;
  }

  /** DTO fields exist even when not sent (as undefined), so defaults are applied field by field. */
  private rulesWithDefaults(dto: CreateStudioDto): typeof STUDIO_RULE_DEFAULTS {
    const rules = { ...STUDIO_RULE_DEFAULTS };
    for (const key of Object.keys(rules) as (keyof typeof rules)[]) {
      const value = dto[key];
      if (typeof value === 'number') Object.assign(rules, { [key]: value });
    }
    return rules;
  }

  private tokenResponse(studio: Studio): CalendarTokenResponseDto {
    return {
      studioId: studio.id,
      token: studio.calendarToken,
      feedPath: `${API_BASE_PATH}/studios/${studio.id}/calendar.ics?token=${studio.calendarToken}`,
    };
  }

  /** Only the three fields, in a stable order, whatever else class-transformer left on the objects. */
  private plainHours(hours: OpeningHours[]): OpeningHours[] {
    return hours
      .map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes }))
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
  }

  /**
   * The closures of a studio overlapping [start, end) (their times only), inside the caller's transaction: bookings'
   * checks and the availability every partner's calendar asks for, so written out (database/row-statements.ts).
   */
  closuresIn(
    em: EntityManager,
    studioId: string,
    start: Date,
    end: Date,
  ): Promise<Pick<StudioClosure, 'startsAt' | 'endsAt'>[]> {
    const at = (d: Date) => instantParam(em.connection.driver.options.type, d);
    return rowsWhere(
      em,
      StudioClosure,
      ['startsAt', 'endsAt'],
      'WHERE t.studio_id = ? AND t.starts_at < ? AND t.ends_at > ?',
      [studioId, at(end), at(start)],
    );
  }

  /** The studio's booking rules (no lock): what the availability of a day is computed from. */
  async bookingRules(id: string): Promise<Pick<Studio, (typeof BOOKING_RULE_COLUMNS)[number]>> {
    const studio = await rowById(this.studios.manager, Studio, id, BOOKING_RULE_COLUMNS);
    if (!studio) throw notFound('Studio');
    return studio;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { page, type Page } from '../common/pagination.js';
import { notFound } from '../common/problem.js';
import { inBatches, writeTable, type TableFormat } from '../common/tabular-export.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { rawInstant, rawInt } from '../database/raw-values.js';
import { EventsService } from '../events/events.service.js';
import { maskedNikOf } from '../participants/masked-nik.js';
import { attendanceColumns } from './attendance-columns.js';
import {
  AttendanceQuery,
  AttendanceResponseDto,
  AttendanceRowDto,
  AttendanceSummaryDto,
} from './dto/attendance.dto.js';
import type { CheckInListResponseDto } from './dto/check-in-list.dto.js';

const EXPORT_BATCH = 500;
/**
 * A change is stamped before its transaction commits, so a read at T can miss a change stamped just before T
 * and committed just after. `since` reaches back this far; the device upserts, so repeats do no harm.
 */
const SINCE_OVERLAP_MS = 2 * 60_000;
/** The event columns the sheets show or name their file by. */
const SHEET_EVENT = ['id', 'title', 'startsAt', 'capacity'] as const;
type SheetEvent = { id: string; title: string; startsAt: Date; capacity: number };

/**
 * The attendance sheets and the door devices' check-in list: a read model (like src/reports/, see
 * docs/read-models.md). Each answer is one statement over registrations, participants, kecamatan, check-ins and
 * the checking-in user, paged and ordered by name; asking each owner for its rows would multiply the queries the
 * door devices and the 10,000-row exports run. So it reads those tables by name, imports no entity of theirs and
 * never writes them; the event itself comes from EventsService.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async event(eventId: string): Promise<SheetEvent> {
    const e = await this.events.row(this.ds.manager, eventId, SHEET_EVENT);
    if (!e) throw notFound('Event');
    return e;
  }

  async attendance(eventId: string, query: AttendanceQuery): Promise<AttendanceResponseDto & Page<AttendanceRowDto>> {
    const event = await this.event(eventId);
    const summary = await this.summary(event);
    const base = this.rows(eventId, query.attended);
    const counted = await base.clone().select('COUNT(*)', 'n').orderBy().getRawOne<{ n: unknown }>();
    const total = rawInt(counted?.n);
    const raw = await base.offset(query.offset).limit(query.limit).getRawMany();
    return {
      summary,
      ...page(
        raw.map((x) => toRow(x, this.config.dataEncryptionKey)),
        total,
        query,
      ),
    };
  }

  /** Counts from the rows themselves in one aggregate query, so the summary always adds up with the list. */
  async summary(event: Pick<SheetEvent, 'id' | 'capacity'>): Promise<AttendanceSummaryDto> {
    const raw = await this.ds
      .createQueryBuilder()
      .from('registrations', 'r')
      .leftJoin('check_ins', 'c', 'c.registration_id = r.id')
      .select("SUM(CASE WHEN r.status = 'confirmed' THEN 1 ELSE 0 END)", 'confirmed')
      .addSelect("SUM(CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END)", 'waitlisted')
      .addSelect("SUM(CASE WHEN r.status = 'cancelled' THEN 1 ELSE 0 END)", 'cancelled')
      .addSelect(
        "SUM(CASE WHEN r.status = 'confirmed' AND c.registration_id IS NOT NULL THEN 1 ELSE 0 END)",
        'attended',
      )
      .addSelect("SUM(CASE WHEN r.status = 'confirmed' AND r.source = 'walk_in' THEN 1 ELSE 0 END)", 'walkIns')
      .where('r.event_id = :id', { id: event.id })
      .getRawOne<Record<string, unknown>>();
    const confirmed = rawInt(raw?.confirmed);
    const attended = rawInt(raw?.attended);
    return {
      capacity: event.capacity,
      confirmed,
      waitlisted: rawInt(raw?.waitlisted),
      cancelled: rawInt(raw?.cancelled),
      attended,
      walkIns: rawInt(raw?.walkIns),
      noShows: confirmed - attended,
      attendanceRate: confirmed === 0 ? 0 : Math.round((attended / confirmed) * 10_000) / 10_000,
    };
  }

  /**
   * Everything a door device needs to decide a scan alone, for every registration of the event (cancelled and
   * waitlisted included, so the device can say why a ticket is refused). One query, keyed by registration.
   */
  async checkInList(eventId: string, since: Date | undefined): Promise<CheckInListResponseDto> {
    await this.event(eventId);
    const generatedAt = new Date();
    const qb = this.ds
      .createQueryBuilder()
      .from('registrations', 'r')
      .innerJoin('participants', 'p', 'p.id = r.participant_id')
      .leftJoin('check_ins', 'c', 'c.registration_id = r.id')
      .select('r.id', 'registrationId')
      .addSelect('r.ticket_code', 'ticketCode')
      .addSelect('p.full_name', 'participantName')
      .addSelect('r.status', 'status')
      .addSelect('c.checked_in_at', 'checkedInAt')
      .where('r.event_id = :eventId', { eventId })
      .orderBy('r.id', 'ASC');
    if (since) {
      const from = new Date(since.getTime() - SINCE_OVERLAP_MS);
      qb.andWhere('(r.updated_at > :from OR c.updated_at > :from)', { from });
    }
    const raw = await qb.getRawMany<Record<string, unknown>>();
    return {
      generatedAt,
      data: raw.map((x) => ({
        registrationId: String(x.registrationId),
        ticketCode: String(x.ticketCode),
        participantName: String(x.participantName),
        status: x.status as CheckInListResponseDto['data'][number]['status'],
        checkedInAt: rawInstant(x.checkedInAt),
      })),
    };
  }

  /** Streams every row as CSV or XLSX in keyset batches: a 10,000-row event never sits in memory at once. */
  async export(
    event: Pick<SheetEvent, 'id'>,
    format: TableFormat,
    attended: boolean | undefined,
    out: Writable,
  ): Promise<void> {
    let no = 0;
    const batches = inBatches<AttendanceRowDto & { no: number; sortName: string }>(async (after, size) => {
      const qb = this.rows(event.id, attended);
      if (after) {
        qb.andWhere(
          new Brackets((w) =>
            w
              .where('p.name_search > :n', { n: after.sortName })
              .orWhere('(p.name_search = :n AND r.id > :rid)', { n: after.sortName, rid: after.registrationId }),
          ),
        );
      }
      const raw = await qb.limit(size).getRawMany();
      return raw.map((x) => ({ ...toRow(x, this.config.dataEncryptionKey), no: ++no, sortName: String(x.sortName) }));
    }, EXPORT_BATCH);
    await writeTable(out, format, 'Daftar Hadir', attendanceColumns(), batches);
  }

  /** Confirmed registrations with their person and check-in, by name (ties by id for a stable keyset). */
  private rows(eventId: string, attended: boolean | undefined): SelectQueryBuilder<object> {
    const qb = this.ds
      .createQueryBuilder()
      .from('registrations', 'r')
      .innerJoin('participants', 'p', 'p.id = r.participant_id')
      .innerJoin('kecamatan', 'k', 'k.code = p.kecamatan_code')
      .leftJoin('check_ins', 'c', 'c.registration_id = r.id')
      .leftJoin('users', 'u', 'u.id = c.checked_in_by')
      .select('r.id', 'registrationId')
      .addSelect('r.participant_id', 'participantId')
      .addSelect('p.full_name', 'fullName')
      .addSelect('p.name_search', 'sortName')
      .addSelect('p.nik_encrypted', 'nikEncrypted')
      .addSelect('p.gender', 'gender')
      .addSelect('p.kecamatan_code', 'kecamatanCode')
      .addSelect('k.name', 'kecamatanName')
      .addSelect('p.village', 'village')
      .addSelect('p.occupation', 'occupation')
      .addSelect('r.ticket_code', 'ticketCode')
      .addSelect('r.source', 'source')
      .addSelect('r.created_at', 'registeredAt')
      .addSelect('c.checked_in_at', 'checkedInAt')
      .addSelect('u.full_name', 'checkedInByName')
      .where("r.event_id = :eventId AND r.status = 'confirmed'", { eventId })
      .orderBy('p.name_search', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (attended === true) qb.andWhere('c.registration_id IS NOT NULL');
    if (attended === false) qb.andWhere('c.registration_id IS NULL');
    return qb;
  }
}

/** One answered row; the NIK mask is built here from the ciphertext (only rows of the page or batch get here). */
function toRow(x: Record<string, unknown>, dataKey: Buffer): AttendanceRowDto {
  const checkedInAt = rawInstant(x.checkedInAt);
  return {
    registrationId: String(x.registrationId),
    participantId: String(x.participantId),
    fullName: String(x.fullName),
    nikMasked: maskedNikOf(x.nikEncrypted as string | null, dataKey),
    gender: x.gender as AttendanceRowDto['gender'],
    kecamatanCode: String(x.kecamatanCode),
    kecamatanName: String(x.kecamatanName),
    village: (x.village as string | null) ?? null,
    occupation: x.occupation as AttendanceRowDto['occupation'],
    ticketCode: String(x.ticketCode),
    source: x.source as AttendanceRowDto['source'],
    registeredAt: rawInstant(x.registeredAt) as Date,
    attended: checkedInAt !== null,
    checkedInAt,
    checkedInByName: (x.checkedInByName as string | null) ?? null,
  };
}

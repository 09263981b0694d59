import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { conflict, notFound, ProblemException, ruleBroken } from '../common/problem.js';
import { insertRow } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { effectiveStatus } from '../events/event-rules.js';
import { EventsService } from '../events/events.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import {
  ATTENDANCE_CODE_GUESSES_PER_ACCOUNT,
  ATTENDANCE_CODE_GUESSES_PER_ADDRESS,
  codeIsValidAt,
  DEFAULT_CODE_MINUTES,
  GUESS_WINDOW_MS,
  newAttendanceCode,
  normaliseAttendanceCode,
  retryAfterSeconds,
} from './attendance-code-rules.js';
import { AttendanceCode, AttendanceCodeGuess } from './attendance-code.entity.js';
import { eventCheckInProblem } from './check-in-rules.js';
import { type CheckInOutcome, CheckInsService } from './check-ins.service.js';
import type { AttendanceCodeResponseDto, CreateAttendanceCodeDto } from './dto/attendance-code.dto.js';

const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);

/**
 * Self check-in for online and hybrid trainings: staff open a short code for a time window; a registered
 * participant who enters it is checked in through the same path as a scan at the door (source `code`),
 * which earns the certificate alike.
 */
@Injectable()
export class AttendanceCodesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    private readonly checkIns: CheckInsService,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
  ) {}

  async open(eventId: string, dto: CreateAttendanceCodeDto, actor: Actor): Promise<AttendanceCodeResponseDto> {
    return this.uow.run(actor, async (em) => {
      const event = await this.events.row(em, eventId, ['id', 'status', 'format', 'startsAt', 'endsAt']);
      if (!event) throw notFound('Event');
      if (event.format === 'offline') {
        throw ruleBroken(
          'Attendance codes are for online and hybrid trainings; scan tickets at the door instead',
          'event_not_online',
        );
      }
      // The same days as any check-in: a code opened before the event day could not be used anyway.
      const problem = eventCheckInProblem(effectiveStatus(event.status, event.endsAt), event.startsAt);
      if (problem) throw conflict(problem.message, problem.code);
      const now = new Date();
      const row = await insertRow(
        em,
        AttendanceCode,
        em.create(AttendanceCode, {
          eventId,
          code: newAttendanceCode(),
          validFrom: now,
          validUntil: new Date(now.getTime() + (dto.validMinutes ?? DEFAULT_CODE_MINUTES) * 60_000),
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return { id: row.id, eventId, code: row.code, validFrom: row.validFrom, validUntil: row.validUntil };
    });
  }

  /**
   * Every attempt is recorded before it is judged, then the attempts in the window are counted: of any
   * number of concurrent attempts (on any process) at most the limit see a count within it, so a burst
   * cannot slip through between a read and a write. A successful attempt's row is removed again, so a
   * class checking in from one school network uses up nothing.
   */
  async selfCheckIn(eventId: string, rawCode: string, actor: Actor, clientAddress: string): Promise<CheckInOutcome> {
    const address = clientAddress.slice(0, 64);
    const guess = await this.uow.run(null, (em) =>
      insertRow(
        em,
        AttendanceCodeGuess,
        em.create(AttendanceCodeGuess, { accountId: actor.id, clientAddress: address, createdAt: new Date() }),
      ),
    );
    await this.enforceLimits(actor.id, address);

    const event = await this.events.row(this.ds.manager, eventId, ['id', 'status']);
    if (!event || event.status === 'draft') throw notFound('Event');
    const registration = await this.registrations.activeIdOfUser(this.ds.manager, eventId, actor.id);
    if (!registration) throw conflict('You are not registered for this training', 'not_registered');

    const code = normaliseAttendanceCode(rawCode);
    const now = new Date();
    const matches = code ? await this.ds.getRepository(AttendanceCode).findBy({ eventId, code }) : [];
    if (!matches.some((m) => codeIsValidAt(m, now))) {
      if (matches.length)
        throw ruleBroken(
          'This attendance code has expired; ask the organiser for the current one',
          'attendance_code_expired',
        );
      throw ruleBroken('This is not the attendance code of this training', 'attendance_code_invalid');
    }

    const outcome = await this.checkIns.selfCheckIn(eventId, registration, actor);
    await this.uow.run(null, (em) => em.delete(AttendanceCodeGuess, { id: guess.id }));
    return outcome;
  }

  private async enforceLimits(accountId: string, address: string): Promise<void> {
    const now = new Date();
    const since = sqlTime(new Date(now.getTime() - GUESS_WINDOW_MS));
    const count = async (column: 'account_id' | 'client_address', value: string) => {
      const [row] = (await this.ds.query(
        `SELECT COUNT(*) AS n, MIN(created_at) AS oldest ` +
          `FROM attendance_code_guesses WHERE ${column} = ? AND created_at > ?`,
        [value, since],
      )) as { n: unknown; oldest: unknown }[];
      return { n: Number(row.n), oldest: toDate(row.oldest) ?? now };
    };
    for (const [column, value, limit] of [
      ['account_id', accountId, ATTENDANCE_CODE_GUESSES_PER_ACCOUNT],
      ['client_address', address, ATTENDANCE_CODE_GUESSES_PER_ADDRESS],
    ] as const) {
      const { n, oldest } = await count(column, value);
      if (n > limit) {
        throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          'Too many attendance code attempts; please wait before trying again',
          undefined,
          {
            'Retry-After': String(retryAfterSeconds(oldest, now)),
          },
          'rate_limited',
        );
      }
    }
  }
}

/** MIN(datetime) comes back as a Date (mysql2) or as the stored 'YYYY-MM-DD HH:MM:SS.mmm' UTC text (SQLite). */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const d = new Date(`${String(value).replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

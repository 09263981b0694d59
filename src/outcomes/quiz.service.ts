import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { page, type Page, type PageQueryDto } from '../common/pagination.js';
import { badInput, conflict, notFound, ProblemException, ruleBroken } from '../common/problem.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { uniqueOr } from '../database/unique-conflict.js';
import { insertRow } from '../database/row-statements.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { effectiveStatus } from '../events/event-rules.js';
import { CheckInsService } from '../attendance/check-ins.service.js';
import type { EventStatus, Pillar } from '../events/event-rules.js';
import { EventsService } from '../events/events.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { RegistrationStatus } from '../registrations/registration-rules.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import type {
  EvaluationDto,
  EvaluationResponseDto,
  PutQuizDto,
  QuizAttemptDto,
  QuizForRegistrationDto,
  QuizVersionResponseDto,
  SubmitQuizDto,
} from './dto/quiz.dto.js';
import { scoreAnswers } from './outcome-math.js';
import { Evaluation, QuizAttempt, type QuizPhase, QuizVersion } from './outcome.entities.js';
import { answerErrors, evaluationProblem, quizPhaseProblem, type Refusal } from './quiz-rules.js';

/** Tries at the next version number; each loser of a race retries on the new highest after a short random pause. */
const VERSION_ATTEMPTS = 10;

interface OwnRegistration {
  registration: { status: RegistrationStatus };
  event: { pillar: Pillar; status: EventStatus; startsAt: Date; endsAt: Date };
  attended: boolean;
}

@Injectable()
export class QuizService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly participants: ParticipantsService,
    private readonly events: EventsService,
    private readonly checkIns: CheckInsService,
  ) {}

  /**
   * A new version of the pillar's question set. Versions are numbered per pillar; two PUTs racing on
   * different processes read the same highest version, and the unique (pillar, version) index refuses
   * the second insert, which is then retried on the new highest.
   */
  async put(pillar: Pillar, dto: PutQuizDto, actor: Actor): Promise<QuizVersionResponseDto> {
    const errors = dto.questions.flatMap((q, i) =>
      q.correctIndex >= q.options.length
        ? [{ field: `questions.${i}.correctIndex`, message: `must be an index of options (0–${q.options.length - 1})` }]
        : [],
    );
    if (errors.length) throw badInput('The question set is invalid', errors);
    const questions = dto.questions.map((q) => ({
      text: q.text,
      options: [...q.options],
      correctIndex: q.correctIndex,
    }));
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await this.uow.run(actor, async (em) => {
          const [{ latest }] = (await em.query('SELECT MAX(version) AS latest FROM quiz_versions WHERE pillar = ?', [
            pillar,
          ])) as { latest: unknown }[];
          return em.save(
            em.create(QuizVersion, {
              pillar,
              version: Number(latest ?? 0) + 1,
              questionCount: questions.length,
              questions,
              createdBy: actor.id,
            }),
          );
        });
        return { id: saved.id, pillar, version: saved.version, questions: saved.questions, createdAt: saved.createdAt };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (attempt >= VERSION_ATTEMPTS)
          throw conflict('The question set was being changed at the same moment; please try again');
        await sleep(5 + Math.floor(Math.random() * 25));
      }
    }
  }

  async versions(pillar: Pillar, query: PageQueryDto): Promise<Page<QuizVersionResponseDto>> {
    const [rows, total] = await this.ds.getRepository(QuizVersion).findAndCount({
      where: { pillar },
      order: { version: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    return page(
      rows.map((v) => ({ id: v.id, pillar, version: v.version, questions: v.questions, createdAt: v.createdAt })),
      total,
      query,
    );
  }

  async forRegistration(registrationId: string, phase: QuizPhase, actor: Actor): Promise<QuizForRegistrationDto> {
    const own = await this.own(this.ds.manager, registrationId, actor);
    const current = await this.current(this.ds.manager, own.event.pillar);
    const attempt = await this.ds.getRepository(QuizAttempt).findOneBy({ registrationId, phase });
    const refusal = attempt ? { code: 'quiz_already_taken' } : problemOf(phase, own);
    return {
      registrationId,
      phase,
      pillar: own.event.pillar,
      version: current.version,
      questions: current.questions.map((q) => ({ text: q.text, options: q.options })),
      open: refusal === null,
      closedReason: refusal?.code ?? null,
      attempt: attempt ? await this.attemptBody(attempt) : null,
    };
  }

  async submit(registrationId: string, phase: QuizPhase, dto: SubmitQuizDto, actor: Actor): Promise<QuizAttemptDto> {
    return uniqueOr(
      () =>
        this.uow.run(actor, async (em) => {
          const own = await this.own(em, registrationId, actor);
          // Before the window's refusal: a participant who has answered is told so, also once the window closed.
          if (await em.existsBy(QuizAttempt, { registrationId, phase })) throw alreadyTaken(phase);
          const refusal = problemOf(phase, own);
          if (refusal) throw ruleBroken(refusal.detail, refusal.code);
          const current = await this.current(em, own.event.pillar);
          if (dto.version !== undefined && dto.version !== current.version) {
            throw conflict(`The question set changed (now version ${current.version}); load it again`, 'quiz_changed');
          }
          const errors = answerErrors(
            dto.answers,
            current.questions.map((q) => q.options.length),
          );
          if (errors.length) throw badInput('The answers do not fit the questions', errors);
          const score = scoreAnswers(current.questions, dto.answers);
          // A plain insert (save() would update an attempt that raced in): the primary key (registration_id, phase)
          // is what allows one attempt, also against a request on another process.
          const now = new Date();
          await insertRow(
            em,
            QuizAttempt,
            em.create(QuizAttempt, {
              registrationId,
              phase,
              quizVersionId: current.id,
              answers: [...dto.answers],
              ...score,
              createdAt: now,
              updatedAt: now,
            }),
          );
          return { phase, version: current.version, ...score, submittedAt: now };
        }),
      () => alreadyTaken(phase),
    );
  }

  async evaluate(registrationId: string, dto: EvaluationDto, actor: Actor): Promise<EvaluationResponseDto> {
    return uniqueOr(
      () =>
        this.uow.run(actor, async (em) => {
          const own = await this.own(em, registrationId, actor);
          const refusal = evaluationProblem(own.attended);
          if (refusal) throw ruleBroken(refusal.detail, refusal.code);
          const comment = dto.comment?.trim() || null;
          // A plain insert: the primary key refuses a second evaluation, also one racing on another process.
          await em.insert(Evaluation, { registrationId, rating: dto.rating, comment });
          const saved = await em.findOneByOrFail(Evaluation, { registrationId });
          return { registrationId, rating: saved.rating, comment: saved.comment, createdAt: saved.createdAt };
        }),
      alreadyEvaluated,
    );
  }

  /** The registration of the signed-in participant's own profile, else 404 (never a hint that it exists). */
  private async own(em: EntityManager, registrationId: string, actor: Actor): Promise<OwnRegistration> {
    const registration = await this.registrations.row(em, registrationId, ['participantId', 'eventId', 'status']);
    if (!registration) throw notFound('Registration');
    if (!(await this.participants.isOwnedBy(em, registration.participantId, actor.id))) throw notFound('Registration');
    const event = await this.events.row(em, registration.eventId, ['pillar', 'status', 'startsAt', 'endsAt']);
    // The foreign key keeps a registration's event; its absence is a bug (a 500), as findOneByOrFail made it.
    if (!event) throw new Error(`Registration ${registrationId} has no event ${registration.eventId}`);
    const attended = await this.checkIns.isCheckedIn(em, registrationId);
    return { registration, event, attended };
  }

  private async current(em: EntityManager, pillar: Pillar): Promise<QuizVersion> {
    const [current] = await em.find(QuizVersion, { where: { pillar }, order: { version: 'DESC' }, take: 1 });
    if (!current)
      throw new ProblemException(
        404,
        'No question set has been made for this pillar yet',
        undefined,
        {},
        'quiz_not_set',
      );
    return current;
  }

  private async attemptBody(a: QuizAttempt): Promise<QuizAttemptDto> {
    const version = await this.ds
      .getRepository(QuizVersion)
      .findOneOrFail({ where: { id: a.quizVersionId }, select: { id: true, version: true } });
    return {
      phase: a.phase,
      version: version.version,
      correctCount: a.correctCount,
      questionCount: a.questionCount,
      score: a.score,
      submittedAt: a.createdAt,
    };
  }
}

function problemOf(phase: QuizPhase, own: OwnRegistration): Refusal | null {
  return quizPhaseProblem(phase, {
    registrationStatus: own.registration.status,
    eventStatus: effectiveStatus(own.event.status, own.event.endsAt),
    startsAt: own.event.startsAt,
    attended: own.attended,
  });
}

const alreadyTaken = (phase: QuizPhase) =>
  conflict(`The ${phase}-test of this registration has already been taken`, 'quiz_already_taken');
const alreadyEvaluated = () => conflict('This training has already been rated', 'evaluation_already_given');

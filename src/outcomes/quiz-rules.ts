import type { EventStatus } from '../events/event-rules.js';
import type { RegistrationStatus } from '../registrations/registration-rules.js';
import type { QuizPhase } from './outcome.entities.js';

export interface QuizContext {
  registrationStatus: RegistrationStatus;
  /** The event's effective status (a published event that has ended is completed). */
  eventStatus: EventStatus;
  startsAt: Date;
  attended: boolean;
}

export interface Refusal {
  code: 'quiz_closed' | 'not_attended';
  detail: string;
}

/**
 * Whether a phase can be taken now. The pre-test measures what people knew before the training: only
 * after registering (confirmed or waitlisted) and before it starts. The post-test only after attending.
 */
export function quizPhaseProblem(phase: QuizPhase, c: QuizContext, now: Date = new Date()): Refusal | null {
  if (phase === 'post') {
    return c.attended
      ? null
      : { code: 'not_attended', detail: 'The post-test opens once you have attended the training' };
  }
  if (c.registrationStatus === 'cancelled') return { code: 'quiz_closed', detail: 'This registration is cancelled' };
  if (c.eventStatus === 'cancelled' || c.eventStatus === 'draft')
    return { code: 'quiz_closed', detail: 'The training is not taking place' };
  if (now.getTime() >= c.startsAt.getTime())
    return { code: 'quiz_closed', detail: 'The pre-test closed when the training started' };
  return null;
}

export function evaluationProblem(attended: boolean): Refusal | null {
  return attended ? null : { code: 'not_attended', detail: 'You can rate a training once you have attended it' };
}

/** Field errors for answers that do not fit the version's questions (one index per question, in range). */
export function answerErrors(
  answers: readonly number[],
  optionCounts: readonly number[],
): { field: string; message: string }[] {
  if (answers.length !== optionCounts.length) {
    return [
      {
        field: 'answers',
        message: `answers must hold exactly ${optionCounts.length} option indexes, one per question`,
      },
    ];
  }
  return answers.flatMap((a, i) =>
    a >= optionCounts[i]
      ? [
          {
            field: `answers.${i}`,
            message: `question ${i + 1} has ${optionCounts[i]} options (0–${optionCounts[i] - 1})`,
          },
        ]
      : [],
  );
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Evaluation, QuizAttempt } from './outcome.entities.js';

/**
 * Pre/post tests and ratings hang off a person's registrations: they are exported with the person's data, and an
 * erasure clears the free-text comments (they may name people); ratings and scores stay, anonymous like the counts.
 */
@Injectable()
export class OutcomesPersonalDataService {
  constructor(private readonly ds: DataSource) {}

  /** The tests taken and ratings given on these registrations, oldest first. */
  async exportOf(registrationIds: string[]) {
    if (registrationIds.length === 0) return { quizAttempts: [], evaluations: [] };
    const attempts = await this.ds
      .getRepository(QuizAttempt)
      .find({ where: { registrationId: In(registrationIds) }, order: { createdAt: 'ASC' } });
    const evaluations = await this.ds
      .getRepository(Evaluation)
      .find({ where: { registrationId: In(registrationIds) }, order: { createdAt: 'ASC' } });
    return {
      quizAttempts: attempts.map((a) => ({
        registrationId: a.registrationId,
        phase: a.phase,
        score: a.score,
        correctCount: a.correctCount,
        questionCount: a.questionCount,
        answers: a.answers,
        submittedAt: a.createdAt,
      })),
      evaluations: evaluations.map((e) => ({
        registrationId: e.registrationId,
        rating: e.rating,
        comment: e.comment,
        createdAt: e.createdAt,
      })),
    };
  }

  /** Erasure, in its transaction: the comments on these registrations go. */
  async eraseComments(em: EntityManager, registrationIds: string[]): Promise<void> {
    if (registrationIds.length > 0)
      await em.update(Evaluation, { registrationId: In(registrationIds) }, { comment: null });
  }
}

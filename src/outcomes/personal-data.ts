import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ParticipantsService, type PersonalDataExport } from '../participants/participants.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { Evaluation, QuizAttempt } from './outcome.entities.js';

/**
 * Pre/post tests and ratings hang off a person's registrations: they are exported with the person's data, and an
 * erasure clears the free-text comments (they may name people); ratings and scores stay, anonymous like the counts.
 */
@Injectable()
export class OutcomesPersonalData implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly participants: ParticipantsService,
    private readonly registrations: RegistrationsService,
  ) {}

  onModuleInit(): void {
    this.participants.holdPersonalData({
      exportInto: (participantId, into) => this.exportInto(participantId, into),
      erase: async (em, participant) => {
        const ids = await this.registrations.idsOfParticipant(em, participant.id);
        if (ids.length > 0) await em.update(Evaluation, { registrationId: In(ids) }, { comment: null });
      },
    });
  }

  private async exportInto(participantId: string, into: PersonalDataExport): Promise<void> {
    const ids = await this.registrations.idsOfParticipant(this.ds.manager, participantId);
    if (ids.length === 0) return;
    const attempts = await this.ds
      .getRepository(QuizAttempt)
      .find({ where: { registrationId: In(ids) }, order: { createdAt: 'ASC' } });
    const evaluations = await this.ds
      .getRepository(Evaluation)
      .find({ where: { registrationId: In(ids) }, order: { createdAt: 'ASC' } });
    into.quizAttempts = attempts.map((a) => ({
      registrationId: a.registrationId,
      phase: a.phase,
      score: a.score,
      correctCount: a.correctCount,
      questionCount: a.questionCount,
      answers: a.answers,
      submittedAt: a.createdAt,
    }));
    into.evaluations = evaluations.map((e) => ({
      registrationId: e.registrationId,
      rating: e.rating,
      comment: e.comment,
      createdAt: e.createdAt,
    }));
  }
}

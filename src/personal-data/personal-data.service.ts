import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { CheckInsService } from '../attendance/check-ins.service.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import { OutcomesPersonalDataService } from '../outcomes/outcomes-personal-data.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import type { ParticipantExportResponseDto } from './dto/participant-export.dto.js';

/**
 * The person's rights over their data (PDP law): access (export) and erasure span the profile, registrations,
 * check-ins, certificates and learning outcomes. This module sits above all of them and asks each owner for its
 * part, so none of them depends on another's data (participants used to import them all: a folder cycle).
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly participants: ParticipantsService,
    private readonly registrations: RegistrationsService,
    private readonly checkIns: CheckInsService,
    private readonly certificates: CertificatesService,
    private readonly outcomes: OutcomesPersonalDataService,
  ) {}

  /** Everything held about the person: profile, registrations with attendance, certificates, tests and ratings. */
  async exportMine(actor: Actor): Promise<ParticipantExportResponseDto> {
    const { id, profile } = await this.participants.exportProfile(actor);
    const registrations = await this.registrations.exportOf(id);
    const ids = registrations.map((r) => r.id);
    const checkedInAt = await this.checkIns.checkedInAtOf(ids);
    const certificates = await this.certificates.exportOf(id);
    const { quizAttempts, evaluations } = await this.outcomes.exportOf(ids);
    return {
      profile,
      registrations: registrations.map((r) => ({ ...r, checkedInAt: checkedInAt.get(r.id) ?? null })),
      certificates,
      quizAttempts,
      evaluations,
    };
  }

  /**
   * Erases the person's data in one transaction (ParticipantsService.eraseIn says what stays): registrations keep
   * pointing at the profile and keep the age on each event's day; issued certificates lose the name they vouched
   * for; rating comments go (they may name people).
   */
  async eraseMine(actor: Actor): Promise<void> {
    await this.uow.run(actor, (em) =>
      this.participants.eraseIn(em, actor.id, async (p) => {
        await this.registrations.keepAgesAtEvents(em, p);
        await this.certificates.eraseNames(em, p.id);
        await this.outcomes.eraseComments(em, await this.registrations.idsOfParticipant(em, p.id));
      }),
    );
  }
}

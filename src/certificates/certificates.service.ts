import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CheckInsService } from '../attendance/check-ins.service.js';
import { conflict, notFound } from '../common/problem.js';
import type { Actor } from '../common/actor.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { EventsService } from '../events/events.service.js';
import { jakartaToday } from '../participants/participant-rules.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { isCertificateNumber, newCertificateNumber } from './certificate-number.js';
import { type CertificateContent, renderCertificatePdf } from './certificate-pdf.js';
import { Certificate } from './certificate.entity.js';
import { CertificateVerificationDto } from './dto/certificate.dto.js';
import { PILLAR_LABELS } from '../events/pillar-labels.js';

/** Random-number collisions are astronomically rare; a few fresh draws settle any that happen. */
const NUMBER_ATTEMPTS = 5;
const NOT_ATTENDED = 'A certificate is issued only once the participant has checked in';
const ERASED = 'The participant erased their personal data: there is no name left to certify';

export interface CertificateFile {
  filename: string;
  pdf: Buffer;
}

@Injectable()
export class CertificatesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly events: EventsService,
    private readonly checkIns: CheckInsService,
    private readonly participants: ParticipantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The certificate of an attended registration, issued on the first request. Every later request
   * renders the stored row, so the PDF stays byte-identical even if the event is edited afterwards.
   */
  async pdf(registrationId: string, actor: Actor): Promise<CertificateFile> {
    const r = await this.registrations.visible(registrationId, actor);
    // Attendance and erasure are checked on every download, not only at issue.
    await this.checkEligible(this.ds.manager, r);
    const cert =
      (await this.ds.getRepository(Certificate).findOneBy({ registrationId: r.id })) ?? (await this.issue(r.id, actor));
    if (cert.participantName === null) throw conflict(ERASED, 'participant_erased');
    return { filename: `sertifikat-${cert.number}.pdf`, pdf: await renderCertificatePdf(this.content(cert)) };
  }

  async verify(number: string): Promise<CertificateVerificationDto> {
    const cert = isCertificateNumber(number) ? await this.ds.getRepository(Certificate).findOneBy({ number }) : null;
    if (!cert) throw notFound('Certificate');
    return CertificateVerificationDto.from(cert);
  }

  /** Concurrent first requests end with one certificate: the unique registration_id lets one insert win. */
  private async issue(registrationId: string, actor: Actor): Promise<Certificate> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.uow.run(actor, (em) => this.issueIn(em, registrationId));
        break;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Either another request issued it first (read theirs), or the random number was taken (draw again).
        if (await this.ds.getRepository(Certificate).existsBy({ registrationId })) break;
        if (attempt >= NUMBER_ATTEMPTS) throw err;
      }
    }
    // Read back what was stored, so the first PDF is made from exactly the values every later one is.
    return this.ds.getRepository(Certificate).findOneByOrFail({ registrationId });
  }

  private async issueIn(em: EntityManager, registrationId: string): Promise<void> {
    // The registration row lock orders issue against a concurrent issue and against erasure (which updates it).
    const r = await this.registrations.lockedRow(em, registrationId, ['id', 'eventId', 'participantId']);
    if (!r) throw notFound('Registration');
    if (await em.existsBy(Certificate, { registrationId })) return;
    const participant = await this.checkEligible(em, r);
    const event = await this.events.row(em, r.eventId, ['startsAt', 'title', 'pillar']);
    if (!event) throw notFound('Registration');
    const number = newCertificateNumber(event.startsAt);
    await em.save(
      em.create(Certificate, {
        number,
        registrationId: r.id,
        participantId: r.participantId,
        participantName: participant.fullName,
        eventTitle: event.title,
        pillar: event.pillar,
        eventDate: jakartaToday(event.startsAt),
        issuedAt: new Date(),
      }),
    );
    await this.registrations.setCertificateNumber(em, r.id, number);
  }

  private async checkEligible(
    em: EntityManager,
    r: { id: string; participantId: string },
  ): Promise<{ fullName: string }> {
    if (!(await this.checkIns.isCheckedIn(em, r.id))) throw conflict(NOT_ATTENDED, 'not_attended');
    const participant = await this.participants.row(em, r.participantId, ['fullName', 'erasedAt']);
    if (!participant) throw notFound('Participant');
    if (participant.erasedAt) throw conflict(ERASED, 'participant_erased');
    return participant;
  }

  /** The person's certificates for the PDP export, in issue order. */
  async exportOf(participantId: string) {
    const certificates = await this.ds
      .getRepository(Certificate)
      .find({ where: { participantId }, order: { issuedAt: 'ASC' } });
    return certificates.map((c) => ({
      number: c.number,
      registrationId: c.registrationId,
      participantName: c.participantName,
      eventTitle: c.eventTitle,
      pillar: c.pillar,
      eventDate: c.eventDate,
      issuedAt: c.issuedAt,
    }));
  }

  /** Erasure: issued certificates lose the name they vouched for (in the erasure's transaction). */
  async eraseNames(em: EntityManager, participantId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Certificate)
      .set({ participantName: null })
      .where('participantId = :id', { id: participantId })
      .execute();
  }

  private content(cert: Certificate): CertificateContent {
    return {
      number: cert.number,
      participantName: cert.participantName ?? '',
      eventTitle: cert.eventTitle,
      pillarLabel: PILLAR_LABELS[cert.pillar],
      // Midnight of the local day, so formatting in Asia/Jakarta gives back that day.
      eventDate: new Date(`${cert.eventDate}T00:00:00+07:00`),
      issuedAt: cert.issuedAt,
      // The web app's readable page (the JSON stays at GET /api/v1/certificates/:number).
      verifyUrl: `${this.config.publicBaseUrl}/verifikasi/${cert.number}`,
    };
  }
}

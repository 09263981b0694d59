import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

import type { RegistrationSource, RegistrationStatus } from './registration-rules.js';

// The vocabularies live in registration-rules.ts (public to other modules); re-exported for existing importers.
export { REGISTRATION_STATUSES, type RegistrationSource, type RegistrationStatus } from './registration-rules.js';

@Entity('registrations')
@Audited('registration', { omit: ['activeKey'] })
export class Registration {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId: string;
  @Column('varchar', { name: 'participant_id', length: 36 }) participantId: string;
  /** participantId while active, NULL once cancelled: the unique (event_id, active_key) index allows one active row. */
  @Column('varchar', { name: 'active_key', length: 36, nullable: true }) activeKey: string | null;
  @Column('varchar', { length: 12 }) status: RegistrationStatus;
  @Column('int', { name: 'waitlist_position', nullable: true }) waitlistPosition: number | null;
  @Column('varchar', { name: 'ticket_code', length: 10 }) ticketCode: string;
  @Column('varchar', { length: 10 }) source: RegistrationSource;
  /** Set once, when the certificate is first issued (see certificates.service). */
  @Column('varchar', { name: 'certificate_number', length: 24, nullable: true }) certificateNumber: string | null;
  /** Age on the event's day, kept only once the participant's birth date is erased (reports by age group). */
  @Column('int', { name: 'age_at_event', nullable: true }) ageAtEvent: number | null;
  @Column('datetime', { name: 'cancelled_at', precision: 3, nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

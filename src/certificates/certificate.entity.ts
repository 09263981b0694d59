import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';
import type { Pillar } from '../events/event-rules.js';

/**
 * An issued certificate: what was printed on it is kept as issued, so the PDF renders the same
 * every time even if the event is edited later. Verification reads this row.
 */
@Entity('certificates')
@Audited('certificate', { omit: ['participantName'] })
export class Certificate {
  @PrimaryColumn('varchar', { length: 24 }) number: string;
  @Column('varchar', { name: 'registration_id', length: 36 }) registrationId: string;
  @Column('varchar', { name: 'participant_id', length: 36 }) participantId: string;
  /** Null once the participant's personal data is erased: the certificate no longer vouches for a name. */
  @Column('varchar', { name: 'participant_name', length: 150, nullable: true }) participantName: string | null;
  @Column('varchar', { name: 'event_title', length: 200 }) eventTitle: string;
  @Column('varchar', { length: 20 }) pillar: Pillar;
  /** The event's local day (Asia/Jakarta), YYYY-MM-DD. */
  @Column('date', { name: 'event_date' }) eventDate: string;
  @Column('datetime', { name: 'issued_at', precision: 3 }) issuedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

/** `staff`: scanned, looked up or admitted at the door by staff; `code`: the participant entered an attendance code. */
export const CHECK_IN_SOURCES = ['staff', 'code'] as const;
export type CheckInSource = (typeof CHECK_IN_SOURCES)[number];

/** One row per attended registration; the primary key makes a repeated scan a no-op on any process. */
@Entity('check_ins')
@Audited('check_in')
export class CheckIn {
  @PrimaryColumn('varchar', { name: 'registration_id', length: 36 }) registrationId: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId: string;
  @Column('varchar', { name: 'participant_id', length: 36 }) participantId: string;
  @Column('datetime', { name: 'checked_in_at', precision: 3 }) checkedInAt: Date;
  /** The staff or admin user who scanned the ticket or admitted the walk-in (the participant for a `code` check-in). */
  @Column('varchar', { name: 'checked_in_by', length: 36 }) checkedInBy: string;
  /** How it was recorded; with `code`, checkedInBy is the participant's own account. */
  @Column('varchar', { length: 10, default: 'staff' }) source: CheckInSource;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

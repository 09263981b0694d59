import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

/** A short code staff show in an online session; participants who enter it in its window are checked in. */
@Entity('attendance_codes')
@Audited('attendance_code')
export class AttendanceCode {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId: string;
  @Column('varchar', { length: 12 }) code: string;
  @Column('datetime', { name: 'valid_from', precision: 3 }) validFrom: Date;
  @Column('datetime', { name: 'valid_until', precision: 3 }) validUntil: Date;
  @Column('varchar', { name: 'created_by', length: 36 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

/**
 * One self check-in attempt, counted per account and per client address for the rate limit. Kept in the
 * database so every process counts the same attempts; a successful attempt's row is removed again.
 */
@Entity('attendance_code_guesses')
export class AttendanceCodeGuess {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'account_id', length: 36 }) accountId: string;
  @Column('varchar', { name: 'client_address', length: 64 }) clientAddress: string;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
}

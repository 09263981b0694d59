import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'completed', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses that hold the studio: they count for overlaps, buffers and the per-partner cap. */
export const ACTIVE_BOOKING_STATUSES: BookingStatus[] = ['pending', 'approved'];

@Entity('bookings')
@Index(['studioId', 'startsAt'])
@Index(['partnerId', 'startsAt'])
@Audited('booking')
export class Booking {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'studio_id', length: 36 }) studioId: string;
  @Column('varchar', { name: 'partner_id', length: 36 }) partnerId: string;
  @Column('varchar', { name: 'created_by', length: 36 }) createdBy: string;
  @Column('datetime', { name: 'starts_at', precision: 3 }) startsAt: Date;
  @Column('datetime', { name: 'ends_at', precision: 3 }) endsAt: Date;
  @Column('varchar', { length: 200 }) topic: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('int', { name: 'guest_count', nullable: true }) guestCount: number | null;
  @Column('varchar', { length: 20 }) status: BookingStatus;
  /** Why it was last rejected, cancelled, etc.; the audit trail keeps every earlier reason. */
  @Column('varchar', { name: 'status_reason', length: 500, nullable: true }) statusReason: string | null;
  @Column('varchar', { name: 'decided_by', length: 36, nullable: true }) decidedBy: string | null;
  @Column('datetime', { name: 'decided_at', precision: 3, nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

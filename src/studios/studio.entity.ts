import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

export interface OpeningHours {
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Local Asia/Jakarta time, 'HH:MM'. */
  opens: string;
  closes: string;
}

/** Kept as JSON text: a few ranges per weekday, always read and written with the studio. */
const jsonText = {
  to: (value: OpeningHours[] | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value ? (JSON.parse(value) as OpeningHours[]) : []),
};

@Entity('studios')
@Audited('studio', { omit: ['calendarToken'] })
export class Studio {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { length: 150 }) name: string;
  @Column('varchar', { length: 300, nullable: true }) location: string | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('int', { nullable: true }) capacity: number | null;
  @Column('text', { name: 'opening_hours', transformer: jsonText }) openingHours: OpeningHours[];
  @Column('int', { name: 'slot_minutes' }) slotMinutes: number;
  @Column('int', { name: 'buffer_minutes' }) bufferMinutes: number;
  @Column('int', { name: 'min_notice_hours' }) minNoticeHours: number;
  @Column('int', { name: 'max_duration_minutes' }) maxDurationMinutes: number;
  @Column('int', { name: 'max_advance_days' }) maxAdvanceDays: number;
  @Column('int', { name: 'max_active_bookings_per_partner' }) maxActiveBookingsPerPartner: number;
  /** Secret of the iCalendar feed URL; shown to staff, never audited. */
  @Column('varchar', { name: 'calendar_token', length: 64 }) calendarToken: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

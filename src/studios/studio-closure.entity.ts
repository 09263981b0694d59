import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

/** A span (holiday, maintenance) in which the studio takes no bookings. */
@Entity('studio_closures')
@Index(['studioId', 'startsAt'])
@Audited('studio_closure')
export class StudioClosure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'studio_id', length: 36 }) studioId: string;
  @Column('datetime', { name: 'starts_at', precision: 3 }) startsAt: Date;
  @Column('datetime', { name: 'ends_at', precision: 3 }) endsAt: Date;
  @Column('varchar', { length: 300 }) reason: string;
  @Column('varchar', { name: 'created_by', length: 36 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';

export const PARTNER_TYPES = ['community', 'private', 'government', 'media', 'education', 'ngo'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

@Entity('partners')
@Audited('partner', { omit: ['calendarToken'] })
export class Partner {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Lower-cased copy of the name: names are unique regardless of case on every driver. */
  @Index({ unique: true })
  @Column('varchar', { name: 'name_key', length: 150 })
  nameKey: string;
  @Column('varchar', { length: 150 }) name: string;
  @Column('varchar', { length: 20 }) type: PartnerType;
  @Column('text', { nullable: true }) description: string | null;
  @Column('varchar', { name: 'contact_name', length: 150, nullable: true }) contactName: string | null;
  @Column('varchar', { name: 'contact_email', length: 254, nullable: true }) contactEmail: string | null;
  @Column('varchar', { name: 'contact_phone', length: 20, nullable: true }) contactPhone: string | null;
  @Column('varchar', { length: 300, nullable: true }) website: string | null;
  @Column('boolean', { name: 'is_active', default: true }) isActive: boolean;
  /** Secret of the partner's own calendar feed; made when first asked for, never audited. */
  @Column('varchar', { name: 'calendar_token', length: 64, nullable: true }) calendarToken: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';
import type { Role } from '../common/actor.js';

@Entity('users')
@Audited('user', { omit: ['passwordHash'] })
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored lower-cased so uniqueness is case-insensitive on every driver. */
  @Index({ unique: true })
  @Column('varchar', { length: 254 })
  email: string;
  @Column('varchar', { name: 'password_hash', length: 255 }) passwordHash: string;
  @Column('varchar', { name: 'full_name', length: 150 }) fullName: string;
  @Column('varchar', { length: 20, nullable: true }) phone: string | null;
  @Column('varchar', { length: 20 }) role: Role;
  @Column('varchar', { name: 'partner_id', length: 36, nullable: true }) partnerId: string | null;
  @Column('boolean', { name: 'is_active', default: true }) isActive: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

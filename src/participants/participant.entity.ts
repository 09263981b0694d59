import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';
import type { Gender } from './nik.js';
import type { Occupation } from './participant-rules.js';

@Entity('participants')
// Personal fields stay out of the audit trail so erasure really erases them.
@Audited('participant', {
  omit: ['nikEncrypted', 'nikHash', 'fullName', 'nameSearch', 'birthDate', 'phone', 'email', 'guardianName', 'village'],
})
export class Participant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { name: 'user_id', length: 36, nullable: true }) userId: string | null;
  @Column('varchar', { name: 'full_name', length: 150 }) fullName: string;
  /** Lower-cased name: case-insensitive partial search that behaves the same on every driver. */
  @Column('varchar', { name: 'name_search', length: 150 }) nameSearch: string;
  /** The NIK is kept only as ciphertext and a keyed lookup hash; its display mask is built when answering. */
  @Column('text', { name: 'nik_encrypted', nullable: true }) nikEncrypted: string | null;
  @Column('varchar', { name: 'nik_hash', length: 64, nullable: true }) nikHash: string | null;
  @Column('varchar', { length: 6 }) gender: Gender;
  @Column('date', { name: 'birth_date', nullable: true }) birthDate: string | null;
  /** Kept after erasure so age-group reports stay correct without the exact birth date. */
  @Column('int', { name: 'birth_year' }) birthYear: number;
  @Column('varchar', { length: 20, nullable: true }) phone: string | null;
  @Column('varchar', { length: 254, nullable: true }) email: string | null;
  @Column('varchar', { name: 'kecamatan_code', length: 8 }) kecamatanCode: string;
  @Column('varchar', { length: 100, nullable: true }) village: string | null;
  @Column('varchar', { length: 20 }) occupation: Occupation;
  @Column('boolean', { name: 'has_disability', default: false }) hasDisability: boolean;
  @Column('datetime', { name: 'consent_at', precision: 3 }) consentAt: Date;
  @Column('varchar', { name: 'consent_policy_version', length: 20 }) consentPolicyVersion: string;
  @Column('varchar', { name: 'guardian_name', length: 150, nullable: true }) guardianName: string | null;
  @Column('boolean', { name: 'guardian_consent', default: false }) guardianConsent: boolean;
  @Column('datetime', { name: 'erased_at', precision: 3, nullable: true }) erasedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Recent NIK settings and changes of one account or one client address (nik-change-limits.ts). The row
 * is also the lock that serialises counting for its key across processes.
 */
@Entity('nik_change_limits')
export class NikChangeLimit {
  /** Keyed hash of `account:<user id>` or `address:<client address>`: no address is stored in plain text. */
  @PrimaryColumn('varchar', { name: 'limit_key', length: 64 }) limitKey: string;
  /** JSON array of epoch milliseconds, the changes still inside the window (at most the limit). */
  @Column('text') attempts: string;
  @Column('datetime', { name: 'updated_at', precision: 3 }) updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who may run a periodic job until when (migrations/1764400300000-Retention.ts). A process claims the row
 * with a conditional write (see leases.ts), so of several processes on one database one runs the job.
 */
@Entity('leases')
export class Lease {
  @PrimaryColumn('varchar', { length: 64 }) name: string;
  @Column('varchar', { length: 100 }) holder: string;
  @Column('datetime', { name: 'expires_at', precision: 3 }) expiresAt: Date;
}

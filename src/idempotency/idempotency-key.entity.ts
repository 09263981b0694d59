import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a creating POST sent with an Idempotency-Key, replayed to retries for 24 hours. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** sha256(userId + key): one row per user and key, so the primary key itself settles races. */
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { name: 'user_id', length: 36 }) userId: string;
  @Column('varchar', { name: 'request_hash', length: 64 }) requestHash: string;
  @Column('int', { name: 'status_code', nullable: true }) statusCode: number | null;
  @Column('text', { name: 'response_body', nullable: true }) responseBody: string | null;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
}

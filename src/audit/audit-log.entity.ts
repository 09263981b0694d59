import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete';

@Entity('audit_logs')
@Index(['entityType', 'entityId'])
@Index(['createdAt'])
export class AuditLog {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'actor_id', length: 36 }) actorId: string;
  @Column('varchar', { name: 'actor_role', length: 20 }) actorRole: string;
  @Column('varchar', { length: 10 }) action: AuditAction;
  @Column('varchar', { name: 'entity_type', length: 40 }) entityType: string;
  @Column('varchar', { name: 'entity_id', length: 64 }) entityId: string;
  @Column('text', { nullable: true }) before: string | null;
  @Column('text', { nullable: true }) after: string | null;
  @Column('varchar', { name: 'request_id', length: 64, nullable: true }) requestId: string | null;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, NotificationKind, NotificationStatus, SubjectType } from './notification-kinds.js';

/**
 * One message to one person on one channel (the outbox, see outbox.ts). Not audited: the change that
 * wrote it is. Written by raw INSERTs (outbox.ts), read and marked through this entity and the dispatcher.
 */
@Entity('notifications')
export class Notification {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { length: 40 }) kind: NotificationKind;
  @Column('varchar', { name: 'subject_type', length: 20 }) subjectType: SubjectType;
  @Column('varchar', { name: 'subject_id', length: 80 }) subjectId: string;
  @Column('varchar', { name: 'recipient_user_id', length: 36, nullable: true }) recipientUserId: string | null;
  @Column('varchar', { name: 'recipient_participant_id', length: 36, nullable: true }) recipientParticipantId:
    string | null;
  @Column('varchar', { length: 10 }) channel: Channel;
  @Column('text') payload: string;
  @Column('varchar', { length: 10 }) status: NotificationStatus;
  @Column('int', { default: 0 }) attempts: number;
  @Column('datetime', { name: 'next_attempt_at', precision: 3, nullable: true }) nextAttemptAt: Date | null;
  @Column('varchar', { name: 'last_error', length: 500, nullable: true }) lastError: string | null;
  @Column('varchar', { name: 'dedupe_key', length: 191 }) dedupeKey: string;
  @Column('datetime', { name: 'created_at', precision: 3 }) createdAt: Date;
  @Column('datetime', { name: 'sent_at', precision: 3, nullable: true }) sentAt: Date | null;
  @Column('datetime', { name: 'read_at', precision: 3, nullable: true }) readAt: Date | null;
}

/** Per person: `u:<user id>`, or `p:<participant id>` for a participant without an account. Absent → both on. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn('varchar', { name: 'owner_key', length: 40 }) ownerKey: string;
  @Column('boolean') email: boolean;
  @Column('boolean') whatsapp: boolean;
  @Column('datetime', { name: 'updated_at', precision: 3 }) updatedAt: Date;
}

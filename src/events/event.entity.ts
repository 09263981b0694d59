import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';
import type { Occupation } from '../participants/participant-rules.js';

import type { EventFormat, EventStatus, Pillar } from './event-rules.js';

// The vocabularies live in event-rules.ts (public to other modules); re-exported for the existing importers.
export { EVENT_STATUSES, FORMATS, PILLARS, type EventFormat, type EventStatus, type Pillar } from './event-rules.js';

/** Target groups as a comma-separated list: small, fixed vocabulary, never queried by member. */
const csv = {
  to: (v: Occupation[] | undefined) => (v ?? []).join(','),
  from: (v: string | null) => (v ? (v.split(',') as Occupation[]) : []),
};

// Counters are maintained by query-builder updates, so they stay out of audit snapshots.
@Entity('events')
@Audited('event', { omit: ['confirmedCount', 'waitlistedCount', 'titleSearch'] })
export class Event {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) title: string;
  @Column('varchar', { name: 'title_search', length: 200 }) titleSearch: string;
  @Column('text') description: string;
  @Column('varchar', { length: 20 }) pillar: Pillar;
  @Column('varchar', { length: 10 }) format: EventFormat;
  @Column('varchar', { length: 200, nullable: true }) venue: string | null;
  @Column('varchar', { name: 'kecamatan_code', length: 8, nullable: true }) kecamatanCode: string | null;
  @Column('varchar', { name: 'online_url', length: 500, nullable: true }) onlineUrl: string | null;
  @Column('datetime', { name: 'starts_at', precision: 3 }) startsAt: Date;
  @Column('datetime', { name: 'ends_at', precision: 3 }) endsAt: Date;
  @Column('int') capacity: number;
  @Column('boolean', { name: 'waitlist_enabled', default: true }) waitlistEnabled: boolean;
  @Column('datetime', { name: 'registration_opens_at', precision: 3, nullable: true }) registrationOpensAt: Date | null;
  @Column('datetime', { name: 'registration_closes_at', precision: 3, nullable: true })
  registrationClosesAt: Date | null;
  @Column('varchar', { name: 'target_groups', length: 200, transformer: csv }) targetGroups: Occupation[];
  /** Stored status; `completed` is also derived for published events that have ended (see effectiveStatus). */
  @Column('varchar', { length: 12 }) status: EventStatus;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
  @Column('int', { name: 'confirmed_count', default: 0 }) confirmedCount: number;
  @Column('int', { name: 'waitlisted_count', default: 0 }) waitlistedCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

/** A co-hosting link; adding or removing one is a change to the event, so it is audited (its id is the event's). */
@Entity('event_partners')
@Audited('event_partner')
export class EventPartner {
  @PrimaryColumn('varchar', { name: 'event_id', length: 36 }) eventId: string;
  @PrimaryColumn('varchar', { name: 'partner_id', length: 36 }) partnerId: string;
}

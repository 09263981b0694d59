import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Audited } from '../audit/audited.decorator.js';
import type { Pillar } from '../events/event-rules.js';
import type { QuizQuestion } from './outcome-math.js';

export const QUIZ_PHASES = ['pre', 'post'] as const;
export type QuizPhase = (typeof QUIZ_PHASES)[number];

/** One version of a pillar's question set. Never changed once written: a new set is a new version. */
@Entity('quiz_versions')
@Audited('quiz_version')
export class QuizVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) pillar: Pillar;
  /** 1, 2, … per pillar; the unique (pillar, version) index refuses a concurrent duplicate. */
  @Column('int') version: number;
  @Column('int', { name: 'question_count' }) questionCount: number;
  @Column('simple-json') questions: QuizQuestion[];
  @Column('varchar', { name: 'created_by', length: 36 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

/** A taken pre or post test: the primary key (registration_id, phase) allows one of each. */
@Entity('quiz_attempts')
export class QuizAttempt {
  @PrimaryColumn('varchar', { name: 'registration_id', length: 36 }) registrationId: string;
  @PrimaryColumn('varchar', { length: 4 }) phase: QuizPhase;
  /** The version it was scored on: its score stays whatever later versions say. */
  @Column('varchar', { name: 'quiz_version_id', length: 36 }) quizVersionId: string;
  @Column('int', { name: 'correct_count' }) correctCount: number;
  @Column('int', { name: 'question_count' }) questionCount: number;
  @Column('int') score: number;
  @Column('simple-json') answers: number[];
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

/** A participant's rating of a training they attended; the primary key allows one per registration. */
@Entity('evaluations')
export class Evaluation {
  @PrimaryColumn('varchar', { name: 'registration_id', length: 36 }) registrationId: string;
  @Column('int') rating: number;
  @Column('text', { nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PILLARS, type Pillar } from '../../events/event-rules.js';
import { QUIZ_PHASES, type QuizPhase } from '../outcome.entities.js';

export const MIN_QUESTIONS = 5;
export const MAX_QUESTIONS = 15;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

export class PillarParams {
  @ApiProperty({ enum: PILLARS })
  @IsIn(PILLARS, { message: `pillar must be one of ${PILLARS.join(', ')}` })
  pillar: Pillar;
}

export class PhaseQuery {
  @ApiProperty({ enum: QUIZ_PHASES, description: 'pre: before the training; post: after attending' })
  @IsIn(QUIZ_PHASES, { message: 'phase must be pre or post' })
  phase: QuizPhase;
}

export class QuizQuestionDto {
  @ApiProperty({ example: 'Apa ciri kata sandi yang kuat?', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  text: string;
  @ApiProperty({
    type: [String],
    minItems: MIN_OPTIONS,
    maxItems: MAX_OPTIONS,
    example: ['Tanggal lahir', 'Panjang dan acak'],
  })
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS)
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(150, { each: true })
  options: string[];
  @ApiProperty({ minimum: 0, maximum: MAX_OPTIONS - 1, description: 'Index of the correct option in options' })
  @IsInt()
  @Min(0)
  @Max(MAX_OPTIONS - 1)
  correctIndex: number;
}

export class PutQuizDto {
  @ApiProperty({ type: [QuizQuestionDto], minItems: MIN_QUESTIONS, maxItems: MAX_QUESTIONS })
  @IsArray()
  @ArrayMinSize(MIN_QUESTIONS)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions: QuizQuestionDto[];
}

export class QuizVersionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PILLARS }) pillar: Pillar;
  @ApiProperty({ example: 2, description: 'Starts at 1; every PUT makes the next one' }) version: number;
  @ApiProperty({ type: [QuizQuestionDto] }) questions: QuizQuestionDto[];
  @ApiProperty() createdAt: Date;
}

export class QuizQuestionViewDto {
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) options: string[];
}

export class QuizAttemptDto {
  @ApiProperty({ enum: QUIZ_PHASES }) phase: QuizPhase;
  @ApiProperty({ description: 'The question set version it was scored on' }) version: number;
  @ApiProperty() correctCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'round(100 × correct ÷ questions)' }) score: number;
  @ApiProperty() submittedAt: Date;
}

export class QuizForRegistrationDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ enum: QUIZ_PHASES }) phase: QuizPhase;
  @ApiProperty({ enum: PILLARS }) pillar: Pillar;
  @ApiProperty({ description: 'The current version: send it back with the answers' }) version: number;
  @ApiProperty({ type: [QuizQuestionViewDto], description: 'Without the correct answers' })
  questions: QuizQuestionViewDto[];
  @ApiProperty({ description: 'Whether this phase can be submitted now' }) open: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why not, when open is false (a problem code: quiz_closed, not_attended, quiz_already_taken)',
  })
  closedReason: string | null;
  @ApiProperty({ type: QuizAttemptDto, nullable: true, description: 'The attempt already made in this phase' })
  attempt: QuizAttemptDto | null;
}

export class SubmitQuizDto {
  @ApiProperty({
    type: [Number],
    example: [1, 0, 2, 3, 1],
    description: 'The chosen option index per question, in order',
  })
  @IsArray()
  @ArrayMinSize(MIN_QUESTIONS)
  @ArrayMaxSize(MAX_QUESTIONS)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_OPTIONS - 1, { each: true })
  answers: number[];

  @ApiPropertyOptional({
    description: 'The version the questions were shown from; 409 quiz_changed when it is no longer the current one',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

export class EvaluationDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @ValidateIf((_o: unknown, v: unknown) => v !== null)
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

export class EvaluationResponseDto {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty() rating: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() createdAt: Date;
}

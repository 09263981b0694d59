import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import { type Page, PageQueryDto } from '../common/pagination.js';
import type { Actor } from '../common/actor.js';
import {
  EvaluationDto,
  EvaluationResponseDto,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MIN_OPTIONS,
  MIN_QUESTIONS,
  PhaseQuery,
  PillarParams,
  PutQuizDto,
  QuizAttemptDto,
  QuizForRegistrationDto,
  QuizVersionResponseDto,
  SubmitQuizDto,
} from './dto/quiz.dto.js';
import { QuizService } from './quiz.service.js';

@ApiTags('learning outcomes')
@Controller()
export class QuizController {
  constructor(private readonly quiz: QuizService) {}

  @Put('pillars/:pillar/quiz')
  @Auth('staff', 'admin')
  @ApiOperation({
    summary: "Set a pillar's pre/post question set (a new version)",
    description:
      `Multiple choice, ${MIN_QUESTIONS}–${MAX_QUESTIONS} questions of ` +
      `${MIN_OPTIONS}–${MAX_OPTIONS} options with one correct index. ` +
      'Every PUT makes the next version; attempts keep the version and score they were taken with, ' +
      'so a change never alters past scores.',
  })
  @ApiOkResponse({ type: QuizVersionResponseDto })
  @ApiProblems(400)
  put(
    @Param() params: PillarParams,
    @Body() dto: PutQuizDto,
    @CurrentUser() actor: Actor,
  ): Promise<QuizVersionResponseDto> {
    return this.quiz.put(params.pillar, dto, actor);
  }

  @Get('pillars/:pillar/quiz/versions')
  @Auth('staff', 'admin')
  @ApiOperation({
    summary: "A pillar's question sets, newest version first (the first row is the current one)",
    description:
      'With the correct answers, for staff to review and to start the next ' +
      'version from. Older versions are history: scores taken with them keep them.',
  })
  @ApiPageResponse(QuizVersionResponseDto, 'One page of versions, newest first')
  @ApiProblems(400)
  versions(@Param() params: PillarParams, @Query() query: PageQueryDto): Promise<Page<QuizVersionResponseDto>> {
    return this.quiz.versions(params.pillar, query);
  }

  @Get('registrations/:id/quiz')
  @Auth('participant')
  @ApiOperation({
    summary: "The questions of the training's pillar, without the answers (own registration)",
    description:
      "The current version of the pillar of the registration's training, " +
      'whether the phase can be taken now and the attempt already ' +
      'made. 404 `quiz_not_set` when the pillar has no question set.',
  })
  @ApiOkResponse({ type: QuizForRegistrationDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PhaseQuery,
    @CurrentUser() actor: Actor,
  ): Promise<QuizForRegistrationDto> {
    return this.quiz.forRegistration(id, query.phase, actor);
  }

  @Post('registrations/:id/quiz')
  @Auth('participant')
  @ApiOperation({
    summary: 'Submit the pre or post test (own registration, once per phase)',
    description:
      'pre: while the registration is confirmed or waitlisted and before the training ' +
      'starts (else 422 `quiz_closed`); post: after attending (else 422 `not_attended`). ' +
      'A second attempt in a phase: 409 `quiz_already_taken`. With `version` no longer current: ' +
      '409 `quiz_changed`. Scored 0–100 against the current version.',
  })
  @ApiCreatedResponse({ type: QuizAttemptDto })
  @ApiProblems(400, 404, 409, 422)
  submit(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PhaseQuery,
    @Body() dto: SubmitQuizDto,
    @CurrentUser() actor: Actor,
  ): Promise<QuizAttemptDto> {
    return this.quiz.submit(id, query.phase, dto, actor);
  }

  @Post('registrations/:id/evaluation')
  @Auth('participant')
  @ApiOperation({
    summary: 'Rate an attended training 1–5 (own registration, once)',
    description: 'Before attending: 422 `not_attended`; a second rating: 409 `evaluation_already_given`.',
  })
  @ApiCreatedResponse({ type: EvaluationResponseDto })
  @ApiProblems(400, 404, 409, 422)
  evaluate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EvaluationDto,
    @CurrentUser() actor: Actor,
  ): Promise<EvaluationResponseDto> {
    return this.quiz.evaluate(id, dto, actor);
  }
}

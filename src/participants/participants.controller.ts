import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import {
  ListParticipantsQuery,
  ParticipantBodyDto,
  ParticipantResponseDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import { ParticipantsService } from './participants.service.js';

@ApiTags('participants')
@Controller('me/participant')
export class MyParticipantController {
  constructor(private readonly participants: ParticipantsService) {}

  @Put()
  @Auth('participant')
  @ApiProblems(400, 409, 429)
  @ApiOkResponse({ type: ParticipantResponseDto })
  put(@Body() dto: ParticipantBodyDto, @CurrentUser() actor: Actor, @Req() req: Request) {
    return this.participants.putMine(actor, dto, req.ip ?? 'unknown');
  }

  @Get()
  @Auth('participant')
  @ApiProblems(404)
  @ApiOkResponse({ type: ParticipantResponseDto })
  get(@CurrentUser() actor: Actor) {
    return this.participants.getMine(actor);
  }

  // GET me/participant/export and DELETE me/participant: src/personal-data/ (they span every module's data).
}

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @Auth('staff', 'admin')
  @Idempotent()
  @ApiProblems(400, 409)
  @ApiCreatedResponse({ type: ParticipantResponseDto })
  create(@Body() dto: ParticipantBodyDto, @CurrentUser() actor: Actor) {
    return this.participants.create(dto, actor);
  }

  @Get()
  @Auth('staff', 'admin')
  @ApiProblems(400)
  @ApiPageResponse(ParticipantResponseDto)
  list(@Query() query: ListParticipantsQuery) {
    return this.participants.list(query);
  }

  @Get(':id')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: ParticipantResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.participants.get(id);
  }

  @Patch(':id')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiOkResponse({ type: ParticipantResponseDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateParticipantDto, @CurrentUser() actor: Actor) {
    return this.participants.update(id, dto, actor);
  }
}

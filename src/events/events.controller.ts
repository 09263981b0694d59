import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../common/auth.decorator.js';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { CancelEventDto, CreateEventDto, EventResponseDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Auth('staff', 'admin')
  @ApiProblems(400)
  @ApiCreatedResponse({ type: EventResponseDto })
  create(@Body() dto: CreateEventDto, @CurrentUser() actor: Actor) {
    return this.events.create(dto, actor);
  }

  @Get()
  @Public()
  @ApiProblems(400)
  @ApiPageResponse(EventResponseDto)
  list(@Query() query: ListEventsQuery, @CurrentUser() actor?: Actor) {
    return this.events.list(query, actor);
  }

  @Get(':id')
  @Public()
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: EventResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor?: Actor) {
    return this.events.get(id, actor);
  }

  @Patch(':id')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiOkResponse({ type: EventResponseDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto, @CurrentUser() actor: Actor) {
    return this.events.update(id, dto, actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409, 422)
  @ApiOkResponse({ type: EventResponseDto })
  publish(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.events.publish(id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiOkResponse({ type: EventResponseDto })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelEventDto, @CurrentUser() actor: Actor) {
    return this.events.cancel(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor): Promise<void> {
    await this.events.remove(id, actor);
  }
}

/** Events a partner co-hosts, with the same visibility rules as GET /events. */
@ApiTags('events')
@Controller('partners/:id/events')
export class PartnerEventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Public()
  @ApiProblems(400, 404)
  @ApiPageResponse(EventResponseDto)
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListEventsQuery, @CurrentUser() actor?: Actor) {
    return this.events.list(query, actor, id);
  }
}

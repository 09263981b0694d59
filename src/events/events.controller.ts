import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorator.js';
import { ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { CancelEventDto, CreateEventDto, ListEventsQuery, UpdateEventDto } from './dto/event.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Auth('staff', 'admin')
  @ApiProblems(400)
  create(@Body() dto: CreateEventDto, @CurrentUser() actor: Actor) {
    return this.events.create(dto, actor);
  }

  @Get()
  @Public()
  @ApiProblems(400)
  list(@Query() query: ListEventsQuery, @CurrentUser() actor?: Actor) {
    return this.events.list(query, actor);
  }

  @Get(':id')
  @Public()
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor?: Actor) {
    return this.events.get(id, actor);
  }

  @Patch(':id')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto, @CurrentUser() actor: Actor) {
    return this.events.update(id, dto, actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409, 422)
  publish(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.events.publish(id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelEventDto, @CurrentUser() actor: Actor) {
    return this.events.cancel(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
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
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListEventsQuery, @CurrentUser() actor?: Actor) {
    return this.events.list(query, actor, id);
  }
}

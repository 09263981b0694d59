import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import { PageQueryDto } from '../common/pagination.js';
import type { Actor } from '../common/actor.js';
import { ClosureResponseDto, CreateClosureDto } from './dto/closure.dto.js';
import { CalendarTokenResponseDto, CreateStudioDto, StudioResponseDto, UpdateStudioDto } from './dto/studio.dto.js';
import { StudiosService } from './studios.service.js';

@ApiTags('studios')
@Controller('studios')
export class StudiosController {
  constructor(private readonly studios: StudiosService) {}

  @Post()
  @Auth('admin')
  @ApiProblems(400)
  @ApiCreatedResponse({ type: StudioResponseDto })
  create(@Body() dto: CreateStudioDto, @CurrentUser() actor: Actor) {
    return this.studios.create(dto, actor);
  }

  @Get()
  @Auth()
  @ApiProblems(400)
  @ApiPageResponse(StudioResponseDto)
  list(@Query() query: PageQueryDto) {
    return this.studios.list(query);
  }

  @Get(':id')
  @Auth()
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: StudioResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.studios.get(id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: StudioResponseDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateStudioDto, @CurrentUser() actor: Actor) {
    return this.studios.update(id, dto, actor);
  }

  @Post(':id/closures')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404)
  @ApiCreatedResponse({ type: ClosureResponseDto })
  addClosure(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateClosureDto, @CurrentUser() actor: Actor) {
    return this.studios.addClosure(id, dto, actor);
  }

  @Get(':id/closures')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404)
  @ApiPageResponse(ClosureResponseDto)
  listClosures(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.studios.listClosures(id, query);
  }

  @Delete(':id/closures/:closureId')
  @Auth('staff', 'admin')
  @HttpCode(204)
  @ApiProblems(400, 404)
  @ApiNoContentResponse({ description: 'Closure removed' })
  async removeClosure(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('closureId', ParseUUIDPipe) closureId: string,
    @CurrentUser() actor: Actor,
  ) {
    await this.studios.removeClosure(id, closureId, actor);
  }

  @Get(':id/calendar-token')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: CalendarTokenResponseDto })
  calendarToken(@Param('id', ParseUUIDPipe) id: string) {
    return this.studios.calendarToken(id);
  }

  @Post(':id/calendar-token/rotate')
  @Auth('staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: CalendarTokenResponseDto })
  rotateCalendarToken(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.studios.rotateCalendarToken(id, actor);
  }
}

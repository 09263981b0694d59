import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentUser, Public } from '../common/auth.decorator.js';
import {
  CreatePartnerDto,
  ListPartnersQuery,
  PartnerCalendarTokenResponseDto,
  PartnerResponseDto,
  UpdatePartnerDto,
} from './dto/partner.dto.js';
import { PartnersService } from './partners.service.js';

@ApiTags('partners')
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @Auth('admin')
  @Idempotent()
  @ApiProblems(400, 409)
  @ApiCreatedResponse({ type: PartnerResponseDto })
  create(@Body() dto: CreatePartnerDto, @CurrentUser() actor: Actor) {
    return this.partners.create(dto, actor);
  }

  @Get()
  @Public()
  @ApiProblems(400)
  @ApiPageResponse(PartnerResponseDto)
  list(@Query() query: ListPartnersQuery, @CurrentUser() actor?: Actor) {
    return this.partners.list(query, actor);
  }

  @Get(':id')
  @Public()
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: PartnerResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor?: Actor) {
    return this.partners.get(id, actor);
  }

  @Patch(':id')
  @Auth('admin', 'partner')
  @ApiProblems(400, 404, 409)
  @ApiOkResponse({ type: PartnerResponseDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePartnerDto, @CurrentUser() actor: Actor) {
    return this.partners.update(id, dto, actor);
  }

  @Get(':id/calendar-token')
  @Auth('partner', 'staff', 'admin')
  @ApiOkResponse({
    type: PartnerCalendarTokenResponseDto,
    description: "The partner's own calendar feed (its pending and approved bookings)",
  })
  @ApiProblems(400, 403, 404)
  calendarToken(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.partners.calendarToken(id, actor);
  }

  @Post(':id/calendar-token/rotate')
  @HttpCode(200)
  @Auth('partner', 'staff', 'admin')
  @ApiOkResponse({ type: PartnerCalendarTokenResponseDto, description: 'A new token; the old feed link stops working' })
  @ApiProblems(400, 403, 404)
  rotateCalendarToken(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.partners.rotateCalendarToken(id, actor);
  }
}

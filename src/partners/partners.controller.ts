import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentUser, Public } from '../auth/auth.decorator.js';
import { CreatePartnerDto, ListPartnersQuery, PartnerResponseDto, UpdatePartnerDto } from './dto/partner.dto.js';
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
}

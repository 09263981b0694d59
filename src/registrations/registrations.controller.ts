import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import QRCode from 'qrcode';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import {
  CreateRegistrationDto,
  EventRegistrationResponseDto,
  ListRegistrationsQuery,
  RegistrationResponseDto,
} from './dto/registration.dto.js';
import { RegistrationsService } from './registrations.service.js';

@ApiTags('registrations')
@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('events/:id/registrations')
  @Auth('participant', 'staff', 'admin')
  @Idempotent()
  @ApiProblems(400, 403, 404, 409)
  @ApiCreatedResponse({ type: RegistrationResponseDto })
  register(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateRegistrationDto, @CurrentUser() actor: Actor) {
    return this.registrations.register(id, dto, actor);
  }

  @Get('events/:id/registrations')
  @Auth('staff', 'admin')
  @ApiProblems(400, 404)
  @ApiPageResponse(EventRegistrationResponseDto)
  forEvent(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListRegistrationsQuery) {
    return this.registrations.forEvent(id, query);
  }

  @Get('me/registrations')
  @Auth('participant')
  @ApiProblems(400)
  @ApiPageResponse(RegistrationResponseDto)
  mine(@Query() query: ListRegistrationsQuery, @CurrentUser() actor: Actor) {
    return this.registrations.mine(actor, query);
  }

  @Get('registrations/:id')
  @Auth('participant', 'staff', 'admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: RegistrationResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.registrations.get(id, actor);
  }

  @Post('registrations/:id/cancel')
  @HttpCode(200)
  @Auth('participant', 'staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiOkResponse({ type: RegistrationResponseDto })
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.registrations.cancel(id, actor);
  }

  @Get('registrations/:id/ticket.png')
  @Auth('participant', 'staff', 'admin')
  @ApiProduces('image/png')
  @ApiProblems(400, 404)
  @ApiFileResponse(200, 'The ticket code as a QR code', 'image/png')
  async ticket(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const r = await this.registrations.visible(id, actor);
    const png = await QRCode.toBuffer(r.ticketCode, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });
    res.type('image/png').setHeader('Cache-Control', 'private, no-store');
    res.send(png);
  }
}

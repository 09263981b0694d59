import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth.decorator.js';
import { ApiFileResponse, ApiProblems } from '../common/api-docs.js';
import { PartnersService } from '../partners/partners.service.js';
import { BookingsService } from './bookings.service.js';
import { partnerCalendar } from './calendar-feed.js';
import { sendCalendar } from './send-calendar.js';

/** A partner's own bookings as a calendar its people subscribe to on their phones. */
@ApiTags('partners')
@Controller('partners')
export class PartnerBookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly partners: PartnersService,
  ) {}

  @Get(':id/calendar.ics')
  @Public()
  @ApiProduces('text/calendar')
  @ApiQuery({
    name: 'token',
    required: true,
    description: "The partner's feed token (GET /partners/:id/calendar-token)",
  })
  @ApiFileResponse(200, 'Pending and approved bookings from today on, as an iCalendar feed', 'text/calendar')
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match' })
  @ApiProblems(400, 404)
  async calendar(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token?: string,
  ): Promise<void> {
    const partner = await this.partners.partnerForFeed(id, typeof token === 'string' ? token : undefined);
    sendCalendar(req, res, partnerCalendar(partner.name, await this.bookings.activeOfPartner(partner.id)));
  }
}

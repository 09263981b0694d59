import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Public } from '../common/auth.decorator.js';
import { ApiFileResponse, ApiProblems } from '../common/api-docs.js';
import { StudiosService } from '../studios/studios.service.js';
import { BookingsService } from './bookings.service.js';
import { studioCalendar } from './calendar-feed.js';
import { sendCalendar } from './send-calendar.js';
import { AvailabilityQuery, AvailabilityResponseDto } from './dto/booking.dto.js';

/** The studio routes that read its bookings: free slots and the iCalendar feed. */
@ApiTags('studios')
@Controller('studios')
export class StudioBookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly studios: StudiosService,
  ) {}

  @Get(':id/availability')
  @Auth('partner', 'staff', 'admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: AvailabilityResponseDto })
  availability(@Param('id', ParseUUIDPipe) id: string, @Query() query: AvailabilityQuery) {
    return this.bookings.availability(id, query);
  }

  @Get(':id/calendar.ics')
  @Public()
  @ApiProduces('text/calendar')
  @ApiQuery({ name: 'token', required: true, description: 'The studio feed token (GET /studios/:id/calendar-token)' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match' })
  @ApiProblems(400, 404)
  @ApiFileResponse(200, 'The approved bookings as an iCalendar feed', 'text/calendar')
  async calendar(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token?: string,
  ): Promise<void> {
    const studio = await this.studios.studioForFeed(id, typeof token === 'string' ? token : undefined);
    sendCalendar(req, res, studioCalendar(studio, await this.bookings.approvedWithPartners(studio.id)));
  }
}

import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, Public } from '../auth/auth.decorator.js';
import { ApiProblems } from '../common/api-docs.js';
import { StudiosService } from '../studios/studios.service.js';
import { BookingsService } from './bookings.service.js';
import { studioCalendar } from './calendar-feed.js';
import { AvailabilityQuery } from './dto/booking.dto.js';

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
  availability(@Param('id', ParseUUIDPipe) id: string, @Query() query: AvailabilityQuery) {
    return this.bookings.availability(id, query);
  }

  @Get(':id/calendar.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiQuery({ name: 'token', required: true, description: 'The studio feed token (GET /studios/:id/calendar-token)' })
  @ApiProblems(400, 404)
  async calendar(@Param('id', ParseUUIDPipe) id: string, @Query('token') token?: string) {
    const studio = await this.studios.studioForFeed(id, typeof token === 'string' ? token : undefined);
    return studioCalendar(studio, await this.bookings.approvedWithPartners(studio.id));
  }
}

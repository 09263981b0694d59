import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { BookingsService } from './bookings.service.js';
import {
  BookingResponseDto,
  CancelBookingDto,
  CloseBookingDto,
  CreateBookingDto,
  ListBookingsQuery,
  RejectBookingDto,
  UpdateBookingDto,
} from './dto/booking.dto.js';

@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @Auth('partner', 'staff', 'admin')
  @Idempotent()
  @ApiProblems(400, 404, 409, 422, 503)
  @ApiCreatedResponse({ type: BookingResponseDto })
  create(@Body() dto: CreateBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.create(dto, actor);
  }

  @Get()
  @Auth('partner', 'staff', 'admin')
  @ApiProblems(400)
  @ApiPageResponse(BookingResponseDto)
  list(@Query() query: ListBookingsQuery, @CurrentUser() actor: Actor) {
    return this.bookings.list(query, actor);
  }

  @Get(':id')
  @Auth('partner', 'staff', 'admin')
  @ApiProblems(400, 404)
  @ApiOkResponse({ type: BookingResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.bookings.get(id, actor);
  }

  @Patch(':id')
  @Auth('partner', 'staff', 'admin')
  @ApiProblems(400, 404, 409, 422, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.update(id, dto, actor);
  }

  @Post(':id/approve')
  @Auth('staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.bookings.approve(id, actor);
  }

  @Post(':id/reject')
  @Auth('staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.reject(id, dto.reason, actor);
  }

  @Post(':id/cancel')
  @Auth('partner', 'staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.cancel(id, dto, actor);
  }

  @Post(':id/complete')
  @Auth('staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.close(id, 'completed', dto.reason, actor);
  }

  @Post(':id/no-show')
  @Auth('staff', 'admin')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 503)
  @ApiOkResponse({ type: BookingResponseDto })
  noShow(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseBookingDto, @CurrentUser() actor: Actor) {
    return this.bookings.close(id, 'no_show', dto.reason, actor);
  }
}

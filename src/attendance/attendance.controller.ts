import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiJsonOrFileResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { contentDisposition, fileSlug, TABLE_CONTENT_TYPES } from '../common/tabular-export.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';
import { jakartaToday } from '../participants/participant-rules.js';
import { AttendanceService } from './attendance.service.js';
import { CheckInsService } from './check-ins.service.js';
import { AttendanceQuery, AttendanceResponseDto } from './dto/attendance.dto.js';
import { CheckInListQuery, CheckInListResponseDto } from './dto/check-in-list.dto.js';
import { CheckInResponseDto, CreateCheckInDto } from './dto/check-in.dto.js';

@ApiTags('attendance')
@Controller('events/:id')
export class AttendanceController {
  private readonly logger = new Logger(AttendanceController.name);

  constructor(
    private readonly checkIns: CheckInsService,
    private readonly attendance: AttendanceService,
  ) {}

  @Post('check-ins')
  @Auth('staff', 'admin')
  @Idempotent()
  @ApiCreatedResponse({ type: CheckInResponseDto, description: 'Checked in now' })
  @ApiOkResponse({
    type: CheckInResponseDto,
    description: 'Already checked in: alreadyCheckedIn true and the first checkedInAt',
  })
  @ApiProblems(400, 404, 409, 422)
  async checkIn(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCheckInDto,
    @CurrentUser() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CheckInResponseDto> {
    const outcome = await this.checkIns.checkIn(id, dto, actor);
    res.status(outcome.created ? HttpStatus.CREATED : HttpStatus.OK);
    return outcome.body;
  }

  @Delete('check-ins/:registrationId')
  @HttpCode(204)
  @Auth('staff', 'admin')
  @ApiProblems(400, 404, 409)
  @ApiNoContentResponse({ description: 'Check-in undone' })
  async undo(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('registrationId', ParseUUIDPipe) registrationId: string,
    @CurrentUser() actor: Actor,
  ): Promise<void> {
    await this.checkIns.undo(id, registrationId, actor);
  }

  @Get('check-in-list')
  @Auth('staff', 'admin')
  @ApiOkResponse({ type: CheckInListResponseDto, description: 'What a door device needs to decide scans offline' })
  @ApiProblems(400, 404)
  checkInList(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CheckInListQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    res.setHeader('Cache-Control', 'private, no-store');
    return this.attendance.checkInList(id, query.since ? new Date(query.since) : undefined);
  }

  @Get('attendance')
  @Auth('staff', 'admin')
  @ApiJsonOrFileResponse(
    AttendanceResponseDto,
    'The attendance list (JSON), or all of it as a CSV/XLSX file',
    TABLE_CONTENT_TYPES.csv,
    TABLE_CONTENT_TYPES.xlsx,
  )
  @ApiProduces('application/json', TABLE_CONTENT_TYPES.csv, TABLE_CONTENT_TYPES.xlsx)
  @ApiProblems(400, 404)
  async list(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AttendanceQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.format === 'json') return this.attendance.attendance(id, query);
    const event = await this.attendance.event(id);
    const filename = `daftar-hadir-${fileSlug(event.title)}-${jakartaToday(event.startsAt)}.${query.format}`;
    res.status(200).type(TABLE_CONTENT_TYPES[query.format]);
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await this.attendance.export(event, query.format, query.attended, res);
    } catch (err) {
      // Headers are gone once the first batch is written: all that is left is to cut the download short.
      this.logger.error(`attendance export of event ${id} failed: ${(err as Error).message}`);
      res.destroy(err as Error);
    }
    return undefined;
  }
}

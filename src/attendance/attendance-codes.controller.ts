import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentUser } from '../common/auth.decorator.js';
import { ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import {
  ATTENDANCE_CODE_GUESSES_PER_ACCOUNT,
  ATTENDANCE_CODE_GUESSES_PER_ADDRESS,
  GUESS_WINDOW_MS,
} from './attendance-code-rules.js';
import { AttendanceCodesService } from './attendance-codes.service.js';
import { AttendanceCodeResponseDto, CreateAttendanceCodeDto, SelfCheckInDto } from './dto/attendance-code.dto.js';
import { CheckInResponseDto } from './dto/check-in.dto.js';

const SELF_CHECK_IN = [
  'The signed-in participant, with an active registration at the event, ' +
    'enters the attendance code shown in the session.',
  'A confirmed registration is checked in with source `code` (the certificate follows as after a scan at the door);',
  'a waitlisted one is refused (409), as is someone not registered (409 `not_registered`).',
  'A wrong code is 422 `attendance_code_invalid`, ' +
    'a code of this event outside its window 422 `attendance_code_expired`.',
  `Attempts are limited to ${ATTENDANCE_CODE_GUESSES_PER_ACCOUNT} per ` +
    `account and ${ATTENDANCE_CODE_GUESSES_PER_ADDRESS} per client address`,
  `within ${GUESS_WINDOW_MS / 60_000} minutes (a successful one is not counted): ` +
    `beyond that 429 \`rate_limited\` with Retry-After.`,
].join(' ');

@ApiTags('attendance')
@Controller('events/:id')
export class AttendanceCodesController {
  constructor(private readonly codes: AttendanceCodesService) {}

  @Post('attendance-codes')
  @Auth('staff', 'admin')
  @ApiOperation({
    summary: 'Open an attendance code for an online or hybrid training',
    description:
      'From now for validMinutes (default 15). Offline trainings: ' +
      '422 `event_not_online`; before the event day, draft or cancelled: 409.',
  })
  @ApiCreatedResponse({ type: AttendanceCodeResponseDto })
  @ApiProblems(400, 404, 409, 422)
  open(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateAttendanceCodeDto,
    @CurrentUser() actor: Actor,
  ): Promise<AttendanceCodeResponseDto> {
    return this.codes.open(id, dto, actor);
  }

  @Post('self-check-in')
  @Auth('participant')
  @ApiOperation({ summary: 'Check oneself in with the attendance code', description: SELF_CHECK_IN })
  @ApiCreatedResponse({ type: CheckInResponseDto, description: 'Checked in now (source code)' })
  @ApiOkResponse({
    type: CheckInResponseDto,
    description: 'Already checked in: alreadyCheckedIn true and the first check-in',
  })
  @ApiProblems(400, 404, 409, 422, 429)
  async selfCheckIn(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SelfCheckInDto,
    @CurrentUser() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CheckInResponseDto> {
    const outcome = await this.codes.selfCheckIn(id, dto.code, actor, req.ip ?? 'unknown');
    res.status(outcome.created ? HttpStatus.CREATED : HttpStatus.OK);
    return outcome.body;
  }
}

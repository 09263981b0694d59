import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../common/auth.decorator.js';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../common/api-docs.js';
import type { Actor } from '../common/actor.js';
import { PageQueryDto } from '../common/pagination.js';
import {
  EventMessageAcceptedDto,
  EventMessageDto,
  FailedNotificationDto,
  ListFailedQuery,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationPreferencesResponseDto,
  NotificationResponseDto,
  UnsubscribeQuery,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

const UNSUBSCRIBE_PAGE = (
  token: string,
) => `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Berhenti berlangganan</title></head><body>
<p>Berhenti menerima email pemberitahuan dari Bangga Macapat?</p>
<form method="post" action="?token=${encodeURIComponent(token)}">
<button type="submit">Ya, berhenti berlangganan email</button></form>
<p>Pemberitahuan di aplikasi tetap ada; Anda bisa menyalakan email lagi di pengaturan akun.</p></body></html>`;
const UNSUBSCRIBED_PAGE =
  '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Berhenti berlangganan</title></head><body>' +
  '<p>Anda tidak akan lagi menerima email pemberitahuan dari Bangga Macapat.</p></body></html>';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @Auth()
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  mine(@Query() query: PageQueryDto, @CurrentUser() actor: Actor) {
    return this.notifications.mine(actor, query);
  }

  @Post('me/notifications/:id/read')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: NotificationResponseDto })
  @ApiProblems(400, 404)
  read(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: Actor) {
    return this.notifications.markRead(id, actor);
  }

  @Get('me/notification-preferences')
  @Auth()
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  preferences(@CurrentUser() actor: Actor) {
    return this.notifications.preferences(actor);
  }

  @Put('me/notification-preferences')
  @Auth()
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  @ApiProblems(400)
  setPreferences(@Body() dto: NotificationPreferencesDto, @CurrentUser() actor: Actor) {
    return this.notifications.setPreferences(actor, dto);
  }

  @Get('notifications/unsubscribe')
  @Public()
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiFileResponse(
    200,
    'A page asking to confirm (mail scanners follow links; only the POST changes anything)',
    'text/html',
  )
  @ApiProblems(400)
  unsubscribePage(@Query() query: UnsubscribeQuery): string {
    // A page with a button rather than the change itself: mail scanners follow links with GET.
    return UNSUBSCRIBE_PAGE(query.token);
  }

  @Post('notifications/unsubscribe')
  @HttpCode(200)
  @Public()
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiFileResponse(
    200,
    'Email turned off for the person the token names (also the List-Unsubscribe one-click target)',
    'text/html',
  )
  @ApiProblems(400)
  async unsubscribe(@Query() query: UnsubscribeQuery): Promise<string> {
    await this.notifications.unsubscribe(query.token);
    return UNSUBSCRIBED_PAGE;
  }

  @Get('notifications/failed')
  @Auth('staff', 'admin')
  @ApiPageResponse(FailedNotificationDto, 'Notifications that gave up after their last attempt, with the last error')
  @ApiProblems(400)
  failed(@Query() query: ListFailedQuery) {
    return this.notifications.failed(query);
  }

  @Post('events/:id/messages')
  @HttpCode(202)
  @Auth('staff', 'admin')
  @ApiResponse({
    status: 202,
    type: EventMessageAcceptedDto,
    description: 'Accepted: written to the outbox, sent in the background',
  })
  @ApiProblems(400, 404)
  message(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EventMessageDto, @CurrentUser() actor: Actor) {
    return this.notifications.sendEventMessage(id, dto, actor);
  }
}

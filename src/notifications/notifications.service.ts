import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { badInput, notFound } from '../common/problem.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { rawInt } from '../database/raw-values.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { Page } from '../common/pagination.js';
import type { PageQueryDto } from '../common/pagination.js';
import {
  type Audience,
  EventMessageAcceptedDto,
  EventMessageDto,
  FailedNotificationDto,
  ListFailedQuery,
  NotificationPreferencesDto,
  NotificationPreferencesResponseDto,
  NotificationResponseDto,
} from './dto/notification.dto.js';
import type { NotificationPayload } from './notification-kinds.js';
import { type EventAudience, NotificationSources } from './notification-sources.service.js';
import { Notification, NotificationPreference } from './notification.entity.js';
import { activeChannels, enqueueForParticipants, factsOf } from './outbox.js';
import { render } from './templates.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';

/** Who a staff message reaches, as the owners' audiences (NotificationSources.audienceSql). */
const AUDIENCE: Record<Audience, EventAudience> = {
  registered: 'confirmed',
  waitlisted: 'waitlisted',
  attended: 'attended',
  no_show: 'no_show',
};

@Injectable()
export class NotificationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: NotificationSources,
  ) {}

  /** The signed-in user's in-app notifications, newest first, with the unread count in `meta`. */
  async mine(
    actor: Actor,
    query: PageQueryDto,
  ): Promise<Page<NotificationResponseDto> & { meta: { unreadCount: number } }> {
    const qb = await this.ownInApp(actor);
    const [rows, total] = await qb
      .clone()
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    const unreadCount = await qb.clone().andWhere('n.readAt IS NULL').getCount();
    return { data: rows.map(toResponse), meta: { page: query.page, limit: query.limit, total, unreadCount } };
  }

  /** Marks one of the user's own notifications read; anyone else's (or an unknown id) is 404. */
  async markRead(id: string, actor: Actor): Promise<NotificationResponseDto> {
    const own = await (await this.ownInApp(actor)).andWhere('n.id = :id', { id }).getOne();
    if (!own) throw notFound('Notification');
    if (!own.readAt) {
      own.readAt = new Date();
      await this.uow.run(actor, (em) =>
        em
          .createQueryBuilder()
          .update(Notification)
          .set({ readAt: own.readAt! })
          .where('id = :id AND read_at IS NULL', { id })
          .execute(),
      );
    }
    return toResponse(own);
  }

  private async ownInApp(actor: Actor) {
    const participantId = await this.sources.participantIdOfUser(actor.id);
    const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where("n.channel = 'in_app'");
    if (participantId) {
      qb.andWhere('(n.recipientUserId = :user OR n.recipientParticipantId = :participant)', {
        user: actor.id,
        participant: participantId,
      });
    } else {
      qb.andWhere('n.recipientUserId = :user', { user: actor.id });
    }
    return qb;
  }

  async preferences(actor: Actor): Promise<NotificationPreferencesResponseDto> {
    const found = await this.ds.getRepository(NotificationPreference).findOneBy({ ownerKey: `u:${actor.id}` });
    return this.preferencesOut(found?.email ?? true, found?.whatsapp ?? true);
  }

  async setPreferences(actor: Actor, dto: NotificationPreferencesDto): Promise<NotificationPreferencesResponseDto> {
    await this.uow.run(actor, (em) =>
      this.upsertPreferences(em, `u:${actor.id}`, { email: dto.email, whatsapp: dto.whatsapp }),
    );
    return this.preferencesOut(dto.email, dto.whatsapp);
  }

  /** The public unsubscribe link: turns email off for whoever the token names. */
  async unsubscribe(token: string): Promise<void> {
    const owner = readUnsubscribeToken(token, this.config.jwtSecret);
    if (!owner)
      throw badInput(
        'This unsubscribe link is not valid',
        [{ field: 'token', message: 'not a valid unsubscribe token' }],
        'invalid_unsubscribe_token',
      );
    await this.uow.run(null, (em) => this.upsertPreferences(em, owner, { email: false }));
  }

  /** Insert-or-update on the primary key; two racing writers both succeed, the later one wins. */
  private async upsertPreferences(
    em: import('typeorm').EntityManager,
    ownerKey: string,
    values: { email?: boolean; whatsapp?: boolean },
  ): Promise<void> {
    const repo = em.getRepository(NotificationPreference);
    const current = await repo.findOneBy({ ownerKey });
    await repo.upsert(
      {
        ownerKey,
        email: values.email ?? current?.email ?? true,
        whatsapp: values.whatsapp ?? current?.whatsapp ?? true,
        updatedAt: new Date(),
      },
      ['ownerKey'],
    );
  }

  private preferencesOut(email: boolean, whatsapp: boolean): NotificationPreferencesResponseDto {
    const channels = activeChannels();
    return {
      email,
      whatsapp,
      available: { email: channels.includes('email'), whatsapp: channels.includes('whatsapp') },
    };
  }

  /** Rows that gave up, newest first, for staff to look into. */
  async failed(query: ListFailedQuery): Promise<Page<FailedNotificationDto>> {
    const [rows, total] = await this.ds.getRepository(Notification).findAndCount({
      where: { status: 'failed', ...(query.channel ? { channel: query.channel } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return {
      data: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        channel: n.channel,
        subjectType: n.subjectType,
        subjectId: n.subjectId,
        recipientUserId: n.recipientUserId,
        recipientParticipantId: n.recipientParticipantId,
        attempts: n.attempts,
        lastError: n.lastError,
        createdAt: n.createdAt,
      })),
      meta: { page: query.page, limit: query.limit, total },
    };
  }

  /**
   * A staff message to an audience of a training: every recipient's rows are written by one INSERT … SELECT
   * in one transaction and sent in the background; the message id is the subject, so two messages are two.
   */
  async sendEventMessage(eventId: string, dto: EventMessageDto, actor: Actor): Promise<EventMessageAcceptedDto> {
    const messageId = randomUUID();
    const recipients = await this.uow.run(actor, async (em) => {
      const event = await this.sources.event(em, eventId);
      if (!event) throw notFound('Event');
      const sql = this.sources.audienceSql(AUDIENCE[dto.audience]);
      const payload: NotificationPayload = {
        event: factsOf(event),
        subject: dto.subject.trim(),
        body: dto.body.trim(),
      };
      await enqueueForParticipants(
        em,
        { kind: 'event_message', subjectType: 'message', subjectId: messageId, payload },
        sql,
        [eventId],
      );
      const [row] = (await em.query(`SELECT COUNT(*) AS n FROM (${sql}) a`, [eventId])) as { n: unknown }[];
      return rawInt(row?.n);
    });
    return { messageId, recipients };
  }
}

function toResponse(n: Notification): NotificationResponseDto {
  const payload = JSON.parse(n.payload) as NotificationPayload;
  const rendered = render(n.kind, payload);
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    title: rendered.title,
    body: rendered.text,
    eventId: payload.event?.eventId ?? null,
    bookingId: payload.booking?.bookingId ?? null,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

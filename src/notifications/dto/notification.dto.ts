import { PageMeta } from '../../common/api-docs.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { CHANNELS, type Channel, NOTIFICATION_KINDS, type NotificationKind } from '../notification-kinds.js';

export class NotificationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: ['registration', 'event', 'booking', 'message'] }) subjectType: string;
  @ApiProperty({
    description: 'The id of what the notification is about (a training, registration, booking or message)',
  })
  subjectId: string;
  @ApiProperty({ description: 'Rendered title, in Bahasa Indonesia' }) title: string;
  @ApiProperty({ description: 'Rendered text, in Bahasa Indonesia' }) body: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) eventId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) bookingId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
}

export class NotificationPageMetaDto extends PageMeta {
  @ApiProperty({ minimum: 0, example: 1, description: "The person's unread in-app notifications, over all pages" })
  unreadCount: number;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationResponseDto] }) data: NotificationResponseDto[];
  @ApiProperty({ type: NotificationPageMetaDto }) meta: NotificationPageMetaDto;
}

export class ListFailedQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
}

export class FailedNotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) recipientUserId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) recipientParticipantId: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'The last error, addresses masked' }) lastError:
    string | null;
  @ApiProperty() createdAt: Date;
}

export class NotificationPreferencesDto {
  @ApiProperty() @IsBoolean() email: boolean;
  @ApiProperty() @IsBoolean() whatsapp: boolean;
}

export class NotificationPreferencesResponseDto extends NotificationPreferencesDto {
  @ApiProperty({
    type: NotificationPreferencesDto,
    description: 'Which channels this deployment sends on; a preference for an unconfigured one has no effect',
    example: { email: true, whatsapp: false },
  })
  available: { email: boolean; whatsapp: boolean };
}

export const AUDIENCES = ['registered', 'waitlisted', 'attended', 'no_show'] as const;
export type Audience = (typeof AUDIENCES)[number];

export class EventMessageDto {
  @ApiProperty({
    enum: AUDIENCES,
    description: 'registered: confirmed seats; attended: checked in; no_show: confirmed, not checked in',
  })
  @IsIn(AUDIENCES)
  audience: Audience;
  @ApiProperty({ maxLength: 150 }) @IsString() @IsNotEmpty() @MaxLength(150) subject: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) body: string;
}

export class EventMessageAcceptedDto {
  @ApiProperty({ format: 'uuid' }) messageId: string;
  @ApiProperty({ description: 'People the message goes to (each on every channel they can be reached on)' })
  recipients: number;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The token from the email link' }) @IsString() @MaxLength(200) token: string;
}

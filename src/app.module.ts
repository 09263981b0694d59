import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AttendanceModule } from './attendance/attendance.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { LoggingModule } from './common/logging.module.js';
import { RedisThrottlerStorage } from './common/redis-throttler-storage.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { EventsModule } from './events/events.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';
import { RegionsModule } from './regions/regions.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { UsersModule } from './users/users.module.js';
import { StudiosModule } from './studios/studios.module.js';
import { BookingsModule } from './bookings/bookings.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';
import { OpenDataModule } from './open-data/open-data.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { NotificationSourcesModule } from './notification-sources/notification-sources.module.js';

/** Feature modules, in the order a reader meets the domain. */
const FEATURES = [
  AuditModule,
  AuthModule,
  UsersModule,
  PartnersModule,
  RegionsModule,
  HealthModule,
  ParticipantsModule,
  EventsModule,
  RegistrationsModule,
  AttendanceModule,
  StudiosModule,
  BookingsModule,
  CertificatesModule,
  PersonalDataModule,
  ReportsModule,
  RetentionModule,
  NotificationsModule,
  NotificationSourcesModule,
];

@Module({})
export class AppModule {
  /** Built at start (not at import) so configuration errors surface as a clean start-up failure. */
  static register(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(),
        LoggingModule,
        DatabaseModule,
        IdempotencyModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            throttlers: [{ name: 'register', ttl: 60 * 60 * 1000, limit: config.registerRateLimit }],
            storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
          }),
        }),
        ...FEATURES,
        OutcomesModule,
        OpenDataModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, BootstrapService],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { buildDataSourceOptions } from './database-url.js';
import { runMigrationsExclusively } from './migrate.js';
import { StalledConnectionSubscriber } from './stalled-connections.js';
import { UnitOfWork } from './unit-of-work.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.databaseUrl, config.databaseReplicaUrls, {
          queryTimeoutSeconds: config.dbQueryTimeoutSeconds,
        }),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // Pending migrations run at start, one transaction each, one starting process at a time.
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        try {
          if (options!.type === 'mysql' && options!.enableQueryTimeout) {
            // The query timeout is for serving requests: a migration
            // (or the wait for another process's) may take minutes.
            const migrator = await new DataSource({ ...options!, enableQueryTimeout: false }).initialize();
            await runMigrationsExclusively(migrator).finally(() => migrator.destroy());
          } else {
            await runMigrationsExclusively(ds);
          }
        } catch (err) {
          // The migration failure is what to report, even if closing the pool fails too.
          await ds.destroy().catch(() => undefined);
          throw err;
        }
        return ds;
      },
    }),
  ],
  providers: [UnitOfWork, StalledConnectionSubscriber],
  exports: [UnitOfWork],
})
export class DatabaseModule {}

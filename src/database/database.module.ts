import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { buildDataSourceOptions } from './database-url.js';
import { runMigrationsExclusively } from './migrate.js';
import { UnitOfWork } from './unit-of-work.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.databaseUrl, config.databaseReplicaUrls),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // Pending migrations run at start, one transaction each, one starting process at a time.
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        try {
          await runMigrationsExclusively(ds);
        } catch (err) {
          await ds.destroy();
          throw err;
        }
        return ds;
      },
    }),
  ],
  providers: [UnitOfWork],
  exports: [UnitOfWork],
})
export class DatabaseModule {}

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AppConfig, APP_CONFIG } from './config/app-config.js';
import { formatAccounts, seedDemo } from './seed/demo-seed.js';
import { UsersService } from './users/users.service.js';

/** Start-up chores after migrations: the configured admin, and demo data on a first embedded start. */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.usingDevSecrets) {
      this.logger.warn('JWT_SECRET or DATA_ENCRYPTION_KEY not set: using development defaults (never in production)');
    }
    const { adminEmail, adminPassword } = this.config;
    if (adminEmail && adminPassword && !(await this.users.findByEmail(adminEmail))) {
      try {
        await this.users.create(
          { email: adminEmail, password: adminPassword, fullName: 'Administrator', role: 'admin' },
          null,
        );
        this.logger.log(`Created admin ${adminEmail}`);
      } catch (err) {
        // Instances started together: another one created the admin between our check and our insert.
        if (!(await this.users.findByEmail(adminEmail))) throw err;
      }
    }
    const embeddedDefault = this.config.databaseUrl === undefined;
    if (embeddedDefault && this.config.nodeEnv !== 'production' && this.config.seedDemoOnFirstStart) {
      const result = await seedDemo((token) => this.moduleRef.get(token, { strict: false }));
      if (result.seeded)
        this.logger.warn(`First start on the embedded database: demo data added.\n${formatAccounts(result.accounts)}`);
    }
  }
}

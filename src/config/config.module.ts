import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, readAppConfig } from './app-config.js';
import { validateEnv } from './env.validation.js';

/**
 * Reads and validates the environment when the app is created (not when this file is imported), so a
 * bad value stops start-up with a message naming it, and tests can build apps with their own settings.
 */
@Global()
@Module({})
export class AppConfigModule {
  static register(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv })],
      providers: [{ provide: APP_CONFIG, inject: [ConfigService], useFactory: readAppConfig }],
      exports: [APP_CONFIG],
    };
  }
}

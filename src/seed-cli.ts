import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { formatAccounts, seedDemo } from './seed/demo-seed.js';

/** `npm run seed:demo`: fills an empty database (DATABASE_URL, migrations applied at start) with demo data. */
async function main(): Promise<void> {
  process.env.SEED_DEMO_ON_FIRST_START = 'false';
  const app = await NestFactory.createApplicationContext(AppModule.register(), { logger: ['error', 'warn'] });
  try {
    const result = await seedDemo((token) => app.get(token, { strict: false }));
    process.stdout.write(
      result.seeded
        ? `Demo data added.\n${formatAccounts(result.accounts)}\n`
        : 'The database already has data; nothing seeded.\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Seeding failed: ${err.message}\n`);
  process.exit(1);
});

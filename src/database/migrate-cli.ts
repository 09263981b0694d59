import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.validation.js';
import { buildDataSourceOptions } from './database-url.js';
import { runMigrationsExclusively } from './migrate.js';

/** `node dist/src/database/migrate-cli.js up|down|status` against DATABASE_URL. */
async function main(): Promise<void> {
  const env = validateEnv(process.env) as { DATABASE_URL?: string };
  const command = process.argv[2] ?? 'up';
  const ds = new DataSource(buildDataSourceOptions(env.DATABASE_URL));
  await ds.initialize();
  try {
    if (command === 'up') {
      const applied = await runMigrationsExclusively(ds);
      process.stdout.write(
        applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations\n',
      );
    } else if (command === 'down') {
      await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration\n');
    } else if (command === 'status') {
      process.stdout.write((await ds.showMigrations()) ? 'Pending migrations exist\n' : 'Up to date\n');
    } else {
      throw new Error(`Unknown command ${command}; use up, down or status`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Migration failed: ${err.message}\n`);
  process.exit(1);
});

import { Logger as NestLogger } from '@nestjs/common';
import { buildDataSourceOptions } from './database-url.js';
import { TypeormLogger } from './typeorm-logger.js';

describe('TypeormLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is the logger of both drivers, so TypeORM never prints to the console itself', () => {
    expect(buildDataSourceOptions('mysql://u:p@h:3306/bangga', [], { queryTimeoutSeconds: 30 }).logger).toBeInstanceOf(
      TypeormLogger,
    );
    expect(buildDataSourceOptions('sqlite::memory:').logger).toBeInstanceOf(TypeormLogger);
  });

  it('logs a slow query with its duration and statement, never its parameters', () => {
    const warn = jest.spyOn(NestLogger.prototype, 'warn').mockImplementation(() => undefined);
    const secret = '3303015203910002';
    new TypeormLogger().logQuerySlow(31_000, 'SELECT `id` FROM `participants` WHERE `nik_hash` = ?', [
      secret,
      'rahasia@uji.id',
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(warn.mock.calls[0]);
    expect(logged).toContain('31000');
    expect(logged).toContain('SELECT `id` FROM `participants`');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('rahasia@uji.id');
  });

  it('logs no individual queries or their errors (the problem-details filter logs unexpected failures)', () => {
    const spies = (['log', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(NestLogger.prototype, m).mockImplementation(() => undefined),
    );
    const logger = new TypeormLogger();
    logger.logQuery();
    logger.logQueryError();
    logger.logSchemaBuild();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

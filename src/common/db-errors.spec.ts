import { QueryFailedError } from 'typeorm';
import { describeDbError, isUniqueViolation, uniqueConstraintOf } from './db-errors.js';

/** A driver error as TypeORM hands it on: QueryFailedError around the driver's own. */
function queryFailed(driver: Record<string, unknown> & { message: string }): QueryFailedError {
  return new QueryFailedError(
    'INSERT INTO users (email) VALUES (?)',
    ['x@contoh.id'],
    Object.assign(new Error(driver.message), driver),
  );
}

describe('db-errors', () => {
  const value = "x' for key 'fake@contoh.id";
  const mysqlDup = queryFailed({
    message: `Duplicate entry '${value}' for key 'UQ_users_email'`,
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlMessage: `Duplicate entry '${value}' for key 'UQ_users_email'`,
  });
  const sqliteDup = queryFailed({
    message: 'UNIQUE constraint failed: participants.nik_hash',
    code: 'SQLITE_CONSTRAINT_UNIQUE',
  });

  it('names the unique index, never the duplicate value, even one that imitates the message', () => {
    expect(isUniqueViolation(mysqlDup)).toBe(true);
    expect(uniqueConstraintOf(mysqlDup)).toBe('UQ_users_email');
    expect(
      uniqueConstraintOf(
        queryFailed({
          message: "Duplicate entry '1-2' for key 'registrations.UQ_registrations_active'",
          code: 'ER_DUP_ENTRY',
        }),
      ),
    ).toBe('registrations.UQ_registrations_active');
    expect(uniqueConstraintOf(sqliteDup)).toBe('participants.nik_hash');
    expect(uniqueConstraintOf(new Error('boom'))).toBeUndefined();
  });

  it('describes statement errors for the log without their message, parameters or the value', () => {
    const described = describeDbError(mysqlDup) as Record<string, unknown>;
    expect(described).toMatchObject({
      type: 'QueryFailedError',
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      constraint: 'UQ_users_email',
    });
    expect(JSON.stringify(described)).not.toMatch(/fake@contoh|x@contoh|Duplicate entry/);
    expect(described.stack).toMatch(/^\s+at /);
    const badDate = queryFailed({
      message: "Incorrect datetime value: '081234567890' for column 'starts_at' at row 1",
      code: 'ER_TRUNCATED_WRONG_VALUE',
    });
    expect(JSON.stringify(describeDbError(badDate))).not.toContain('081234567890');
    expect(describeDbError(badDate)).not.toHaveProperty('constraint');
  });

  it('leaves other errors as they are', () => {
    const plain = new Error('connect ECONNREFUSED 127.0.0.1:3306');
    expect(describeDbError(plain)).toBe(plain);
  });
});

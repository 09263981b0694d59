import { uniqueOr } from './unique-conflict.js';

const duplicate = (code: string) => Object.assign(new Error('duplicate'), { driverError: { code } });

describe('uniqueOr', () => {
  const taken = () => new Error('taken');

  it('passes the result of a write through', async () => {
    await expect(uniqueOr(() => Promise.resolve(7), taken)).resolves.toBe(7);
  });

  it('answers a unique violation of either database with the given problem', async () => {
    await expect(uniqueOr(() => Promise.reject(duplicate('ER_DUP_ENTRY')), taken)).rejects.toThrow('taken');
    await expect(uniqueOr(() => Promise.reject(duplicate('SQLITE_CONSTRAINT_UNIQUE')), taken)).rejects.toThrow('taken');
  });

  it('lets every other error through unchanged', async () => {
    const other = duplicate('ER_LOCK_WAIT_TIMEOUT');
    await expect(uniqueOr(() => Promise.reject(other), taken)).rejects.toBe(other);
  });
});

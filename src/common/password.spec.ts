import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('uses argon2id at 64 MiB and 3 passes by default', async () => {
    const hash = await hashPassword('kata-sandi-rahasia', 'standard');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    await expect(verifyPassword(hash, 'kata-sandi-rahasia')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'kata-sandi-salah')).resolves.toBe(false);
  });

  it('makes a weak test-only hash that verifies like any other', async () => {
    const hash = await hashPassword('kata-sandi-rahasia', 'test-only-weak');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    await expect(verifyPassword(hash, 'kata-sandi-rahasia')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'kata-sandi-salah')).resolves.toBe(false);
  });

  it('answers false (not an error) for a stored value that is no argon2 hash', async () => {
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });

  it('keeps one dummy hash per cost, made at that cost', async () => {
    expect(await dummyPasswordHash('test-only-weak')).toMatch(/m=1024,p=1,t=1/);
    expect(await dummyPasswordHash('standard')).toMatch(/m=65536,p=4,t=3/);
    expect(dummyPasswordHash('standard')).toBe(dummyPasswordHash('standard'));
  });
});

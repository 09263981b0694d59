import { parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it('leaves an unset or empty value unset', () => {
    expect(parseTrustProxy(undefined)).toEqual({ value: undefined });
    expect(parseTrustProxy('')).toEqual({ value: undefined });
    expect(parseTrustProxy('  ')).toEqual({ value: undefined });
  });

  it('reads true and false as booleans, in any letter case', () => {
    expect(parseTrustProxy('true')).toEqual({ value: true });
    expect(parseTrustProxy('TRUE')).toEqual({ value: true });
    expect(parseTrustProxy('false')).toEqual({ value: false });
  });

  it('reads a whole number as a hop count (as a string, Express took "1" for the address 0.0.0.1)', () => {
    expect(parseTrustProxy('1')).toEqual({ value: 1 });
    expect(parseTrustProxy('0')).toEqual({ value: 0 });
    expect(parseTrustProxy(' 2 ')).toEqual({ value: 2 });
    expect(parseTrustProxy('100')).toEqual({ value: 100 });
  });

  it.each([
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.0/8, 192.168.1.1 ,::1', ['10.0.0.0/8', '192.168.1.1', '::1']],
    ['fd00::/8,2001:db8::1', ['fd00::/8', '2001:db8::1']],
    ['0.0.0.0/0', ['0.0.0.0/0']],
    ['::/0', ['::/0']],
    ['loopback', ['loopback']],
    ['loopback,linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
  ])('reads %s as a list of addresses and subnets', (raw, list) => {
    expect(parseTrustProxy(raw)).toEqual({ value: list });
  });

  it.each([
    'yes',
    '1.5',
    '-1',
    '101',
    '1,2',
    '10.0.0.256',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.0/',
    '10.0.0.0/8,',
    'localhost',
    'LOOPBACK-ish',
    '10.0.0.0/255.0.0.0',
  ])('refuses %s, naming TRUST_PROXY', (raw) => {
    const parsed = parseTrustProxy(raw);
    expect(parsed).toEqual({ error: expect.stringMatching(/^TRUST_PROXY /) });
  });
});

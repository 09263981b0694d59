import { clientAddressKey } from './client-address.js';

describe('clientAddressKey', () => {
  it('keeps IPv4 addresses and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('keys IPv6 by its /64, so rotating inside it does not reset a count', () => {
    expect(clientAddressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
  });

  it('hashes what is no address (a forged X-Forwarded-For) into a short, stable key', () => {
    const junk = 'x'.repeat(300);
    expect(clientAddressKey(junk)).toMatch(/^unparsed:[0-9a-f]{40}$/);
    expect(clientAddressKey(junk)).toBe(clientAddressKey(junk));
    expect(clientAddressKey('bukan-alamat')).not.toBe(clientAddressKey(junk));
    expect(clientAddressKey(undefined)).toMatch(/^unparsed:/);
    expect(clientAddressKey(junk).length).toBeLessThanOrEqual(64);
  });
});

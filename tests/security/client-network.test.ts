import { describe, expect, it } from 'vitest';
import { clientNetwork } from '../../src/security/client-ip.js';

// One IPv6 subscriber gets a whole /64: per-client limits must count the /64, or an attacker with
// one line has 2^64 "clients".
describe('the network a per-client limit counts', () => {
  it('keeps an IPv4 address as it is, and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client, however it is written', () => {
    const one = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0000:0000:0000:0099',
      '2001:DB8:1:2:a:b:c:d',
      '2001:db8:1:2::1%eth0',
    ].map(clientNetwork);
    expect(new Set(one)).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('keeps different /64s apart', () => {
    expect(clientNetwork('2001:db8:1:2::1')).not.toBe(clientNetwork('2001:db8:1:3::1'));
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('passes anything that is not an address through unchanged (it is hashed either way)', () => {
    expect(clientNetwork('not-an-address')).toBe('not-an-address');
  });
});

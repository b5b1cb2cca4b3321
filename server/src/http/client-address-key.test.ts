import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address-key';

describe('clientAddressKey', () => {
  it('keeps an IPv4 address whole and keys IPv6 by its /64', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('2001:DB8:0:0:ffff:1:2:3')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(clientAddressKey('[2001:db8::5]')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('reads a NAT64 address of the well-known prefix as the IPv4 client behind the translator', () => {
    expect(clientAddressKey('64:ff9b::198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressKey('64:ff9b::c633:6408')).toBe('198.51.100.8');
    // Two IPv4 clients behind one translator are two keys, not one /64.
    expect(clientAddressKey('64:ff9b::198.51.100.7')).not.toBe(clientAddressKey('64:ff9b::198.51.100.8'));
    // Another prefix stays a /64.
    expect(clientAddressKey('64:ff9c::198.51.100.7')).toBe('64:ff9c:0:0::/64');
  });

  it('reads an IPv4-mapped IPv6 address (dotted or hex) as its IPv4 address', () => {
    expect(clientAddressKey('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(clientAddressKey('::FFFF:0102:0304')).toBe('1.2.3.4');
    expect(clientAddressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('returns anything that is not an IP address as it is (trimmed, lower-case)', () => {
    expect(clientAddressKey(' Unknown ')).toBe('unknown');
    expect(clientAddressKey('')).toBe('');
  });
});

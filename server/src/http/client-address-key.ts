import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part becomes two groups). */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail, ...rest] = text.split('::');
  if (rest.length > 0) return null;
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...front, ...Array<number>(missing).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The key a client address is rate limited under: an IPv4 address as it is; an IPv6 address by
 * its /64 prefix (`2001:db8:0:1::/64`), the block one subscriber or server is normally given, so
 * the addresses of one /64 share one limit; an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) as
 * its IPv4 address, and so is a NAT64 address of the well-known prefix (`64:ff9b::1.2.3.4`). Anything else (not an IP) is returned trimmed and lower-cased.
 */
export function clientAddressKey(ip: string): string {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/%.*$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.');
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return embedded;
  // NAT64's well-known prefix 64:ff9b::/96 (RFC 6052): each IPv4 client behind the translator.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return embedded;
  return `${[g0, g1, g2, g3].map((g = 0) => g.toString(16)).join(':')}::/64`;
}

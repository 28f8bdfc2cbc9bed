import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address: the socket's peer, or — only when TRUST_PROXY is set, i.e. behind our own
 * reverse proxy — the last hop the proxy appended to X-Forwarded-For. Never trusted otherwise,
 * since anyone can send that header.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last && last.length <= 64) {
      return last;
    }
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // no socket (app.request() in tests)
  }
}

/**
 * What a per-client limit counts: an IPv4 address as it is, an IPv6 address by its /64. One
 * subscriber line or server is handed a whole /64, so counting single IPv6 addresses would give
 * one client an unlimited supply of them. IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is IPv4.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) {
    return mapped[1]!;
  }
  if (isIPv4(address)) {
    return address;
  }
  const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) names an interface, not a client
  if (!isIPv6(bare)) {
    return address;
  }
  return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, expanded and lower-case ("2001:db8::1" → 2001, db8, 0, …, 1). */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4 or 64:ff9b::1.2.3.4) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

/** IP addresses (and sign-in emails in throttle keys) are stored only as keyed hashes: enough to count, useless to a reader of the database. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
}

/**
 * The request's client as every per-client limit sees it (form submissions, resends, sign-in, live
 * streams): the keyed hash of its network (IPv6 by /64). Null when there is no socket to read.
 */
export function clientKey(c: Context, secret: Buffer, trustProxy: boolean): string | null {
  const ip = clientIp(c, trustProxy);
  return ip === 'unknown' ? null : keyedHash(secret, 'ip', clientNetwork(ip));
}

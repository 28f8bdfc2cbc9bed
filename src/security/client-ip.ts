import { createHmac } from 'node:crypto';
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
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last && last.length <= 64) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // no socket (app.request() in tests)
  }
}

/** IP addresses (and sign-in emails in throttle keys) are stored only as keyed hashes (DESIGN §1): enough to count, useless to a reader of the database. */
export function keyedHash(secret: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
}

export const hashIp = (secret: Buffer, ip: string) => keyedHash(secret, 'ip', ip);

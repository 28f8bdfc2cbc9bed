import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { markShared } from './shared-mark.js';

/** A response body rendered once, with the validator that lets browsers and proxies skip it. */
export interface CachedBody {
  body: string;
  etag: string;
}

/** Hash the body once, when it is cached: each request then only compares strings. */
export function cachedBody(body: string): CachedBody {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Does If-None-Match name this ETag (weak or strong, in a list, or `*`)? */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  return header.split(',').some((tag) => {
    const x = tag.trim();
    return x === '*' || x === etag || x === `W/${etag}`;
  });
}

/** Answer from a cached body: 304 when the client already has it, else the body, with ETag and Cache-Control. */
export function sendCached(c: Context, cached: CachedBody, headers: Record<string, string>): Response {
  const common = { ETag: cached.etag, 'Cache-Control': headers['Cache-Control'] ?? 'public, max-age=5' };
  if (matchesEtag(c.req.header('if-none-match'), cached.etag)) {
    markShared(c, null);
    return c.body(null, 304, common);
  }
  markShared(c, cached.body);
  return c.body(cached.body, 200, { ...headers, ...common });
}

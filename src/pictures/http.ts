import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { acceptsGzip } from '../http/cached-page.js';
import { matchesEtag } from '../http/http-cache.js';
import { markShared } from '../http/shared-mark.js';

/**
 * Public, shared and CDN-cacheable: every reader of a URL gets the same bytes, a proxy may serve
 * them for 10 s, and a stale copy for a minute while it revalidates (a day if we are down).
 */
export const PICTURE_CACHE_CONTROL =
  'public, max-age=10, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400';

/** A picture's bytes, hashed (and for SVG gzipped) once per count generation, never per request. */
export interface Picture {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Only for text formats (SVG); a PNG is compressed already. */
  gzip: { body: Uint8Array<ArrayBuffer>; etag: string } | undefined;
}

const view = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

/** Build the cached form of a rendered picture. */
export function picture(content: string | Buffer, type: string): Picture {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const gzip =
    typeof content === 'string'
      ? { body: view(gzipSync(body, { level: 9 })), etag: `"${hash}-gz"` }
      : undefined;
  return { type, body: view(body), etag: `"${hash}"`, gzip };
}

/**
 * Send a cached picture with a strong ETag (one per encoding) and 304 on If-None-Match. The
 * response depends on nothing but the URL and Accept-Encoding: the `lang` cookie the language
 * middleware sets for `?lang=` is dropped, so a shared cache may keep it.
 */
export function sendPicture(c: Context, p: Picture): Response {
  c.header('Set-Cookie', undefined);
  const gz = p.gzip && acceptsGzip(c.req.header('accept-encoding')) ? p.gzip : undefined;
  const etag = gz ? gz.etag : p.etag;
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': PICTURE_CACHE_CONTROL };
  if (p.gzip) {
    headers.Vary = 'Accept-Encoding';
  }
  const inm = c.req.header('if-none-match');
  if (matchesEtag(inm, p.etag) || (p.gzip && matchesEtag(inm, p.gzip.etag))) {
    markShared(c, null);
    return c.body(null, 304, headers);
  }
  headers['Content-Type'] = p.type;
  if (gz) {
    headers['Content-Encoding'] = 'gzip';
  }
  const body = gz ? gz.body : p.body;
  markShared(c, body);
  return c.body(body, 200, headers);
}

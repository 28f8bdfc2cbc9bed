import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { matchesEtag } from './http-cache.js';
import { markShared } from './shared-mark.js';

const HTML = 'text/html; charset=UTF-8';

/**
 * How long a shared cache (a CDN, nginx) may keep a public response: a few seconds — about the
 * interval of the live count — then serve it stale while it fetches a fresh one, and for a day
 * if the app is down. Readers see a list at most seconds old; a crowd costs the app one request per
 * URL per window.
 */
export const PUBLIC_CACHE = 'public, max-age=5, s-maxage=5, stale-while-revalidate=30, stale-if-error=86400';

/**
 * A page rendered once and kept as bytes: encoded to UTF-8 once and gzipped once, on first demand,
 * each with its strong ETag. Nothing in it differs per request.
 */
export interface CachedPage {
  body: Buffer;
  etag: string;
  gzip: { body: Buffer; etag: string } | undefined;
}

const etagOf = (b: Buffer, suffix = '') =>
  `"${createHash('sha256').update(b).digest('base64url').slice(0, 27)}${suffix}"`;

export function cachedPage(html: string): CachedPage {
  const body = Buffer.from(html);
  return { body, etag: etagOf(body), gzip: undefined };
}

/** Does the client take gzip (`Accept-Encoding`, honouring `q=0`)? */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) {
    return false;
  }
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') {
      continue;
    }
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Send a cached page — gzipped when the client takes it — or 304 when the client already holds
 * it. `vary` names what the page was chosen by besides the encoding (a negotiated language).
 */
export function sendPage(c: Context, page: CachedPage, opts: { vary?: string } = {}): Response {
  const headers: Record<string, string> = {
    'Content-Type': HTML,
    'Cache-Control': PUBLIC_CACHE,
    Vary: opts.vary ? `Accept-Encoding, ${opts.vary}` : 'Accept-Encoding',
  };
  const gzip = acceptsGzip(c.req.header('accept-encoding'));
  if (gzip) {
    if (!page.gzip) {
      const body = gzipSync(page.body, { level: 9 });
      page.gzip = { body, etag: page.etag.replace(/"$/, '-gz"') };
    }
    headers['Content-Encoding'] = 'gzip';
  }
  const etag = gzip ? page.gzip!.etag : page.etag;
  headers.ETag = etag;
  if (matchesEtag(c.req.header('if-none-match'), etag)) {
    markShared(c, null);
    return c.body(null, 304, headers);
  }
  const body = bytes(gzip ? page.gzip!.body : page.body);
  markShared(c, body);
  return c.body(body, 200, headers);
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

const HTML = 'text/html; charset=UTF-8';

/**
 * A page rendered once and kept as bytes: encoded to UTF-8 once (measuring a 40 KB string per
 * request cost a tenth of a page view) and gzipped once, on first demand. A page with a per-request
 * part (the proof-of-work challenge) keeps the bytes either side of its slot instead.
 */
export interface CachedPage {
  body: Buffer;
  /** Bytes before and after the per-request slot, when there is one. */
  split: [Buffer, Buffer] | undefined;
  gzip: Buffer | undefined;
}

export function cachedPage(html: string, slot?: string): CachedPage {
  const at = slot ? html.indexOf(slot) : -1;
  const split: [Buffer, Buffer] | undefined = slot && at >= 0 ? [Buffer.from(html.slice(0, at)), Buffer.from(html.slice(at + slot.length))] : undefined;
  return { body: Buffer.from(html), split, gzip: undefined };
}

/** Does the client take gzip (`Accept-Encoding`, honouring `q=0`)? */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Send a cached page: gzipped when the client takes it, with the per-request slot filled in. */
export function sendPage(c: Context, page: CachedPage, slotValue?: string): Response {
  const headers: Record<string, string> = { 'Content-Type': HTML, Vary: 'Accept-Encoding' };
  if (page.split && slotValue !== undefined) {
    return c.body(bytes(Buffer.concat([page.split[0], Buffer.from(slotValue), page.split[1]])), 200, headers);
  }
  if (acceptsGzip(c.req.header('accept-encoding'))) {
    page.gzip ??= gzipSync(page.body, { level: 9 });
    return c.body(bytes(page.gzip), 200, { ...headers, 'Content-Encoding': 'gzip' });
  }
  return c.body(bytes(page.body), 200, headers);
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

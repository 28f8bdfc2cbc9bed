import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  url: string;
}

/**
 * Static files from public/, each served under a content-hashed URL so browsers may cache
 * them for a year; views ask `assetUrl('style.css')` for the current address.
 */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(PUBLIC_DIR)) {
    const ext = name.split('.').pop() ?? '';
    const type = TYPES[ext];
    if (!type) {
      continue;
    }
    const body = fs.readFileSync(PUBLIC_DIR + name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const base = name.slice(0, -(ext.length + 1));
    assets.set(name, { body, type, url: `/assets/${base}.${hash}.${ext}` });
  }
  return assets;
}

const assets = loadAssets();
const byUrl = new Map([...assets.values()].map((a) => [a.url, a]));

/** Files asked for at fixed addresses: every browser asks for /favicon.ico, every crawler for /robots.txt. */
const FIXED = [
  { url: '/favicon.ico', file: 'favicon.ico', type: 'image/x-icon' },
  { url: '/robots.txt', file: 'robots.txt', type: 'text/plain; charset=utf-8' },
].map((f) => ({ ...f, body: fs.readFileSync(PUBLIC_DIR + f.file) }));

export function assetUrl(name: string): string {
  const a = assets.get(name);
  if (!a) {
    throw new Error(`unknown asset ${name}`);
  }
  return a.url;
}

/** Hashed assets, cached for a year, and the few files served at fixed addresses, cached for a day. */
export function assetRoutes() {
  const app = new Hono();
  for (const f of FIXED) {
    app.get(f.url, (c) =>
      c.body(new Uint8Array(f.body), 200, {
        'Content-Type': f.type,
        'Cache-Control': 'public, max-age=86400',
      }),
    );
  }
  app.get('/assets/:file', (c) => {
    const a = byUrl.get(c.req.path);
    if (!a) {
      return c.notFound();
    }
    return c.body(new Uint8Array(a.body), 200, {
      'Content-Type': a.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}

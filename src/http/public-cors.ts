import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the public, read-only JSON: any origin may read it (other sites show the count).
 * Hono's `cors()` writes to `c.res.headers` before the route runs, which makes every answer
 * rebuild a full WHATWG Response when the route's own response replaces it; this sets the same
 * headers with `c.header()`, the cheap way, and answers preflights itself.
 */
export function publicReadCors(opts: {
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}): MiddlewareHandler {
  const allowHeaders = opts.allowHeaders.join(',');
  const exposeHeaders = opts.exposeHeaders.join(',');
  const maxAge = String(opts.maxAgeSeconds);
  return async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*');
    if (exposeHeaders) {
      c.header('Access-Control-Expose-Headers', exposeHeaders);
    }
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', maxAge);
      c.header('Access-Control-Allow-Methods', 'GET,HEAD,OPTIONS');
      if (allowHeaders) {
        c.header('Access-Control-Allow-Headers', allowHeaders);
      }
      c.header('Vary', 'Access-Control-Request-Headers');
      return c.body(null, 204);
    }
    await next();
  };
}

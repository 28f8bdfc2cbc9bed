import type { MiddlewareHandler } from 'hono';
import { sameSitePath } from './safe-path.js';

/**
 * `/admin/` or `/s/slug/` typed by hand lands on the page (301) rather than on a 404. The Location
 * is a same-site path (never an absolute URL built from the request's Host, never "//host").
 */
export function trimTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path.length > 1 && path.endsWith('/') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const url = c.req.url;
      const q = url.indexOf('?');
      const target = sameSitePath(path.replace(/\/+$/, '') || '/');
      return c.redirect(target + (q >= 0 ? url.slice(q) : ''), 301);
    }
    await next();
  };
}

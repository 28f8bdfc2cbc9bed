import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The strict headers of every response (README "Security"), as constants: no page carries an inline
 * script, so the Content-Security-Policy needs no per-request nonce, and a public page is the same
 * bytes for every reader — which is what lets a shared cache or CDN keep it.
 */
export function securityHeaderList(opts: { https: boolean }): ReadonlyArray<readonly [string, string]> {
  const list: Array<readonly [string, string]> = [
    [
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()'],
  ];
  if (opts.https) {
    list.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  }
  return list;
}

/**
 * Set before the route runs, so the route's own `c.header()` calls win (the embeddable counter sets
 * its own Content-Security-Policy and drops X-Frame-Options; the dev mailbox sets both). Setting them
 * before, rather than editing `c.res.headers` after, keeps @hono/node-server's lightweight response:
 * reading a finished response's headers rebuilds a full WHATWG Response.
 */
export function securityHeaders(opts: { https: boolean }): MiddlewareHandler<AppEnv> {
  const list = securityHeaderList(opts);
  return async (c, next) => {
    for (const [name, value] of list) {
      c.header(name, value);
    }
    await next();
  };
}

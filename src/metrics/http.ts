import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from './metrics.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * One histogram observation per request, labelled by the route pattern that answered (`/s/:slug`,
 * `/*` for a 404 or a middleware's refusal) — never the raw path or a client's method name, so no
 * request can add a time series (README "Operating"). Nothing else is done per request.
 */
export function httpMetrics(metrics: Pick<Metrics, 'http'>): MiddlewareHandler {
  const { http } = metrics;
  return async (c, next) => {
    const start = performance.now();
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    http.observe({ method, route: routePath(c), status: c.res.status }, (performance.now() - start) / 1000);
  };
}

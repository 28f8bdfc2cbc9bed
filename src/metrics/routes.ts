import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Metrics } from './metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics in Prometheus' text format, for whoever holds METRICS_TOKEN (README "Operating"):
 * anyone else gets 401 before anything is read. The token is compared in constant time.
 */
export function metricsRoutes(metrics: Metrics, token: string) {
  const app = new Hono();
  const expected = digest(`Bearer ${token}`);
  app.get('/metrics', async (c) => {
    const given = c.req.header('authorization') ?? '';
    if (!timingSafeEqual(digest(given), expected)) {
      return c.text('A bearer token is required.\n', 401, {
        'WWW-Authenticate': 'Bearer realm="metrics"',
        'Cache-Control': 'no-store',
      });
    }
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}

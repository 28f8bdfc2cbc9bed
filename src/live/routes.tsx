import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';

/** Public JSON API, CSV, SSE events, embed, badge and print pages. */
export function liveRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}

import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';

/** Everything under /admin (mounted there by app.tsx). */
export function staffRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}

import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';

/** Endorse, check-email, confirm, withdraw, resend (DESIGN §5). */
export function endorsementRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}

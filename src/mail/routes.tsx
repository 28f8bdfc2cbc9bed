import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';

/** GET /dev/mail: the development mailbox, mounted only when no SMTP is configured. */
export function devMailRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { sql } from 'kysely';
import type { Deps } from './deps.js';
import type { AppEnv } from './http/env.js';
import { assetRoutes } from './http/assets.js';
import { hostCheck } from './http/host-check.js';
import { trimTrailingSlash } from './http/trailing-slash.js';
import { languageSwitchRoutes, localeMiddleware } from './http/locale.js';
import { securityHeaders } from './http/security-headers.js';
import { i18nFor } from './i18n/i18n.js';
import { errorPage, notFoundPage } from './views/error-page.js';
import { pageRoutes } from './pages/routes.js';
import { renderStatementPage } from './pages/statement-page.js';
import { endorsementRoutes } from './endorsements/routes.js';
import { staffRoutes } from './staff/routes.js';
import { liveRoutes } from './live/routes.js';
import { pictureRoutes } from './pictures/routes.js';
import { devMailRoutes } from './mail/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { ONE_CLICK_PATH, unsubscribeRoutes } from './updates/unsubscribe-routes.js';
import { httpMetrics } from './metrics/http.js';
import { metricsRoutes } from './metrics/routes.js';
import type { FastPath } from './http/fast-path.js';

/** Largest body any public form needs; admin routes that take statement texts raise it locally. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Bound to this machine only: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The whole web app, built from its dependencies. No listen(), no process.env: tests call app.request(). */
export function createApp(deps: Deps, opts: { fastPath?: FastPath } = {}) {
  const app = new Hono<AppEnv>();
  const https = deps.config.publicUrl.startsWith('https://');

  // Remembers the public answers that are the same for every reader; the server answers the next
  // ones without this chain (src/http/fast-path.ts). Outermost, so it sees the final response.
  if (opts.fastPath) {
    app.use(opts.fastPath.recorder());
  }

  // Without METRICS_TOKEN nobody can read them: requests are not even timed.
  const { metricsToken } = deps.config;
  if (metricsToken) {
    app.use(httpMetrics(deps.metrics));
  }
  app.use(requestId());
  app.use(hostCheck(deps.config));
  // Decides before the route runs, so every response is not rebuilt to read its status.
  app.use(trimTrailingSlash());
  app.use(securityHeaders({ https }));
  app.use(localeMiddleware());
  const limitBody = bodyLimit({
    maxSize: DEFAULT_BODY_LIMIT,
    onError: (c) => errorPage(c as never, 413, 'error.tooLarge.title', 'error.tooLarge.body'),
  });
  // Every state-changing form post must come from our own pages (Origin / Sec-Fetch-Site);
  // /admin adds a per-session token on top.
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  const sameOrigin = csrf({
    origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin,
  });
  // Except one-click unsubscribe (RFC 8058): mail providers POST it with no Origin; its signed token
  // is the authority (src/updates/unsubscribe-routes.tsx). Exactly POST /unsubscribe/:token.
  app.use((c, next) =>
    c.req.method === 'POST' && ONE_CLICK_PATH.test(c.req.path) ? next() : sameOrigin(c, next),
  );
  // /admin sets its own, larger limit for statement texts.
  // GET/HEAD carry no body; asking for one would build a full WHATWG Request on every page view.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/admin/')
      ? next()
      : limitBody(c, next),
  );

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ ok: true });
    } catch (err) {
      deps.log.warn('healthz: database unreachable', { error: (err as Error).message });
      return c.json({ ok: false, error: 'database unavailable' }, 503);
    }
  });

  if (metricsToken) {
    app.route('/', metricsRoutes(deps.metrics, metricsToken));
  }
  app.route('/', assetRoutes());
  app.route('/', languageSwitchRoutes({ https }));
  app.route('/', pageRoutes(deps));
  app.route(
    '/',
    endorsementRoutes(deps, (c, statement, opts) => renderStatementPage(c, deps, statement, opts)),
  );
  app.route('/', liveRoutes(deps));
  app.route('/', pictureRoutes(deps));
  app.route('/', privacyRoutes(deps));
  app.route('/', unsubscribeRoutes(deps));
  app.route('/admin', staffRoutes(deps));
  // The development mailbox shows every mail and link: only on a machine of one's own.
  if (deps.mailer.devMailbox && (isLoopbackHost(deps.config.host) || deps.config.devMailbox)) {
    app.route('/', devMailRoutes(deps));
  }

  app.notFound((c) => notFoundPage(c));
  app.onError((err, c) => {
    if (!c.get('i18n')) {
      c.set('i18n', i18nFor('en'));
    }
    if (err instanceof HTTPException && err.status < 500) {
      if (err.status === 413) {
        return errorPage(c, 413, 'error.tooLarge.title', 'error.tooLarge.body');
      }
      if (err.status === 403) {
        return errorPage(c, 403, 'error.forbidden.title', 'error.forbidden.body');
      }
      return errorPage(c, 400, 'error.badRequest.title', 'error.badRequest.body');
    }
    deps.log.error('request failed', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return errorPage(c, 500, 'error.server.title', 'error.server.body');
  });

  return app;
}

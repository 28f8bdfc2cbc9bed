import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { Deps } from '../deps.js';
import { i18nFor } from '../i18n/i18n.js';
import { requiredAccess } from './access.js';
import { CSRF_FIELD, PRE_SESSION_COOKIE, cookieOptions, tokensMatch } from './csrf.js';
import type { StaffEnv } from './env.js';
import { SESSION_COOKIE, loadSession } from './sessions.js';
import { STAFF_LANGUAGES, staffError } from './views/staff-page.js';

export const ADMIN_BASE = '/admin';

/**
 * The one gate in front of every /admin route: loads the session, enforces the route's rule from
 * ROUTES (no session → 303 to sign-in; verifier on an admin route → 403), and checks the CSRF
 * synchronizer token on every POST (the session's token, or the pre-session cookie for sign-in
 * and setup) — on top of the Origin check app.tsx does for the whole site.
 */
export function staffGuard(deps: Deps): MiddlewareHandler<StaffEnv> {
  const https = deps.config.publicUrl.startsWith('https://');
  return async (c, next) => {
    // Staff pages speak the staff languages (STAFF_LOCALES: all seven); any other falls back to English.
    if (!STAFF_LANGUAGES.includes(c.get('i18n').locale)) {
      c.set('i18n', i18nFor('en'));
    }
    const path = c.req.path.slice(ADMIN_BASE.length) || '/';
    const access = requiredAccess(c.req.method, path);
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = await loadSession(deps.db, cookie, deps.clock.now());
    c.set('session', session);
    if (cookie && !session) {
      deleteCookie(c, SESSION_COOKIE, cookieOptions(https));
    }

    if (access !== 'public') {
      if (!session) {
        const url = new URL(c.req.url);
        const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
        return c.redirect(`${ADMIN_BASE}/login${next}`, 303);
      }
      if (access === 'admin' && session.staff.role !== 'admin') {
        return staffError(c, 403, 'staff.forbidden.title', 'staff.forbidden.body');
      }
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // A body that cannot be parsed (broken multipart, bad encoding) is the client's error, not ours.
      const body = await c.req.parseBody({ all: true }).catch(() => undefined);
      if (!body) {
        return staffError(c, 400, 'error.badRequest.title', 'error.badRequest.body');
      }
      // PostgreSQL refuses NUL in text: no staff field can carry one, so it is a bad request here, not a 500 later.
      const values = Object.values(body).flat();
      if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
        return staffError(c, 400, 'error.badRequest.title', 'error.badRequest.body');
      }
      // Sign-in and setup forms carry the pre-session token; a signed-in page's forms, the session's.
      const accepted =
        access === 'public' ? [getCookie(c, PRE_SESSION_COOKIE), session?.csrfToken] : [session?.csrfToken];
      if (!accepted.some((token) => tokensMatch(body[CSRF_FIELD], token))) {
        return staffError(c, 403, 'error.forbidden.title', 'error.forbidden.body');
      }
    }
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}

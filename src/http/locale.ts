import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { i18nFor, isLocale, type I18n } from '../i18n/i18n.js';
import { LANG_COOKIE, negotiateLocale, preferredLanguages } from '../i18n/negotiate.js';
import type { AppEnv } from './env.js';
import { sameSitePath } from './safe-path.js';

/**
 * Pick the reader's language for the request. It never sets a cookie: a page that did could not be
 * kept by a shared cache; the language switcher's own small redirect (`/lang/:code`) remembers a choice.
 */
export function localeMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('i18n', localeFor(c));
    await next();
  };
}

/**
 * GET /lang/:code?next=/path — the language switcher: remember the choice in a cookie, then go to
 * the same page in that language (`?lang=`, a URL every reader of that language shares).
 */
export function languageSwitchRoutes(opts: { https: boolean }) {
  const app = new Hono<AppEnv>();
  app.get('/lang/:code', (c) => {
    const code = c.req.param('code');
    const next = sameSitePath(c.req.query('next'));
    const [path, query = ''] = next.split('?', 2) as [string, string?];
    const params = new URLSearchParams(query);
    if (isLocale(code)) {
      setCookie(c, LANG_COOKIE, code, {
        path: '/',
        maxAge: 365 * 86400,
        sameSite: 'Lax',
        httpOnly: true,
        secure: opts.https,
      });
      params.set('lang', code);
    }
    const search = params.toString();
    c.header('Cache-Control', 'no-store');
    return c.redirect(search ? `${path}?${search}` : path, 303);
  });
  return app;
}

/** Re-negotiate with a page-specific fallback (a statement's default language). */
export function localeFor(c: Context<AppEnv>, fallback?: string): I18n {
  return i18nFor(
    negotiateLocale({
      query: c.req.query('lang'),
      cookie: getCookie(c, LANG_COOKIE),
      acceptLanguage: c.req.header('accept-language'),
      fallback,
    }),
  );
}

/**
 * The reader's preferred languages, for picking among a statement's translations. With `?lang=` the
 * URL alone decides (the same bytes for every reader of it); without, the browser's list counts.
 */
export function preferredLanguagesOf(c: Context<AppEnv>): string[] {
  if (isLocale(c.req.query('lang'))) {
    return [];
  }
  return preferredLanguages({
    query: undefined,
    cookie: getCookie(c, LANG_COOKIE),
    acceptLanguage: c.req.header('accept-language'),
  });
}

/**
 * The language of a response every reader of its URL shares (embed, badge, pictures): `?lang=` when
 * the interface speaks it, else the statement's default — never a cookie or Accept-Language, which a
 * shared cache cannot see.
 */
export function urlLanguage(c: Context<AppEnv>, fallback: string): I18n {
  const query = c.req.query('lang');
  return i18nFor(isLocale(query) ? query : isLocale(fallback) ? fallback : 'en');
}

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { i18nFor, isLocale, type I18n } from '../i18n/i18n.js';
import { LANG_COOKIE, negotiateLocale, preferredLanguages } from '../i18n/negotiate.js';
import type { AppEnv } from './env.js';

/** Pick the reader's language for the request and remember an explicit `?lang=` choice in a cookie. */
export function localeMiddleware(opts: { https: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const query = c.req.query('lang');
    if (isLocale(query)) {
      setCookie(c, LANG_COOKIE, query, { path: '/', maxAge: 365 * 86400, sameSite: 'Lax', httpOnly: true, secure: opts.https });
    }
    c.set('i18n', localeFor(c));
    await next();
  };
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

/** The reader's preferred languages, for picking among a statement's translations. */
export function preferredLanguagesOf(c: Context<AppEnv>): string[] {
  return preferredLanguages({ query: c.req.query('lang'), cookie: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });
}

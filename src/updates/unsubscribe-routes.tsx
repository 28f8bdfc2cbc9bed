import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.js';
import { unsubscribeFromNews } from '../endorsements/lifecycle/index.js';
import { findLinkedEndorsement } from '../endorsements/queries.js';
import { verifyToken } from '../endorsements/tokens.js';
import { goneLinkResponse, invalidLinkResponse } from '../endorsements/views/responses.js';
import type { AppEnv } from '../http/env.js';
import { i18nFor, isLocale, type I18n } from '../i18n/i18n.js';
import { titleFor } from '../statements/queries.js';
import { UnsubscribedPage, UnsubscribePage } from './views/unsubscribe-page.js';

type C = Context<AppEnv>;

/** The path mail providers POST to (RFC 8058); app.tsx lets exactly this through its Origin check. */
export const ONE_CLICK_PATH = /^\/unsubscribe\/[^/]+$/;

/**
 * One-click unsubscribe (README "Unsubscribe"). The signed, purpose-bound token is the only
 * authority: `POST /unsubscribe/:token` needs no session, Origin or CSRF field (mail providers
 * send it bare, `List-Unsubscribe=One-Click`); `GET` only shows the page with the button, so a
 * mail filter that follows links changes nothing. The signature is checked (timing-safe, no
 * database) before any work; a valid token can do one thing, idempotently, to one address's news
 * of one statement — so there is nothing for a flood to amplify.
 */
export function unsubscribeRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  function languageOf(c: C, locale?: string): I18n {
    const query = c.req.query('lang');
    const i18n = isLocale(query) ? i18nFor(query) : isLocale(locale) ? i18nFor(locale) : c.get('i18n');
    c.set('i18n', i18n);
    return i18n;
  }

  async function open(c: C) {
    const check = verifyToken(deps.secret, c.req.param('token') ?? '', 'unsubscribe', deps.clock.now());
    // An old link still unsubscribes: stopping mail is always allowed.
    if (!check.ok && check.reason !== 'expired') {
      return { answer: invalidLinkResponse(c, languageOf(c)) } as const;
    }
    const e = await findLinkedEndorsement(deps.db, check.payload.id);
    if (!e) {
      return { answer: goneLinkResponse(c, languageOf(c)) } as const;
    }
    const i18n = languageOf(c, e.locale);
    return { e, i18n, title: await titleFor(deps.db, e.statementId, i18n.locale) } as const;
  }

  app.get('/unsubscribe/:token', async (c) => {
    const link = await open(c);
    if ('answer' in link) {
      return link.answer;
    }
    c.header('Cache-Control', 'no-store');
    return c.html(
      <UnsubscribePage i18n={link.i18n} path={c.req.path} statementTitle={link.title} e={link.e} />,
    );
  });

  app.post('/unsubscribe/:token', async (c) => {
    const link = await open(c);
    if ('answer' in link) {
      return link.answer;
    }
    await unsubscribeFromNews(deps.db, deps.clock.now(), link.e.id);
    c.header('Cache-Control', 'no-store');
    return c.html(<UnsubscribedPage i18n={link.i18n} path={c.req.path} slug={link.e.slug} />);
  });

  return app;
}

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.js';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { Layout } from './layout.js';

/** A complete page in the reader's language for any 4xx/5xx; never shows internal error text. */
export function errorPage(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  titleKey: MessageKey,
  bodyKey: MessageKey,
  extra?: unknown,
  bodyParams?: Params,
) {
  const i18n = c.get('i18n');
  const t = i18n.t;
  return c.html(
    <Layout i18n={i18n} meta={{ title: t(titleKey), path: c.req.path, robots: 'noindex' }}>
      <h1>{t(titleKey)}</h1>
      <p>{t(bodyKey, bodyParams)}</p>
      {extra as never}
      {status >= 500 ? <p class="muted">{t('error.reference', { id: c.get('requestId') })}</p> : null}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Layout>,
    status,
  );
}

export const notFoundPage = (c: Context<AppEnv>) =>
  errorPage(c, 404, 'error.notFound.title', 'error.notFound.body');

import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor, preferredLanguagesOf } from '../http/locale.js';
import { Layout } from '../views/layout.js';
import { EndorseSection, type EndorseFormState } from '../endorsements/views/endorse-section.js';
import { SignatoriesSection } from '../live/views/signatories-section.js';
import { isAcceptingEndorsements, pickText, type StatementWithTexts } from './queries.js';
import { plainSummary, renderMarkdown } from './markdown.js';

export interface StatementPageOptions {
  status?: ContentfulStatusCode;
  form?: EndorseFormState;
}

/**
 * The statement page: text in the reader's language, then the endorsement form, then the
 * signatories. Also used by the endorsement POST to show the form again with its errors.
 */
export async function renderStatementPage(c: Context<AppEnv>, deps: Deps, statement: StatementWithTexts, opts: StatementPageOptions = {}) {
  const i18n = localeFor(c, statement.default_locale);
  c.set('i18n', i18n);
  const t = i18n.t;
  const { text, authoritative } = pickText(statement, i18n.locale, preferredLanguagesOf(c));
  const now = deps.clock.now();
  const accepting = isAcceptingEndorsements(statement, now);
  const base = deps.config.publicUrl;
  const path = `/s/${statement.slug}`;
  const alternates = Object.fromEntries(statement.texts.map((x) => [x.locale, `${base}${path}?lang=${x.locale}`]));
  const others = statement.texts.filter((x) => x.locale !== text.locale);
  const description = plainSummary(text.body_md);
  // Shared links show how many have signed: the count is what campaigners want seen.
  const counts = await deps.live.counts(statement.id);
  const share = counts.total ? `${t('home.endorsements', { count: i18n.number(counts.total) })} — ${description}` : description;
  const query = new URL(c.req.url).searchParams;

  return c.html(
    <Layout
      i18n={i18n}
      meta={{
        title: text.title,
        description,
        canonical: `${base}${path}`,
        alternates,
        path,
        og: {
          'og:type': 'article',
          'og:title': text.title,
          'og:description': share,
          'og:url': `${base}${path}`,
          'og:locale': text.locale,
          'twitter:card': 'summary',
          'twitter:title': text.title,
          'twitter:description': share,
        },
      }}
    >
      <article class="statement" lang={text.locale}>
        {statement.status === 'draft' ? <p class="notice warn">{t('statement.draft')}</p> : null}
        {text.locale !== authoritative.locale ? (
          <p class="notice">
            {t('statement.translation', { language: i18n.languageName(authoritative.locale) })}{' '}
            <a href={`${path}?lang=${authoritative.locale}`} hreflang={authoritative.locale}>
              {t('statement.readOriginal')}
            </a>
          </p>
        ) : null}
        <h1>{text.title}</h1>
        {statement.status === 'open' && statement.closes_at && accepting ? (
          <p class="muted">{t('statement.closesOn', { date: i18n.date(statement.closes_at) })}</p>
        ) : null}
        <div class="statement-body">{raw(renderMarkdown(text.body_md, `${statement.id}:${text.locale}:${text.version}`))}</div>
        {others.length ? (
          <nav class="translations" aria-label={t('statement.otherLanguages')}>
            <p>
              {t('statement.otherLanguages')}{' '}
              {others.map((x, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`${path}?lang=${x.locale}`} hreflang={x.locale} lang={x.locale}>
                    {i18n.nativeLanguageName(x.locale)}
                  </a>
                </>
              ))}
            </p>
          </nav>
        ) : null}
      </article>
      <EndorseSection i18n={i18n} statement={statement} accepting={accepting} form={opts.form} />
      <SignatoriesSection deps={deps} i18n={i18n} statement={statement} query={query} />
    </Layout>,
    opts.status ?? 200,
  );
}

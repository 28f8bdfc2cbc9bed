import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor, preferredLanguagesOf } from '../http/locale.js';
import { Layout } from '../views/layout.js';
import { EndorseSection, type EndorseFormState } from '../endorsements/views/endorse-section.js';
import { formPowChallenge, type PowChallenge } from '../security/pow.js';
import { SignatoriesSection } from '../live/views/signatories-section.js';
import { isFiltered, parseListQuery } from '../live/list-query.js';
import { renderToString } from '../live/views/shared.js';
import { sendPage, type CachedPage, cachedPage } from '../http/cached-page.js';
import type { I18n } from '../i18n/i18n.js';
import { isAcceptingEndorsements, pickText, type StatementWithTexts } from './queries.js';
import { plainSummary, renderMarkdown } from './markdown.js';

export interface StatementPageOptions {
  status?: ContentfulStatusCode;
  form?: EndorseFormState;
}

/**
 * Stands in for the proof-of-work challenge in a cached page; swapped for a fresh one per request.
 * Random per process, so no statement text or signatory name can contain it.
 */
const POW_SLOT = `pow-slot-${randomBytes(12).toString('hex')}`;

/**
 * The statement page: text in the reader's language, then the endorsement form, then the
 * signatories. Also used by the endorsement POST to show the form again with its errors.
 *
 * A reader's page (no form errors, unfiltered list) is rendered once per language, text, page of
 * the list and open/closed state, kept in the live hub until the statement or its list changes,
 * and gzipped once: rendering the JSX was a third of the CPU of a page view, and this is the page a
 * campaign's crowd opens. Only the proof-of-work challenge, when enabled, differs per request.
 */
export async function renderStatementPage(c: Context<AppEnv>, deps: Deps, statement: StatementWithTexts, opts: StatementPageOptions = {}) {
  // A form sent back with its errors keeps the language it was filled in (its hidden `locale`, already
  // chosen by the endorsement route), so the corrected form and its email stay in that language.
  const i18n = opts.form ? c.get('i18n') : localeFor(c, statement.default_locale);
  c.set('i18n', i18n);
  const { text, authoritative } = pickText(statement, i18n.locale, preferredLanguagesOf(c));
  const now = deps.clock.now();
  const accepting = isAcceptingEndorsements(statement, now);
  const query = new URL(c.req.url).searchParams;
  const fresh = accepting ? formPowChallenge(deps, statement.id, now) : undefined;
  const view: PageView = { deps, i18n, statement, text, authoritative, accepting, query };
  const list = parseListQuery(query);
  if (opts.form || opts.status || isFiltered(list)) {
    const html = await renderToString(await statementPage({ ...view, form: opts.form, pow: fresh }));
    return c.body(html, opts.status ?? 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  }
  const key = `page:${i18n.locale}:${text.locale}:${accepting ? 'open' : 'closed'}:${list.page}:pow${fresh?.difficulty ?? 0}`;
  const page: CachedPage = await deps.live.cached(statement.id, key, async () => {
    const slot: PowChallenge | undefined = fresh ? { challenge: POW_SLOT, difficulty: fresh.difficulty } : undefined;
    return cachedPage(await renderToString(await statementPage({ ...view, pow: slot })), fresh ? POW_SLOT : undefined);
  });
  return sendPage(c, page, fresh?.challenge);
}

interface PageView {
  deps: Deps;
  i18n: I18n;
  statement: StatementWithTexts;
  text: StatementWithTexts['texts'][number];
  authoritative: StatementWithTexts['texts'][number];
  accepting: boolean;
  query: URLSearchParams;
  form?: EndorseFormState | undefined;
  pow?: PowChallenge | undefined;
}

async function statementPage(v: PageView) {
  const { deps, i18n, statement, text, authoritative, accepting, query, pow } = v;
  const t = i18n.t;
  const opts = { form: v.form };
  const base = deps.config.publicUrl;
  const path = `/s/${statement.slug}`;
  const alternates = Object.fromEntries(statement.texts.map((x) => [x.locale, `${base}${path}?lang=${x.locale}`]));
  const others = statement.texts.filter((x) => x.locale !== text.locale);
  const description = plainSummary(text.body_md);
  // Shared links show how many have signed: the count is what campaigners want seen.
  const counts = await deps.live.counts(statement.id);
  const share = counts.total ? `${t('home.endorsements', { count: i18n.number(counts.total) })} — ${description}` : description;

  return (
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
                  <a href={`${path}?lang=${x.locale}`} hreflang={x.locale} lang={x.locale} dir="auto">
                    {i18n.nativeLanguageName(x.locale)}
                  </a>
                </>
              ))}
            </p>
          </nav>
        ) : null}
      </article>
      <EndorseSection i18n={i18n} statement={statement} accepting={accepting} form={opts.form} pow={pow} />
      <SignatoriesSection deps={deps} i18n={i18n} statement={statement} query={query} />
    </Layout>
  );
}

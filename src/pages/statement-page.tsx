import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor, preferredLanguagesOf } from '../http/locale.js';
import { Layout } from '../views/layout.js';
import { EndorseSection, type EndorseFormState } from '../endorsements/views/endorse-section.js';
import { formPowRequirement, type PowRequirement } from '../security/pow.js';
import { SignatoriesSection } from '../live/section.js';
import { isFiltered, parseListQuery } from '../live/list-query.js';
import { renderToString } from '../live/views/shared.js';
import { sendPage, type CachedPage, cachedPage } from '../http/cached-page.js';
import { isLocale, type I18n } from '../i18n/i18n.js';
import type { StatementWithTexts } from '../statements/queries.js';
import { isAcceptingEndorsements, isEmbargoed } from '../statements/rules.js';
import { pickText } from '../statements/text.js';
import { plainSummary, renderMarkdown } from '../statements/markdown.js';
import { shareCardMeta } from '../pictures/views.js';
import { listMilestones, milestonesFor } from '../milestones/milestones.js';
import { MilestonesSection } from '../milestones/section.js';

export interface StatementPageOptions {
  status?: ContentfulStatusCode;
  form?: EndorseFormState;
  /**
   * A staff preview at this path: the text's language comes from `?text=` (the staff member's
   * interface language stays as it is), every link stays inside the preview, and nothing is cached.
   */
  preview?: { path: string; note: string };
}

/**
 * The statement page, composed here from three features: the text (statements), the form
 * (endorsements) and the signatories (live). The endorsement POST gets this function passed in to
 * show the form again with its errors.
 *
 * A reader's page (no form errors, unfiltered list) is rendered once per language, text, page of
 * the list and open/closed state, kept in the live hub until the statement or its list changes,
 * and gzipped once: rendering the JSX was a third of the CPU of a page view, and this is the page a
 * campaign's crowd opens. Nothing in it differs per request (the proof-of-work challenge, when on, is
 * fetched by the form's script from GET /s/:slug/pow).
 */
export async function renderStatementPage(
  c: Context<AppEnv>,
  deps: Deps,
  statement: StatementWithTexts,
  opts: StatementPageOptions = {},
) {
  // A form sent back with its errors keeps the language it was filled in (its hidden `locale`, already
  // chosen by the endorsement route), so the corrected form and its email stay in that language.
  const i18n = opts.form || opts.preview ? c.get('i18n') : localeFor(c, statement.default_locale);
  c.set('i18n', i18n);
  const textLocale = opts.preview ? (c.req.query('text') ?? i18n.locale) : i18n.locale;
  const { text, authoritative } = pickText(
    statement,
    textLocale,
    opts.preview ? [] : preferredLanguagesOf(c),
  );
  const now = deps.clock.now();
  const accepting = isAcceptingEndorsements(statement, now);
  const query = new URL(c.req.url).searchParams;
  const pow = accepting ? formPowRequirement(deps.config, statement, now) : undefined;
  const view: PageView = {
    deps,
    i18n,
    statement,
    text,
    authoritative,
    accepting,
    query,
    preview: opts.preview,
  };
  const list = parseListQuery(query);
  if (opts.form || opts.status || opts.preview || isFiltered(list)) {
    const html = await renderToString(await statementPage({ ...view, form: opts.form, pow }));
    return c.body(html, opts.status ?? 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  }
  const key = `page:${i18n.locale}:${text.locale}:${accepting ? 'open' : 'closed'}:${list.page}:pow${pow?.difficulty ?? 0}${pow?.auto ? 'a' : ''}`;
  const page: CachedPage = await deps.live.cached(statement.id, key, async () =>
    cachedPage(await renderToString(await statementPage({ ...view, pow }))),
  );
  // The bare address negotiates the language (so it varies with it); `?lang=` is one page for all.
  return sendPage(c, page, { vary: isLocale(c.req.query('lang')) ? undefined : 'Accept-Language, Cookie' });
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
  pow?: PowRequirement | undefined;
  preview?: { path: string; note: string } | undefined;
}

async function statementPage(v: PageView) {
  const { deps, i18n, statement, text, authoritative, accepting, query, pow } = v;
  const t = i18n.t;
  const opts = { form: v.form };
  const base = deps.config.publicUrl;
  const path = `/s/${statement.slug}`;
  // Where another language of the text is read: the public page, or the same preview.
  const textHref = (locale: string) =>
    v.preview ? `${v.preview.path}?text=${locale}` : `${path}?lang=${locale}`;
  const alternates = Object.fromEntries(
    statement.texts.map((x) => [x.locale, `${base}${path}?lang=${x.locale}`]),
  );
  const others = statement.texts.filter((x) => x.locale !== text.locale);
  const description = plainSummary(text.body_md);
  // Shared links show how many have signed: the count is what campaigners want seen.
  const counts = await deps.live.counts(statement.id);
  const milestones = milestonesFor(
    await listMilestones(deps.db, statement.id),
    text.locale,
    authoritative.locale,
  );
  const share = counts.total
    ? `${i18n.plural('count.signatories', counts.total)} — ${description}`
    : description;

  return (
    <Layout
      i18n={i18n}
      meta={{
        title: text.title,
        description,
        canonical: `${base}${path}`,
        alternates,
        path: v.preview?.path ?? path,
        // Under embargo the page works by link only: search engines are asked to leave it alone.
        ...(isEmbargoed(statement) ? { robots: 'noindex' } : {}),
        og: {
          'og:type': 'article',
          'og:title': text.title,
          'og:description': share,
          'og:url': `${base}${path}`,
          'og:locale': text.locale,
          'twitter:title': text.title,
          'twitter:description': share,
          ...shareCardMeta(base, statement.slug, i18n, text.title, counts),
        },
      }}
    >
      <article class="statement" lang={text.locale}>
        {statement.status === 'draft' ? <p class="notice warn">{t('statement.draft')}</p> : null}
        {text.locale !== authoritative.locale ? (
          <p class="notice">
            {t('statement.translation', { language: i18n.languageName(authoritative.locale) })}{' '}
            <a href={textHref(authoritative.locale)} hreflang={authoritative.locale}>
              {t('statement.readOriginal')}
            </a>
          </p>
        ) : null}
        <h1>{text.title}</h1>
        {statement.status === 'open' && statement.closes_at && accepting ? (
          <p class="muted">{t('statement.closesOn', { date: i18n.date(statement.closes_at) })}</p>
        ) : null}
        <div class="statement-body">
          {raw(renderMarkdown(text.body_md, `${statement.id}:${text.locale}:${text.version}`))}
        </div>
        {others.length ? (
          <nav class="translations" aria-label={t('statement.otherLanguages')}>
            <p>
              {t('statement.otherLanguages')}{' '}
              {others.map((x, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={textHref(x.locale)} hreflang={x.locale} lang={x.locale} dir="auto">
                    {i18n.nativeLanguageName(x.locale)}
                  </a>
                </>
              ))}
            </p>
          </nav>
        ) : null}
      </article>
      <MilestonesSection i18n={i18n} milestones={milestones} lang={text.locale} />
      <EndorseSection i18n={i18n} statement={statement} accepting={accepting} form={opts.form} pow={pow} />
      <SignatoriesSection deps={deps} i18n={i18n} statement={statement} query={query} preview={v.preview} />
    </Layout>
  );
}

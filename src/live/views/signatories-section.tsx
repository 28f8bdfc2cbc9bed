import { NUMBERING_SYSTEM, type I18n } from '../../i18n/i18n.js';
import type { OrgType } from '../../db/database.js';
import { ORG_TYPES } from '../../db/database.js';
import { assetUrl } from '../../http/assets.js';
import { raw } from 'hono/html';
import type { Counts } from '../counts.js';
import { isFiltered, listHref, PAGE_SIZE, type ListQuery } from '../list-query.js';
import type { PublicItem } from '../signatories.js';
import { EarlierVersion, groupBy, SignatoryName, typeLabel, typeLabels } from './shared.js';
import { Counted } from '../../views/counted.js';

export interface SectionProps {
  /** The map and growth chart, already rendered (src/pictures). */
  pictures?: string | undefined;
  i18n: I18n;
  slug: string;
  title: string;
  base: string;
  counts: Counts;
  order: string[];
  query: ListQuery;
  page: number;
  pages: number;
  total: number;
  items: PublicItem[];
  /** Under embargo until then (README "Launching a statement"): the list is not shown yet. */
  launchAt?: Date | null | undefined;
  /**
   * A staff preview of a statement that is not public: its links stay on this path, and the page has
   * no live feed, downloads or embed code (they exist only for a public statement).
   */
  preview?: { path: string; note: string } | undefined;
}

/** Counts, breakdowns, filters and one page of the list: everything is passed in, nothing is read here. */
export function Section(p: SectionProps) {
  const { i18n, slug, counts, query } = p;
  const t = i18n.t;
  const path = p.preview?.path ?? `/s/${slug}`;
  const filtered = isFiltered(query);
  // live.js inserts newcomers only where they belong without a reload: page 1 of the unfiltered list.
  const liveList = !filtered && p.page === 1;
  return (
    <section
      id="signatories"
      class="slot live"
      aria-labelledby="signatories-heading"
      data-live-events={p.preview ? undefined : `${path}/events`}
      data-numbering={NUMBERING_SYSTEM}
      data-live-list={liveList ? 'true' : undefined}
      data-complete={liveList && p.total <= PAGE_SIZE ? 'true' : undefined}
      data-type-labels={JSON.stringify(typeLabels(i18n))}
      data-earlier-label={t('live.earlierVersion')}
    >
      <h2 id="signatories-heading">{t('statement.signatoriesHeading')}</h2>
      <CountsBlock i18n={i18n} counts={counts} />
      {p.pictures ? raw(p.pictures) : null}
      <Breakdowns i18n={i18n} counts={counts} order={p.order} />
      {counts.total > 0 ? (
        <Filters i18n={i18n} path={path} counts={counts} order={p.order} query={query} />
      ) : null}
      <div id="signatory-list" class="signatory-list">
        <ListBody {...p} path={path} filtered={filtered} />
      </div>
      {p.preview ? (
        <p class="notice">{p.preview.note}</p>
      ) : (
        <>
          <h3>{t('live.links.heading')}</h3>
          <ul class="live-links">
            <li>
              <a href={`${path}/signatories.csv`}>{t('live.links.csv')}</a>
            </li>
            <li>
              <a href={`/api/statements/${slug}/signatories`} type="application/json">
                {t('live.links.json')}
              </a>
            </li>
            <li>
              <a href={`${path}/print`}>{t('live.links.print')}</a>
            </li>
          </ul>
          <EmbedSnippets i18n={i18n} base={p.base} slug={slug} title={p.title} />
        </>
      )}
      <script src={assetUrl('live.js')} defer />
    </section>
  );
}

/** The three numbers; the polite live region announces them when they change. */
export function CountsBlock(props: { i18n: I18n; counts: Counts }) {
  const { i18n, counts } = props;
  const t = i18n.t;
  return (
    <div
      class="counts"
      role="group"
      aria-label={t('live.counts.label')}
      aria-live="polite"
      aria-atomic="true"
    >
      <p class="count">
        <Counted i18n={i18n} msg="count.organisations" n={counts.total} name="total" />
      </p>
      <p class="count">
        <Counted i18n={i18n} msg="count.countries" n={counts.countries} name="countries" />
      </p>
      <p class="count">
        <Counted i18n={i18n} msg="count.members" n={counts.members} name="members" />
      </p>
    </div>
  );
}

function Breakdowns(props: { i18n: I18n; counts: Counts; order: string[] }) {
  const { i18n, counts } = props;
  const t = i18n.t;
  const countries = [...props.order].sort((a, b) => (counts.byCountry[b] ?? 0) - (counts.byCountry[a] ?? 0));
  const types = ORG_TYPES.filter((x) => counts.byType[x]).sort(
    (a, b) => (counts.byType[b] ?? 0) - (counts.byType[a] ?? 0),
  );
  return (
    <div class="breakdowns" hidden={counts.total === 0 ? true : undefined} data-breakdowns>
      <details class="breakdown">
        <summary>{t('live.byCountry')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('live.breakdown.country')}</th>
              <th scope="col">{t('live.breakdown.count')}</th>
            </tr>
          </thead>
          <tbody data-breakdown="country">
            {countries.map((code) => (
              <tr>
                <td>{i18n.country(code)}</td>
                <td>{i18n.number(counts.byCountry[code] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details class="breakdown">
        <summary>{t('live.byType')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('live.breakdown.type')}</th>
              <th scope="col">{t('live.breakdown.count')}</th>
            </tr>
          </thead>
          <tbody data-breakdown="type">
            {types.map((type) => (
              <tr>
                <td>{typeLabel(i18n, type)}</td>
                <td>{i18n.number(counts.byType[type] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

function Filters(props: { i18n: I18n; path: string; counts: Counts; order: string[]; query: ListQuery }) {
  const { i18n, query, counts } = props;
  const t = i18n.t;
  return (
    <form
      method="get"
      action={`${props.path}#signatory-list`}
      class="filters"
      role="search"
      aria-label={t('live.search.heading')}
    >
      <div class="field">
        <label for="sig-q">{t('live.search.label')}</label>
        <input type="search" id="sig-q" name="q" value={query.q ?? ''} maxlength={100} />
      </div>
      <div class="field">
        <label for="sig-country">{t('live.filter.country')}</label>
        <select id="sig-country" name="country">
          <option value="">{t('live.filter.allCountries')}</option>
          {props.order.map((code) => (
            <option value={code} selected={query.country === code}>
              {i18n.country(code)} ({i18n.number(counts.byCountry[code] ?? 0)})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="sig-type">{t('live.filter.type')}</label>
        <select id="sig-type" name="type">
          <option value="">{t('live.filter.allTypes')}</option>
          {ORG_TYPES.filter((x) => counts.byType[x] || query.type === x).map((type) => (
            <option value={type} selected={query.type === type}>
              {typeLabel(i18n, type)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit">{t('live.filter.submit')}</button>
      </div>
    </form>
  );
}

function ListBody(p: SectionProps & { path: string; filtered: boolean }) {
  const { i18n } = p;
  const t = i18n.t;
  if (p.launchAt && p.counts.total === 0 && !p.filtered) {
    return (
      <p class="notice" data-empty data-embargo>
        {t('launch.embargo.notice', { date: i18n.date(p.launchAt) })}
      </p>
    );
  }
  if (p.counts.total === 0 && !p.filtered) {
    return (
      <p class="notice" data-empty>
        {t('live.empty')} <a href="#endorse">{t('statement.endorseHeading')}</a>
      </p>
    );
  }
  if (p.total === 0) {
    return (
      <p class="notice">
        {t('live.noResults')} <a href={`${p.path}#signatory-list`}>{t('live.filter.clear')}</a>
      </p>
    );
  }
  const from = (p.page - 1) * PAGE_SIZE + 1;
  const to = from + p.items.length - 1;
  return (
    <>
      <p class="muted" data-showing>
        {t('live.showing', { from: i18n.number(from), to: i18n.number(to), total: i18n.number(p.total) })}
        {p.filtered ? (
          <>
            {' '}
            <a href={`${p.path}#signatory-list`}>{t('live.filter.clear')}</a>
          </>
        ) : null}
      </p>
      {p.items.some((x) => x.initiator) ? (
        <section class="initiators" data-initiators aria-labelledby="initiators-heading">
          <h3 id="initiators-heading">{t('launch.initiators.heading')}</h3>
          <ul class="signatories">
            {p.items
              .filter((x) => x.initiator)
              .map((item) => (
                <SignatoryLine i18n={i18n} item={item} />
              ))}
          </ul>
        </section>
      ) : null}
      <div data-groups>
        {groupBy(
          p.items.filter((x) => !x.initiator),
          (x) => x.country,
        ).map(([code, items]) => (
          <section
            class="country-group"
            data-country={code}
            data-country-name={i18n.country(code)}
            aria-labelledby={`country-${code}`}
          >
            <h3 id={`country-${code}`}>
              {i18n.country(code)}{' '}
              <span class="muted" data-country-count>
                ({i18n.number(p.counts.byCountry[code] ?? 0)})
              </span>
            </h3>
            <ul class="signatories">
              {items.map((item) => (
                <SignatoryLine i18n={i18n} item={item} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {p.pages > 1 ? (
        <Pagination i18n={i18n} path={p.path} query={p.query} page={p.page} pages={p.pages} />
      ) : null}
    </>
  );
}

/** One signatory on the page; live.js builds the same markup for newcomers. */
export function SignatoryLine(props: { i18n: I18n; item: PublicItem }) {
  const { item, i18n } = props;
  return (
    <li data-id={String(item.id)} data-name={item.name.toLowerCase()}>
      <SignatoryName item={item} />
      <span class="meta">
        {' · '}
        {typeLabel(i18n, item.type as OrgType)}
        {item.city ? ` · ${item.city}` : ''}
      </span>
      <EarlierVersion i18n={i18n} item={item} />
    </li>
  );
}

function Pagination(props: { i18n: I18n; path: string; query: ListQuery; page: number; pages: number }) {
  const { i18n, page, pages } = props;
  const t = i18n.t;
  const href = (n: number) => listHref(props.path, props.query, n);
  const shown = new Set(
    [1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages),
  );
  const numbers = [...shown].sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t('live.pages.label')}>
      <p class="muted">{t('live.pages.current', { page: i18n.number(page), pages: i18n.number(pages) })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('live.pages.previous')}
            </a>
          </li>
        ) : null}
        {numbers.map((n, i) => (
          <>
            {i > 0 && n - (numbers[i - 1] ?? n) > 1 ? <li aria-hidden="true">…</li> : null}
            <li>
              {n === page ? (
                <a
                  href={href(n)}
                  aria-current="page"
                  aria-label={t('live.pages.page', { page: i18n.number(n) })}
                >
                  {i18n.number(n)}
                </a>
              ) : (
                <a href={href(n)} aria-label={t('live.pages.page', { page: i18n.number(n) })}>
                  {i18n.number(n)}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('live.pages.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The iframe and badge code another site pastes (this page's embed box and the staff "Now live" panel). */
export function embedCodes(i18n: I18n, base: string, slug: string, title: string) {
  const t = i18n.t;
  const iframe = `<iframe src="${base}/s/${slug}/embed?lang=${i18n.locale}" title="${escapeAttr(t('live.embed.title', { title }))}" width="320" height="180" style="border:0" loading="lazy"></iframe>`;
  const badge = `<a href="${base}/s/${slug}"><img src="${base}/s/${slug}/badge.svg?lang=${i18n.locale}" alt="${escapeAttr(t('live.embed.title', { title }))}"></a>`;
  return { iframe, badge };
}

function EmbedSnippets(props: { i18n: I18n; base: string; slug: string; title: string }) {
  const { i18n, base, slug } = props;
  const t = i18n.t;
  const { iframe, badge } = embedCodes(i18n, base, slug, props.title);
  return (
    <details class="embed-snippets">
      <summary>{t('live.embed.heading')}</summary>
      <p>{t('live.embed.intro')}</p>
      <label for="embed-iframe">{t('live.embed.iframeLabel')}</label>
      <textarea id="embed-iframe" readonly rows={4} data-select-all>
        {iframe}
      </textarea>
      <label for="embed-badge">{t('live.embed.badgeLabel')}</label>
      <textarea id="embed-badge" readonly rows={3} data-select-all>
        {badge}
      </textarea>
    </details>
  );
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

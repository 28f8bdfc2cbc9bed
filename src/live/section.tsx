import { raw } from 'hono/html';
import type { Statement, StatementText } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { I18n } from '../i18n/i18n.js';
import { chooseText } from '../statements/text.js';
import { isEmbargoed } from '../statements/rules.js';
import { isFiltered, PAGE_SIZE, parseListQuery, type ListQuery } from './list-query.js';
import { renderStatementPictures } from '../pictures/section.js';
import { countFiltered, listGroupedPage } from './signatories.js';
import { Section } from './views/signatories-section.js';
import { countryOrder, renderToString } from './views/shared.js';

type SectionStatement = Statement & { texts?: StatementText[] };

/**
 * Counts and the signatory list under the statement. The unfiltered pages are rendered once per
 * language and kept until the list changes, so a busy statement page costs no query here.
 */
export async function SignatoriesSection(props: {
  deps: Pick<Deps, 'db' | 'live' | 'config' | 'clock'>;
  i18n: I18n;
  statement: SectionStatement;
  query: URLSearchParams;
  /** A staff preview (never cached: the public page's cache holds public pages only). */
  preview?: { path: string; note: string } | undefined;
}) {
  const { deps, i18n, statement } = props;
  const q = parseListQuery(props.query);
  const render = () => renderSection(deps, i18n, statement, q, props.preview);
  const html =
    isFiltered(q) || props.preview
      ? await render()
      : await deps.live.cached(statement.id, `section:${i18n.locale}:${q.page}`, render);
  return raw(html);
}

async function renderSection(
  deps: Pick<Deps, 'db' | 'live' | 'config' | 'clock'>,
  i18n: I18n,
  statement: SectionStatement,
  q: ListQuery,
  preview?: { path: string; note: string },
): Promise<string> {
  const counts = await deps.live.counts(statement.id);
  const order = countryOrder(i18n, Object.keys(counts.byCountry));
  const filtered = isFiltered(q);
  // The unfiltered total (and single-filter totals) are in the counts already.
  const total = !filtered
    ? counts.total
    : q.country && !q.type && !q.q
      ? (counts.byCountry[q.country] ?? 0)
      : q.type && !q.country && !q.q
        ? (counts.byType[q.type] ?? 0)
        : await countFiltered(deps.db, statement.id, q);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const items =
    total === 0
      ? []
      : await listGroupedPage(deps.db, statement.id, q, order, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const title = chooseText(statement.texts ?? [], i18n.locale)?.title ?? statement.slug;
  return renderToString(
    <Section
      i18n={i18n}
      slug={statement.slug}
      title={title}
      base={deps.config.publicUrl}
      counts={counts}
      order={order}
      query={q}
      page={page}
      pages={pages}
      total={total}
      items={items}
      launchAt={isEmbargoed(statement) ? statement.launch_at : null}
      // The pictures are public addresses: a preview of a statement that is not public has none.
      pictures={
        preview && statement.status === 'draft'
          ? undefined
          : await renderStatementPictures(deps, i18n, statement)
      }
      preview={preview}
    />,
  );
}

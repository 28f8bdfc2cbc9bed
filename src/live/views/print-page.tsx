import { raw } from 'hono/html';
import type { I18n } from '../../i18n/i18n.js';
import type { StatementText } from '../../db/database.js';
import { renderMarkdown } from '../../statements/markdown.js';
import { PrintMap } from '../../pictures/views.js';
import { Layout } from '../../views/layout.js';
import type { Counts } from '../counts.js';
import type { PublicItem } from '../signatories.js';
import { EarlierVersion, groupBy, SignatoryName, typeLabel } from './shared.js';

/**
 * The statement and every signatory, grouped by country and then type, as one long page laid
 * out for paper: what campaigners deliver to the addressee (print, or save as PDF).
 */
export function PrintPage(props: {
  i18n: I18n;
  slug: string;
  statementId: number;
  text: StatementText;
  counts: Counts;
  items: PublicItem[];
  asOf: Date;
  canonical: string;
}) {
  const { i18n, text, counts } = props;
  const t = i18n.t;
  return (
    <Layout
      i18n={i18n}
      meta={{
        title: t('live.print.title', { title: text.title }),
        path: `/s/${props.slug}/print`,
        canonical: props.canonical,
        robots: 'noindex',
      }}
    >
      <article class="print-page">
        <p class="no-print">
          <a href={`/s/${props.slug}`}>{t('live.print.back')}</a>
        </p>
        <p class="notice no-print">{t('live.print.hint')}</p>
        <div lang={text.locale}>
          <h1>{text.title}</h1>
          <div class="statement-body">
            {raw(renderMarkdown(text.body_md, `${props.statementId}:${text.locale}:${text.version}`))}
          </div>
        </div>
        <h2>{t('live.print.signatories')}</h2>
        <p>
          {[
            i18n.plural('count.organisations', counts.total),
            i18n.plural('count.countries', counts.countries),
            i18n.plural('count.members', counts.members),
          ].join(' · ')}
          . {t('live.print.asOf', { date: i18n.date(props.asOf) })}
        </p>
        {props.items.some((x) => !x.currentVersion) ? <p>{t('live.earlierVersionNote')}</p> : null}
        <PrintMap i18n={i18n} counts={counts} />
        {groupBy(props.items, (x) => x.country).map(([country, items]) => (
          <section class="print-country">
            <h3>
              {i18n.country(country)} ({i18n.number(items.length)})
            </h3>
            {groupBy(items, (x) => x.type).map(([, list]) => (
              <>
                <h4>
                  {typeLabel(i18n, list[0]!.type)} ({i18n.number(list.length)})
                </h4>
                <ul class="print-list">
                  {list.map((item) => (
                    <li>
                      <SignatoryName item={item} />
                      {item.city ? <span class="muted">{` · ${item.city}`}</span> : null}
                      {item.members ? (
                        <span class="muted">{` · ${t('live.members', { count: i18n.number(item.members) })}`}</span>
                      ) : null}
                      <EarlierVersion i18n={i18n} item={item} />
                    </li>
                  ))}
                </ul>
              </>
            ))}
          </section>
        ))}
      </article>
    </Layout>
  );
}

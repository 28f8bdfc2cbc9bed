import { raw } from 'hono/html';
import { NUMBERING_SYSTEM, type I18n } from '../../i18n/i18n.js';
import { assetUrl } from '../../http/assets.js';
import type { Counts } from '../counts.js';
import { Counted } from '../../views/counted.js';

/**
 * The counter other sites put in an <iframe>: a bare page (no site header) with the count, kept
 * current by live.js, and a link that opens the statement in a new tab.
 */
export function EmbedPage(props: {
  i18n: I18n;
  slug: string;
  title: string;
  titleLocale: string;
  counts: Counts;
  statementUrl: string;
}) {
  const { i18n, counts } = props;
  const t = i18n.t;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={i18n.locale} dir={i18n.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{t('live.embed.title', { title: props.title })}</title>
          <link rel="stylesheet" href={assetUrl('style.css')} />
          <script src={assetUrl('live.js')} defer />
        </head>
        <body class="embed">
          <div
            class="embed-box"
            data-live-events={`/s/${props.slug}/events`}
            data-numbering={NUMBERING_SYSTEM}
          >
            <p class="embed-title" lang={props.titleLocale}>
              <a href={props.statementUrl} target="_blank" rel="noopener">
                {props.title}
              </a>
            </p>
            <p class="embed-count" aria-live="polite" aria-atomic="true">
              <Counted i18n={i18n} msg="count.signatories" n={counts.total} name="total" />
            </p>
            <p class="embed-sub muted">
              <Counted i18n={i18n} msg="count.countries" n={counts.countries} name="countries" tag="span" />
              {' · '}
              <Counted i18n={i18n} msg="count.members" n={counts.members} name="members" tag="span" />
            </p>
            <p>
              <a class="button" href={props.statementUrl} target="_blank" rel="noopener">
                {t('live.embed.cta')}
              </a>
            </p>
          </div>
        </body>
      </html>
    </>
  );
}

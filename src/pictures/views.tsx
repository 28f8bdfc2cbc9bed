import { raw } from 'hono/html';
import type { I18n } from '../i18n/i18n.js';
import type { Counts } from '../live/counts.js';
import { classBreaks, FILLS, NO_DATA, OUTLINE } from './classes.js';
import type { cumulative } from './growth.js';
import { growthSvg } from './growth-svg.js';
import { worldGeometry } from './atlas.js';
import { legendLabels, mapSvg } from './map-svg.js';
import { CARD_HEIGHT, CARD_WIDTH } from './og-card.js';

/** The map's legend as HTML, so it stays readable on a phone where the map itself is small. */
function MapLegend(props: { i18n: I18n; counts: Counts; id: string }) {
  const { i18n } = props;
  const breaks = classBreaks(Math.max(0, ...Object.values(props.counts.byCountry)));
  const items: Array<[string, string, string]> = [
    [NO_DATA, '#9a9aa6', i18n.number(0)],
    ...legendLabels(i18n, breaks).map((label, i): [string, string, string] => [
      FILLS[i] ?? NO_DATA,
      OUTLINE,
      label,
    ]),
  ];
  return (
    <div class="map-legend">
      <p id={props.id}>{i18n.t('pictures.map.legend')}</p>
      <ul aria-labelledby={props.id}>
        {items.map(([fill, stroke, label]) => (
          <li>
            <svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true" focusable="false">
              <rect x=".5" y=".5" width="21" height="15" fill={fill} stroke={stroke} />
            </svg>{' '}
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The map as a figure: the map, the legend, and where the numbers are. On the printable list the SVG
 * is inline. On the statement page it is an `<img>` of map.svg without its legend: the map is two
 * thirds of the page's bytes, and as its own URL it is fetched once per count generation and kept by
 * browsers and proxies, while the page's list changes more often. public/live.js swaps the image for
 * the same SVG inline, which it can then recolour from the `count` event.
 */
function MapFigure(props: { i18n: I18n; counts: Counts; hint: boolean; src?: string }) {
  const { i18n, counts } = props;
  const t = i18n.t;
  const world = worldGeometry();
  return (
    <figure class="picture map-figure" data-map-figure>
      <figcaption>{t('pictures.map.caption')}</figcaption>
      {props.src ? (
        <img
          class="world-map"
          src={props.src}
          data-map-img
          width={world.width}
          height={world.height}
          alt={t('pictures.map.label')}
        />
      ) : (
        raw(mapSvg(i18n, counts.byCountry, { legend: false, titles: true }))
      )}
      <MapLegend i18n={i18n} counts={counts} id="map-legend-title" />
      {props.hint ? <p class="muted">{t('pictures.map.tableHint')}</p> : null}
    </figure>
  );
}

/**
 * Under the counts on the statement page: how the list grew, and where the signatories are; the
 * by-country table that follows is the map's text alternative. Rendered inside the cached
 * signatories section. While nobody has signed it is an empty, hidden block (the page of a new
 * statement stays light); live.js fetches the pictures with the first signatory.
 */
export function StatementPictures(props: {
  i18n: I18n;
  slug: string;
  counts: Counts;
  points: ReturnType<typeof cumulative>;
}) {
  const { i18n, counts, points } = props;
  const t = i18n.t;
  const base = `/s/${props.slug}`;
  const lang = `?lang=${i18n.locale}`;
  if (counts.total === 0) {
    return <div class="pictures" data-pictures hidden />;
  }
  return (
    <div class="pictures" data-pictures>
      {points.length ? (
        <figure class="picture growth-figure">
          <figcaption>{t('pictures.growth.caption')}</figcaption>
          {raw(growthSvg(i18n, points))}
        </figure>
      ) : null}
      <MapFigure i18n={i18n} counts={counts} hint={true} src={`${base}/map.svg${lang}&legend=0`} />
      <p class="picture-links">
        {t('pictures.download.label')} <a href={`${base}/map.svg${lang}`}>{t('pictures.download.map')}</a>
        {' · '}
        <a href={`${base}/growth.svg${lang}`}>{t('pictures.download.growth')}</a>
        {' · '}
        <a href={`${base}/og.png${lang}`}>{t('pictures.download.card')}</a>
      </p>
    </div>
  );
}

/** The map on the printable list, from the same counts as the list under it. */
export function PrintMap(props: { i18n: I18n; counts: Counts }) {
  return props.counts.total > 0 ? <MapFigure i18n={props.i18n} counts={props.counts} hint={false} /> : null;
}

/**
 * Open Graph and Twitter tags for the share card: absolute URLs from PUBLIC_URL. The count in the
 * URL only makes social networks (which keep an image per URL for days) fetch the card again once
 * the count has moved; the server ignores it.
 */
export function shareCardMeta(
  publicUrl: string,
  slug: string,
  i18n: I18n,
  title: string,
  counts: Pick<Counts, 'total' | 'countries'>,
): Record<string, string> {
  const image = `${publicUrl}/s/${slug}/og.png?lang=${i18n.locale}&n=${counts.total}`;
  const alt = i18n.t('pictures.card.alt', {
    title,
    total: i18n.number(counts.total),
    countries: i18n.number(counts.countries),
  });
  return {
    'og:image': image,
    'og:image:type': 'image/png',
    'og:image:width': String(CARD_WIDTH),
    'og:image:height': String(CARD_HEIGHT),
    'og:image:alt': alt,
    'twitter:card': 'summary_large_image',
    'twitter:image': image,
    'twitter:image:alt': alt,
  };
}

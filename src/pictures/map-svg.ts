import type { I18n } from '../i18n/i18n.js';
import { worldGeometry } from './atlas.js';
import { classBreaks, FILLS, fillOf, NO_DATA, OUTLINE } from './classes.js';
import { SVG_FONT_STACK, textWidth } from './fonts.js';
import { bidi, esc, n1 } from './svg.js';

export interface MapOptions {
  /** Draw the legend under the map (the standalone map.svg); the page has an HTML legend instead. */
  legend: boolean;
  /** A `<title>` per shaded country (hover text); the share card has no use for them. */
  titles: boolean;
}

const LEGEND_HEIGHT = 56;
const DOT_RADIUS = 3.5;
const STROKE = 'stroke-width=".6"';

/** The five classes as the legend states them: "1", "2", "3–4", "5–9", "10+" (in the reader's digits). */
export function legendLabels(i18n: I18n, breaks: readonly number[]): string[] {
  return breaks.map((from, i) => {
    const next = breaks[i + 1];
    if (next === undefined) {
      return `${i18n.number(from)}+`;
    }
    return next - 1 === from ? i18n.number(from) : `${i18n.number(from)}–${i18n.number(next - 1)}`;
  });
}

/** The hover title of a shaded country, "France — organisations: 12", in the reader's language. */
export function countryTitle(i18n: I18n, cc: string, n: number): string {
  return i18n.t('pictures.map.country', { country: i18n.country(cc), count: i18n.number(n) });
}

/**
 * The countries, each one `<path data-cc="FR" data-n="12">`, shaded by the number of its public
 * signatories; the small countries as dots, hidden while they have none. Same geometry for every
 * statement: only fills, counts and titles differ. `public/live.js` recolours these elements from
 * the `count` event using the breaks and fills written on the root element.
 */
export function mapBody(
  i18n: I18n,
  byCountry: Readonly<Record<string, number>>,
  breaks: readonly number[],
  titles: boolean,
): string {
  const world = worldGeometry();
  const parts: string[] = [`<g fill="${NO_DATA}" stroke="#fff" ${STROKE} stroke-linejoin="round">`];
  for (const s of world.shapes) {
    const n = s.cc ? (byCountry[s.cc] ?? 0) : 0;
    if (!s.cc) {
      parts.push(`<path d="${s.d}"/>`);
    } else if (n > 0) {
      const title = titles ? `<title>${esc(countryTitle(i18n, s.cc, n))}</title>` : '';
      parts.push(
        `<path data-cc="${s.cc}" data-n="${n}" fill="${fillOf(n, breaks)}" stroke="${OUTLINE}" d="${s.d}">${title}</path>`,
      );
    } else {
      parts.push(`<path data-cc="${s.cc}" d="${s.d}"/>`);
    }
  }
  for (const dot of world.dots) {
    const n = byCountry[dot.cc] ?? 0;
    const at = `cx="${dot.x}" cy="${dot.y}" r="${DOT_RADIUS}"`;
    if (n > 0) {
      const title = titles ? `<title>${esc(countryTitle(i18n, dot.cc, n))}</title>` : '';
      parts.push(
        `<circle data-cc="${dot.cc}" data-n="${n}" ${at} fill="${fillOf(n, breaks)}" stroke="${OUTLINE}">${title}</circle>`,
      );
    } else {
      parts.push(`<circle data-cc="${dot.cc}" ${at} display="none"/>`);
    }
  }
  parts.push('</g>');
  return parts.join('');
}

/**
 * The world map of a statement's signatories (GET /s/:slug/map.svg, inlined in the statement and
 * print pages, drawn small on the share card). One image for every reader of a language: it is
 * cached per count generation and sent with a strong ETag.
 */
export function mapSvg(
  i18n: I18n,
  byCountry: Readonly<Record<string, number>>,
  opts: MapOptions = { legend: true, titles: true },
): string {
  const world = worldGeometry();
  const max = Math.max(0, ...Object.values(byCountry));
  const breaks = classBreaks(max);
  const height = world.height + (opts.legend ? LEGEND_HEIGHT : 0);
  const t = i18n.t;
  const attrs = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${world.width} ${height}"`,
    `width="${world.width}"`,
    `height="${height}"`,
    'role="img"',
    `aria-label="${esc(t('pictures.map.label'))}"`,
    'class="world-map"',
    // Base direction fixed: browsers and resvg then place text alike, and the map never mirrors.
    'direction="ltr"',
    `font-family="${esc(SVG_FONT_STACK)}"`,
    'data-map=""',
    `data-breaks="${breaks.join(',')}"`,
    `data-fills="${FILLS.join(',')}"`,
    `data-none="${NO_DATA}"`,
    `data-outline="${OUTLINE}"`,
    `data-title="${esc(t('pictures.map.country', { country: '{country}', count: '{count}' }))}"`,
  ];
  const legend = opts.legend ? svgLegend(i18n, breaks, world.width, world.height) : '';
  return `<svg ${attrs.join(' ')}>${mapBody(i18n, byCountry, breaks, opts.titles)}${legend}</svg>`;
}

/** The legend drawn inside the SVG: a caption, then "0" and the five classes; mirrored for right-to-left. */
function svgLegend(i18n: I18n, breaks: readonly number[], width: number, top: number): string {
  const rtl = i18n.dir === 'rtl';
  const size = 15;
  const y = top + 34;
  const pad = 12;
  const caption = bidi(i18n.dir, i18n.t('pictures.map.legend'));
  const items: Array<[string, string]> = [
    [NO_DATA, i18n.number(0)],
    ...legendLabels(i18n, breaks).map((label, i): [string, string] => [FILLS[i] ?? NO_DATA, label]),
  ];
  const out: string[] = [`<g font-size="${size}" fill="#1d1d1f">`];
  // x runs from the start edge: the left in LTR, the right in RTL.
  let x = pad;
  const at = (from: number, w: number) => (rtl ? width - from - w : from);
  out.push(
    `<text x="${n1(rtl ? width - x : x)}" y="${y}" text-anchor="${rtl ? 'end' : 'start'}">${esc(caption)}</text>`,
  );
  x += textWidth(caption, size) + 18;
  for (const [fill, label] of items) {
    const stroke = fill === NO_DATA ? '#9a9aa6' : OUTLINE;
    out.push(
      `<rect x="${n1(at(x, 22))}" y="${y - 13}" width="22" height="16" fill="${fill}" stroke="${stroke}" stroke-width=".8"/>`,
    );
    x += 28;
    const w = textWidth(label, size);
    out.push(`<text x="${n1(at(x, w))}" y="${y}">${esc(bidi(i18n.dir, label))}</text>`);
    x += w + 16;
  }
  out.push('</g>');
  return out.join('');
}

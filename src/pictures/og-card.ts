import { renderAsync } from '@resvg/resvg-js';
import type { I18n } from '../i18n/i18n.js';
import { worldGeometry } from './atlas.js';
import { classBreaks } from './classes.js';
import { FONT_FAMILY, FONT_FILES, textWidth } from './fonts.js';
import { mapBody } from './map-svg.js';
import { bidi, esc, n1 } from './svg.js';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const ACCENT = '#b3261e';
const INK = '#1d1d1f';
const MUTED = '#5a5a66';

export interface CardInput {
  title: string;
  /** The language of the title (may differ from the reader's when there is no translation). */
  titleDir: 'ltr' | 'rtl';
  total: number;
  countries: number;
  byCountry: Readonly<Record<string, number>>;
  /** Where the card points to, e.g. "campaign.example.org". */
  site: string;
}

/**
 * Greedy word wrap to `maxWidth`, at most `maxLines`; when the text is longer, the last line ends
 * in "…" (`cut`). A word wider than a line is cut too.
 */
export function wrap(
  text: string,
  size: number,
  maxWidth: number,
  maxLines: number,
): { lines: string[]; cut: boolean } {
  const fits = (s: string) => textWidth(s, size, true) <= maxWidth;
  const shorten = (s: string) => {
    let r = s;
    while (r && !fits(`${r}…`)) {
      r = r.slice(0, -1);
    }
    return `${r.trimEnd()}…`;
  };
  const lines: string[] = [];
  let line = '';
  let cut = false;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
    }
    line = fits(word) ? word : shorten(word);
    cut ||= line !== word;
  }
  if (line) {
    lines.push(line);
  }
  if (lines.length <= maxLines) {
    return { lines, cut };
  }
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = shorten(kept[maxLines - 1] ?? '');
  return { lines: kept, cut: true };
}

/** The title at the largest size that fits in three lines (then two sizes smaller, then cut). */
function fitTitle(title: string, width: number): { lines: string[]; size: number } {
  for (const size of [60, 52, 44]) {
    const r = wrap(title, size, width, 3);
    if (!r.cut) {
      return { lines: r.lines, size };
    }
  }
  return { lines: wrap(title, 44, width, 3).lines, size: 44 };
}

/**
 * The share card as SVG, 1200×630: site, title, the count, the number of countries and the map.
 * Laid out from the start edge of the reader's language (mirrored for Arabic), the map itself never
 * mirrored. No contact data can reach it: it is drawn from the title and the counts only.
 */
export function cardSvg(i18n: I18n, card: CardInput): string {
  const rtl = i18n.dir === 'rtl';
  const margin = 72;
  const edge = (x: number) => (rtl ? CARD_WIDTH - x : x);
  const anchor = rtl ? 'end' : 'start';
  const world = worldGeometry();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${FONT_FAMILY}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#fff"/>`,
    `<rect x="${rtl ? CARD_WIDTH - 20 : 0}" width="20" height="${CARD_HEIGHT}" fill="${ACCENT}"/>`,
    `<text x="${edge(margin)}" y="70" text-anchor="${anchor}" font-size="26" fill="${MUTED}">${esc(card.site)}</text>`,
  ];
  const title = fitTitle(card.title, CARD_WIDTH - 2 * margin);
  const lineHeight = Math.round(title.size * 1.18);
  let y = 96 + title.size;
  for (const line of title.lines) {
    // The title keeps its own direction's alignment when it is not in the reader's language.
    const titleRtl = card.titleDir === 'rtl';
    const x = titleRtl ? CARD_WIDTH - margin : margin;
    out.push(
      `<text x="${x}" y="${y}" text-anchor="${titleRtl ? 'end' : 'start'}" font-size="${title.size}" font-weight="bold" fill="${INK}">${esc(bidi(card.titleDir, line))}</text>`,
    );
    y += lineHeight;
  }

  // The numbers, in the start column.
  const numbersTop = Math.max(y + 20, 360);
  // The big number, and its counted noun beneath it ("organisations", Arabic "منظمات" for 3).
  const organisations = i18n.pluralParts('count.organisations', card.total);
  const total = organisations.number;
  const organisationsLabel = `${organisations.before}${organisations.after}`.trim();
  const countriesParts = i18n.pluralParts('count.countries', card.countries);
  const countries = countriesParts.number;
  const countriesLine = `${esc(countriesParts.before)}<tspan font-weight="bold">${esc(countries)}</tspan>${esc(countriesParts.after)}`;
  out.push(
    `<text x="${edge(margin)}" y="${numbersTop + 70}" text-anchor="${anchor}" font-size="104" font-weight="bold" fill="${ACCENT}">${esc(total)}</text>`,
    `<text x="${edge(margin)}" y="${numbersTop + 118}" text-anchor="${anchor}" font-size="34" fill="${INK}">${esc(bidi(i18n.dir, organisationsLabel))}</text>`,
    `<text x="${edge(margin)}" y="${numbersTop + 196}" text-anchor="${anchor}" font-size="34" fill="${INK}">${bidi(i18n.dir, countriesLine)}</text>`,
  );

  // The map in the other column, as large as the space below the title allows.
  const numbersWidth = Math.max(
    textWidth(total, 104, true),
    textWidth(organisationsLabel, 34),
    textWidth(i18n.plural('count.countries', card.countries), 34, true),
  );
  const mapLeftLimit = margin + numbersWidth + 40;
  const availableWidth = CARD_WIDTH - margin / 2 - mapLeftLimit;
  const availableHeight = CARD_HEIGHT - numbersTop - 20;
  const scale = Math.min(availableWidth / world.width, availableHeight / world.height, 0.75);
  const mapWidth = world.width * scale;
  const mapX = rtl ? margin / 2 : CARD_WIDTH - margin / 2 - mapWidth;
  const mapY = CARD_HEIGHT - 24 - world.height * scale;
  const breaks = classBreaks(Math.max(0, ...Object.values(card.byCountry)));
  out.push(
    `<g transform="translate(${n1(mapX)} ${n1(mapY)}) scale(${scale.toFixed(4)})">${mapBody(i18n, card.byCountry, breaks, false)}</g>`,
  );
  out.push('</svg>');
  return out.join('');
}

/**
 * Rasterise the card with resvg (a prebuilt binary from the npm registry) on libuv's thread pool, so
 * the event loop keeps serving while it draws. Tens of milliseconds: called once per count
 * generation and language, never per request.
 */
export async function renderCardPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'original' },
    background: '#fff',
  });
  return image.asPng();
}

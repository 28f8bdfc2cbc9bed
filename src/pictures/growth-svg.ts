import type { I18n } from '../i18n/i18n.js';
import { SVG_FONT_STACK, textWidth } from './fonts.js';
import type { GrowthPoint } from './growth.js';
import { bidi, esc, n1 } from './svg.js';

const W = 560;
const H = 240;
const INK = '#1d1d1f';
const MUTED = '#5a5a66';
const LINE = '#b3261e';
const GRID = '#d9d9e0';
/** A white outline under the values written on the line, so the line never crosses them out. */
const HALO = 'stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"';

/** The smallest of 1, 2, 5, 10, 20, 50… at or above `v`: the top of the scale. */
function niceCeil(v: number): number {
  if (v <= 1) {
    return 1;
  }
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) {
    if (m * p >= v) {
      return m * p;
    }
  }
  return 10 * p;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 Mar 2026" in the reader's language (UTC days, like the data). */
export function shortDate(i18n: I18n, day: string): string {
  let f = dateFormats.get(i18n.locale);
  if (!f) {
    f = new Intl.DateTimeFormat(i18n.locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(i18n.locale, f);
  }
  return f.format(new Date(`${day}T00:00:00Z`));
}

/** What the chart says, for those who do not see it (its aria-label). */
export function growthSummary(i18n: I18n, points: readonly GrowthPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) {
    return i18n.t('live.empty');
  }
  return i18n.t('pictures.growth.label', {
    first: i18n.number(first.total),
    firstDate: shortDate(i18n, first.day),
    last: i18n.number(last.total),
    lastDate: shortDate(i18n, last.day),
  });
}

/**
 * Cumulative public signatories per UTC day (GET /s/:slug/growth.svg and under the counts on the
 * statement page): the line is labelled, its first and last values are written on it, and the
 * axes speak the reader's language. Time runs left to right in every language, like the map.
 */
export function growthSvg(i18n: I18n, points: readonly GrowthPoint[]): string {
  const t = i18n.t;
  const head = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${W} ${H}"`,
    `width="${W}"`,
    `height="${H}"`,
    'role="img"',
    `aria-label="${esc(growthSummary(i18n, points))}"`,
    'class="growth-chart"',
    'direction="ltr"',
    `font-family="${esc(SVG_FONT_STACK)}"`,
    'font-size="15"',
  ].join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) {
    return (
      `<svg ${head}><rect x=".5" y=".5" width="${W - 1}" height="${H - 1}" fill="#fff" stroke="${GRID}"/>` +
      `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="${MUTED}">${esc(bidi(i18n.dir, t('live.empty')))}</text></svg>`
    );
  }
  const top = niceCeil(last.total);
  // Whole organisations only: a middle line where half the top is a whole number.
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const yLabels = ticks.map((v) => i18n.number(v));
  const ml = Math.ceil(Math.max(...yLabels.map((l) => textWidth(l, 14)))) + 14;
  const mr = 16;
  const mt = 48;
  const mb = 34;
  const pw = W - ml - mr;
  const ph = H - mt - mb;
  const n = points.length;
  const x = (i: number) => ml + (n === 1 ? pw : (i * pw) / (n - 1));
  const y = (v: number) => mt + ph - (v / top) * ph;
  const out: string[] = [`<svg ${head}>`, `<rect width="${W}" height="${H}" fill="#fff"/>`];

  // The series' name, with a sample of the line: the line is labelled even where it is short.
  const series = bidi(i18n.dir, t('pictures.growth.series'));
  out.push(`<path d="M${ml} 20h24" stroke="${LINE}" stroke-width="3"/>`);
  out.push(`<text x="${ml + 32}" y="25" fill="${INK}">${esc(series)}</text>`);

  // Grid and value axis.
  for (const [k, label] of yLabels.entries()) {
    const gy = n1(y(ticks[k] ?? 0));
    out.push(`<path d="M${ml} ${gy}H${W - mr}" stroke="${GRID}" stroke-width="1"/>`);
    out.push(
      `<text x="${ml - 8}" y="${n1(Number(gy) + 5)}" text-anchor="end" font-size="14" fill="${MUTED}">${esc(label)}</text>`,
    );
  }

  // The line, and a light area under it.
  const pts = points.map((p, i) => `${n1(x(i))} ${n1(y(p.total))}`);
  if (n > 1) {
    out.push(
      `<path d="M${pts.join('L')}L${n1(x(n - 1))} ${n1(y(0))}L${n1(x(0))} ${n1(y(0))}Z" fill="${LINE}" fill-opacity=".12"/>`,
    );
    out.push(
      `<path d="M${pts.join('L')}" fill="none" stroke="${LINE}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  out.push(`<circle cx="${n1(x(n - 1))}" cy="${n1(y(last.total))}" r="4.5" fill="${LINE}"/>`);

  // First and last values written on the line.
  out.push(
    `<text x="${n1(x(n - 1))}" y="${n1(y(last.total) - 11)}" text-anchor="end" font-size="18" font-weight="bold" fill="${INK}" ${HALO}>${esc(i18n.number(last.total))}</text>`,
  );
  if (n > 1) {
    out.push(`<circle cx="${n1(x(0))}" cy="${n1(y(first.total))}" r="3.5" fill="${LINE}"/>`);
    out.push(
      `<text x="${n1(x(0) + 6)}" y="${n1(y(first.total) - 9)}" fill="${INK}" ${HALO}>${esc(i18n.number(first.total))}</text>`,
    );
  }

  // Time axis: the first and last day.
  const by = H - 10;
  out.push(`<path d="M${ml} ${n1(y(0))}H${W - mr}" stroke="${MUTED}" stroke-width="1"/>`);
  if (n > 1) {
    out.push(
      `<text x="${ml}" y="${by}" font-size="14" fill="${MUTED}">${esc(bidi(i18n.dir, shortDate(i18n, first.day)))}</text>`,
    );
  }
  out.push(
    `<text x="${W - mr}" y="${by}" text-anchor="end" font-size="14" fill="${MUTED}">${esc(bidi(i18n.dir, shortDate(i18n, last.day)))}</text>`,
  );
  out.push('</svg>');
  return out.join('');
}

/**
 * Five steps of one hue, light to dark, each clearly darker than the last in greyscale too
 * (relative luminance ≈ .55, .39, .25, .13, .05), and land without signatories in a light grey.
 * Shaded countries are outlined in the darkest tone, so even the lightest step stands out from the
 * page (README.md, Pictures).
 */
export const FILLS = ['#fcbba1', '#fc8a6a', '#ef5a3f', '#c9241e', '#7f0a10'] as const;
export const NO_DATA = '#e6e6ea';
export const OUTLINE = '#5c070b';

const NICE = [1, 2, 3, 5];

/** The "nice" number (1, 2, 3, 5, 10, 20, 30, 50, …) at or below `v`. */
function niceFloor(v: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  let best = p;
  for (const n of NICE) {
    if (n * p <= v) {
      best = n * p;
    }
  }
  return best;
}

/** The next nice number after `v`. */
function niceAfter(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const n of [...NICE, 10]) {
    if (n * p > v) {
      return n * p;
    }
  }
  return 10 * p;
}

/**
 * Lower bounds of the five classes, spread geometrically up to the largest count (a few countries
 * with many signatories must not wash out the rest): 100 → 1, 2, 5, 10, 20; small counts → 1…5.
 * The bounds travel with the map (data-breaks) so the page's script shades new counts the same way.
 */
export function classBreaks(max: number): number[] {
  if (max <= 5) {
    return [1, 2, 3, 4, 5];
  }
  const breaks = [1];
  for (let i = 1; i < FILLS.length; i++) {
    const prev = breaks[i - 1] ?? 1;
    const target = niceFloor(max ** (i / FILLS.length));
    breaks.push(target > prev ? target : niceAfter(prev));
  }
  return breaks;
}

/** The class (0–4) of a positive count, or -1 for none. */
export function classOf(n: number, breaks: readonly number[]): number {
  if (!(n > 0)) {
    return -1;
  }
  let k = 0;
  for (let i = 0; i < breaks.length; i++) {
    if (n >= (breaks[i] ?? Infinity)) {
      k = i;
    }
  }
  return k;
}

/** The fill of a count. */
export function fillOf(n: number, breaks: readonly number[]): string {
  const k = classOf(n, breaks);
  return k < 0 ? NO_DATA : (FILLS[k] ?? NO_DATA);
}

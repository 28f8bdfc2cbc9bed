/** Text and attribute values inside the SVG we write by hand (names, titles: anything a person typed). */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate with at most one decimal, shortest form. */
export function n1(v: number): string {
  return String(Math.round(v * 10) / 10);
}

const RLM = '\u200F';

/**
 * Text of a right-to-left language inside our SVGs, whose base direction is fixed left to right
 * (so browsers and resvg place it alike, and the map never mirrors): bracketed by RIGHT-TO-LEFT
 * MARKs, a date like "3 يناير 2026" or a label with a number then reads in the right order.
 */
export function bidi(dir: 'ltr' | 'rtl', text: string): string {
  return dir === 'rtl' ? `${RLM}${text}${RLM}` : text;
}

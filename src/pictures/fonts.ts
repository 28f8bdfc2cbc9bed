import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * DejaVu Sans (an npm package, no download step): Latin, Cyrillic, Greek and Arabic in one family,
 * so a share card in any of our languages has every glyph. resvg needs TTF files.
 */
export const FONT_FILES = {
  regular: path.join(DIR, 'DejaVuSans.ttf'),
  bold: path.join(DIR, 'DejaVuSans-Bold.ttf'),
} as const;
export const FONT_FAMILY = 'DejaVu Sans';
/** What an SVG asks for: DejaVu where installed, else a similar wide sans-serif. */
export const SVG_FONT_STACK = "'DejaVu Sans', Verdana, 'Noto Sans', 'Noto Sans Arabic', sans-serif";

interface Metrics {
  unitsPerEm: number;
  advance(codePoint: number): number;
}

/** Advance widths straight from the font's cmap (format 4) and hmtx tables: no layout engine needed. */
function readMetrics(file: string): Metrics {
  const buf = fs.readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) {
      throw new Error(`${file}: no ${tag} table`);
    }
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const at = cmap + buf.readUInt32BE(rec + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && buf.readUInt16BE(at) === 4) {
      sub = at;
      break;
    }
  }
  if (sub < 0) {
    throw new Error(`${file}: no Unicode BMP cmap`);
  }
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  const glyphOf = (cp: number): number => {
    for (let i = 0; i < segCount; i++) {
      if (cp > buf.readUInt16BE(ends + i * 2)) {
        continue;
      }
      const start = buf.readUInt16BE(starts + i * 2);
      if (cp < start) {
        return 0;
      }
      const delta = buf.readInt16BE(deltas + i * 2);
      const ro = buf.readUInt16BE(rangeOffsets + i * 2);
      if (ro === 0) {
        return (cp + delta) & 0xffff;
      }
      const g = buf.readUInt16BE(rangeOffsets + i * 2 + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const memo = new Map<number, number>();
  return {
    unitsPerEm,
    advance(cp) {
      let w = memo.get(cp);
      if (w === undefined) {
        const g = cp > 0xffff ? 0 : glyphOf(cp);
        w = buf.readUInt16BE(hmtx + Math.min(g, numberOfHMetrics - 1) * 4);
        memo.set(cp, w);
      }
      return w;
    },
  };
}

const metrics: Partial<Record<keyof typeof FONT_FILES, Metrics>> = {};

/**
 * Width of a line of text in DejaVu Sans at `size` px, from the font's own advance widths: enough
 * to wrap a title and lay out a legend (no kerning; joined Arabic letters come out a little
 * narrower than this, so lines never overflow).
 */
export function textWidth(text: string, size: number, bold = false): number {
  const m = (metrics[bold ? 'bold' : 'regular'] ??= readMetrics(FONT_FILES[bold ? 'bold' : 'regular']));
  let units = 0;
  for (const ch of text) {
    units += m.advance(ch.codePointAt(0) ?? 0);
  }
  return (units / m.unitsPerEm) * size;
}

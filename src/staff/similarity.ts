import { normaliseOrgName } from '../endorsements/organisations.js';

function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** Dice coefficient over character trigrams of normalised names (0…1), like pg_trgm's similarity. */
export const trigramSimilarity = (a: string, b: string): number => dice(trigrams(a), trigrams(b));

/** Edit distance, giving up (returning max + 1) once it must exceed `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) {
      return max + 1;
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const STOP = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'of',
  'the',
  'and',
  'et',
  'for',
  'pour',
  'y',
  'e',
  'del',
  'der',
  'die',
  'und',
  'da',
  'do',
  'dos',
  'das',
]);

/** "confederation generale du travail" → "cgt". */
export function initials(normalised: string): string {
  return normalised
    .split(' ')
    .filter((w) => w && !STOP.has(w))
    .map((w) => w[0])
    .join('');
}

/** A name prepared once for many comparisons. */
export interface NameKey {
  norm: string;
  compact: string;
  grams: Set<string>;
  initials: string;
}

export function nameKey(name: string): NameKey {
  const norm = normaliseOrgName(name);
  return {
    norm,
    compact: norm.replace(/ /g, ''),
    grams: trigrams(norm),
    initials: norm.includes(' ') ? initials(norm) : '',
  };
}

function dice(x: Set<string>, y: Set<string>): number {
  if (!x.size || !y.size) {
    return 0;
  }
  let common = 0;
  for (const g of x) {
    if (y.has(g)) {
      common++;
    }
  }
  return (2 * common) / (x.size + y.size);
}

/**
 * Whether two organisation names in one country may be the same organisation: same normalised
 * name, a close spelling (typo, missing word), or one is the other's acronym ("CGT").
 */
export function similarNames(a: NameKey, b: NameKey): boolean {
  if (!a.norm || !b.norm) {
    return false;
  }
  if (a.norm === b.norm || a.compact === b.compact) {
    return true;
  }
  const shortest = Math.min(a.compact.length, b.compact.length);
  if (shortest >= 5 && levenshtein(a.compact, b.compact, 2) <= (shortest >= 12 ? 2 : 1)) {
    return true;
  }
  if (dice(a.grams, b.grams) >= 0.6) {
    return true;
  }
  const isAcronym = (x: NameKey, y: NameKey) =>
    !x.norm.includes(' ') && x.norm.length >= 2 && x.norm.length <= 8 && y.initials === x.norm;
  return isAcronym(a, b) || isAcronym(b, a);
}

/** Convenience for one comparison. */
export const looksLikeSameOrganisation = (a: string, b: string) => similarNames(nameKey(a), nameKey(b));

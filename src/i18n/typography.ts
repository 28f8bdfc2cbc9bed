import type { Catalogue } from './catalogue.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/**
 * French punctuation spacing, applied once to the whole French catalogue (pages and emails alike)
 * so translators type ordinary spaces: a no-break space before ":", a narrow no-break space before
 * ; ! ? % » and after «. Without them phones break lines before ":" or "»". README.md "Languages".
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00A0\u202F]+:/g, `${NBSP}:`)
    .replace(/[ \u00A0\u202F]+([;!?%»])/g, `${NNBSP}$1`)
    .replace(/«[ \u00A0\u202F]+/g, `«${NNBSP}`);
}

function mapValues<T extends Record<string, unknown>>(obj: T, f: (v: T[keyof T]) => T[keyof T]): T {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v as T[keyof T])])) as T;
}

/** The catalogue with every message and plural form spaced the French way. */
export function withFrenchSpacing<C extends Catalogue>(cat: C): C {
  return {
    ...cat,
    messages: mapValues(cat.messages, (v) => (typeof v === 'string' ? frenchSpacing(v) : v)),
    plurals: mapValues(cat.plurals, (forms) =>
      mapValues(forms, (v) => (typeof v === 'string' ? frenchSpacing(v) : v)),
    ),
  };
}

import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src/i18n/glossary.js';
import { LOCALES } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';

// Every string of a catalogue, plural forms included, by key.
function strings(code: string): Map<string, string> {
  const cat = catalogues[code as 'en'];
  const out = new Map<string, string>(Object.entries(cat.messages as Record<string, string>));
  for (const [key, forms] of Object.entries(cat.plurals)) {
    out.set(`${key}#other`, (forms as Record<string, string>).other!);
  }
  return out;
}

describe('the glossary', () => {
  it('gives every term a rendering and a note for every language', () => {
    for (const term of GLOSSARY) {
      expect(term.note.length, term.term).toBeGreaterThan(20);
      expect(Object.keys(term.renderings).sort(), term.term).toEqual([...LOCALES].sort());
    }
  });

  const en = strings('en');
  it.each(LOCALES)('%s uses its one rendering wherever English uses a term', (code) => {
    const mine = strings(code);
    const wrong: string[] = [];
    for (const term of GLOSSARY) {
      const { pattern, forbidden } = term.renderings[code];
      for (const [key, english] of en) {
        const text = mine.get(key);
        if (text === undefined || !term.english.test(english)) {
          continue;
        }
        if (!pattern.test(text)) {
          wrong.push(`${key}: "${term.term}" should be "${term.renderings[code].text}": ${text}`);
        }
      }
      for (const [key, text] of mine) {
        if (forbidden?.test(text)) {
          wrong.push(`${key}: "${term.term}" must never read ${String(forbidden)}: ${text}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

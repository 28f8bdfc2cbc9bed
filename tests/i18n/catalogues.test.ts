import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/locales/index.js';
import { isBackOfficeKey, STAFF_LOCALES } from '../../src/i18n/catalogue.js';
import { parseAcceptLanguage, negotiateLocale } from '../../src/i18n/negotiate.js';

const reference = Object.keys(catalogues.en.messages).sort();

describe('message catalogues', () => {
  it.each(Object.entries(catalogues))('%s has exactly the English keys, none empty', (code, cat) => {
    const keys = Object.keys(cat.messages).sort();
    // Staff pages exist in the staff languages; elsewhere the back office falls back to English.
    const required = (STAFF_LOCALES as readonly string[]).includes(code)
      ? reference
      : reference.filter((k) => !isBackOfficeKey(k));
    expect(
      keys.filter((k) => !reference.includes(k)),
      'stray keys',
    ).toEqual([]);
    expect(
      required.filter((k) => !keys.includes(k)),
      'missing keys',
    ).toEqual([]);
    for (const [k, v] of Object.entries(cat.messages)) {
      expect((v as string).trim(), k).not.toBe('');
    }
  });

  it.each(Object.entries(catalogues))('%s keeps the same {placeholders} as English', (_code, cat) => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = catalogues.en.messages as Record<string, string>;
    for (const [k, v] of Object.entries(cat.messages)) {
      expect(names(v as string), k).toEqual(names(en[k] ?? ''));
    }
  });
});

describe('language negotiation', () => {
  it('orders ?lang=, cookie, Accept-Language, statement default, English', () => {
    expect(negotiateLocale({ query: 'fr', cookie: 'en', acceptLanguage: 'en', fallback: 'en' })).toBe('fr');
    expect(negotiateLocale({ query: 'xx', cookie: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'fr-CA,en;q=0.5', fallback: 'en' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'zz', fallback: 'fr' })).toBe('fr');
    expect(negotiateLocale({})).toBe('en');
  });

  it('parses Accept-Language by quality and ignores junk', () => {
    expect(parseAcceptLanguage('en;q=0.3, fr-FR;q=0.9, de')).toEqual(['de', 'fr', 'en']);
    expect(parseAcceptLanguage(';;;,q=,*,12,fr;q=abc,es;q=0')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { i18nFor, LOCALES } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';
import type { PluralKey } from '../../src/i18n/catalogue.js';

const KEYS = Object.keys(catalogues.en.plurals) as PluralKey[];
const NUMBERS = [0, 1, 2, 3, 5, 11, 100];

describe('counted strings (a number before a noun)', () => {
  it('no English message puts a number that may be 1 straight before a plural noun ("1 endorsements")', () => {
    // Numbers that can be 1: written "label: {count}" or through the catalogue's plurals instead.
    // ({min} characters, {days} days and {max} rows are always several.)
    const counted = /\{(count|added|skipped|mails|found|expected|total|n)\} [a-z]+s\b/;
    const offenders = Object.entries(catalogues.en.messages as Record<string, string>)
      .filter(([, text]) => counted.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it.each(LOCALES)('%s gives exactly the plural forms its language has, each with one {count}', (code) => {
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories.slice().sort();
    for (const key of KEYS) {
      const forms = catalogues[code].plurals[key] as Record<string, string>;
      expect(Object.keys(forms).sort(), `${code} ${key}`).toEqual(categories);
      for (const [category, text] of Object.entries(forms)) {
        expect(text.split('{count}').length, `${code} ${key}.${category}`).toBe(2);
      }
    }
  });

  it.each(LOCALES)('%s renders 0, 1, 2, 3, 5, 11 and 100 whole', (code) => {
    const i18n = i18nFor(code);
    for (const key of KEYS) {
      for (const n of NUMBERS) {
        const text = i18n.plural(key, n);
        expect(text, `${code} ${key} ${n}`).toContain(i18n.number(n));
        expect(text).not.toMatch(/[{}]/);
        const { before, number, after } = i18n.pluralParts(key, n);
        expect(before + number + after).toBe(text);
      }
    }
  });

  it('English, German, French and Portuguese agree the noun with the number', () => {
    const en = i18nFor('en');
    expect(NUMBERS.map((n) => en.plural('count.countries', n))).toEqual([
      '0 countries',
      '1 country',
      '2 countries',
      '3 countries',
      '5 countries',
      '11 countries',
      '100 countries',
    ]);
    expect(i18nFor('de').plural('count.countries', 1)).toBe('1 Land');
    expect(i18nFor('de').plural('count.countries', 3)).toBe('3 Länder');
    // French and Portuguese count zero as singular.
    expect(i18nFor('fr').plural('count.organisations', 0)).toBe('0 organisation');
    expect(i18nFor('pt').plural('count.signatories', 1)).toBe('1 organização signatária');
    expect(i18nFor('es').plural('count.countries', 1)).toBe('1 país');
  });

  it('Arabic: dual for 2, plural for 3–10, singular accusative for 11–99, singular for 100', () => {
    const ar = i18nFor('ar');
    const word = (key: PluralKey, n: number) => ar.plural(key, n).replace(ar.number(n), '').trim();
    expect(word('count.organisations', 1)).toBe('منظمة');
    expect(word('count.organisations', 2)).toBe('منظمتان');
    expect(word('count.organisations', 3)).toBe('منظمات');
    expect(word('count.organisations', 5)).toBe('منظمات');
    expect(word('count.organisations', 11)).toBe('منظمةً');
    expect(word('count.organisations', 100)).toBe('منظمة');
    expect(word('count.countries', 3)).toBe('بلدان');
    expect(word('count.countries', 11)).toBe('بلدًا');
    expect(word('count.countries', 100)).toBe('بلد');
    expect(word('count.members', 3)).toBe('أعضاء ممثَّلين');
    expect(word('count.members', 11)).toBe('عضوًا ممثَّلًا');
    expect(word('count.signatories', 2)).toBe('منظمتان موقِّعتان');
  });

  it('durations are Intl units with the language’s own plural ("1 minute", not "1 minutes")', () => {
    expect(i18nFor('en').duration(1, 'minute')).toBe('1 minute');
    expect(i18nFor('en').duration(15, 'minute')).toBe('15 minutes');
    expect(i18nFor('en').duration(30, 'day')).toBe('30 days');
    expect(i18nFor('de').duration(1, 'minute')).toBe('1 Minute');
    expect(i18nFor('ar').duration(3, 'minute')).toContain('دقائق');
    expect(i18nFor('ar').duration(30, 'day')).toContain('يومًا');
    for (const code of LOCALES) {
      expect(
        i18nFor(code).t('error.tooMany.body', { duration: i18nFor(code).duration(1, 'minute') }),
      ).not.toMatch(/[{}]/);
    }
  });
});

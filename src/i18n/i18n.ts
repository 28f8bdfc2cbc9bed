import { catalogues, type LocaleCode, type MessageKey } from './locales/index.js';
import type { PluralCategory, PluralForms, PluralKey } from './catalogue.js';

export type { LocaleCode, MessageKey, PluralKey };
export type Params = Record<string, string | number>;
export type DurationUnit = 'minute' | 'hour' | 'day';

/**
 * One numbering system for every page, the server's and the browser's alike (public/live.js
 * reads it from the page's `data-numbering`): Western digits, as Node's ICU renders Arabic by
 * default. Without it a browser may switch an Arabic page to Arabic-Indic digits on a live update.
 */
export const NUMBERING_SYSTEM = 'latn';

/** Everything a view needs to speak the reader's language. */
export interface I18n {
  locale: LocaleCode;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
  /** "3 countries": the form of `key` for n's plural category, with n formatted. */
  plural(key: PluralKey, n: number): string;
  /** The same split around the number, for views that set the number apart (bold, live-updated). */
  pluralParts(key: PluralKey, n: number): { before: string; number: string; after: string };
  /** This language's forms of `key`, for public/live.js to choose from after a live update. */
  pluralForms(key: PluralKey): PluralForms;
  number(n: number): string;
  /** "15 minutes", "1 minute", "3 دقائق": a duration with the language's own unit and plural. */
  duration(n: number, unit: DurationUnit): string;
  date(d: Date): string;
  dateTime(d: Date): string;
  country(code: string): string;
  /** A language's name in the reader's language, for sentences ("anglais"). */
  languageName(code: string): string;
  /** A language's name in itself, for switchers ("Français"). */
  nativeLanguageName(code: string): string;
}

export const LOCALES = Object.keys(catalogues) as LocaleCode[];
export const DEFAULT_LOCALE: LocaleCode = 'en';

export function isLocale(code: unknown): code is LocaleCode {
  return typeof code === 'string' && Object.hasOwn(catalogues, code);
}

const cache = new Map<LocaleCode, I18n>();

/** Build (once per locale) the translator; missing keys fall back to English, then the key itself. */
export function i18nFor(locale: LocaleCode): I18n {
  const hit = cache.get(locale);
  if (hit) {
    return hit;
  }
  const cat = catalogues[locale];
  const fallback = catalogues[DEFAULT_LOCALE].messages as Record<string, string>;
  const messages = cat.messages as Record<string, string>;
  const numberingSystem = NUMBERING_SYSTEM;
  const numberFmt = new Intl.NumberFormat(locale, { numberingSystem });
  const pluralRules = new Intl.PluralRules(locale);
  const durationFmts = new Map<DurationUnit, Intl.NumberFormat>();
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC', numberingSystem });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
    numberingSystem,
  });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const form = (key: PluralKey, n: number) => {
    const forms: PluralForms = cat.plurals[key] ?? catalogues[DEFAULT_LOCALE].plurals[key];
    return forms[pluralRules.select(n) as PluralCategory] ?? forms.other;
  };
  const i18n: I18n = {
    locale,
    dir: cat.dir,
    t(key, params) {
      const template = messages[key] ?? fallback[key] ?? key;
      return params ? interpolate(template, params) : template;
    },
    plural: (key, n) => interpolate(form(key, n), { count: numberFmt.format(n) }),
    pluralParts(key, n) {
      const [before = '', after = ''] = form(key, n).split('{count}');
      return { before, number: numberFmt.format(n), after };
    },
    pluralForms: (key) => cat.plurals[key],
    number: (n) => numberFmt.format(n),
    duration(n, unit) {
      let f = durationFmts.get(unit);
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', numberingSystem });
        durationFmts.set(unit, f);
      }
      return f.format(n);
    },
    date: (d) => dayOne(locale, dateFmt, d),
    dateTime: (d) => dayOne(locale, dateTimeFmt, d),
    country(code) {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
    nativeLanguageName(code) {
      if (isLocale(code)) {
        return catalogues[code].name;
      }
      return i18n.languageName(code);
    },
    languageName(code) {
      try {
        return languages.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
  cache.set(locale, i18n);
  return i18n;
}

/**
 * French writes the first of the month as an ordinal: "1er décembre" (Intl gives "1 décembre").
 * Every date shown or mailed in French goes through this (pages here, emails via formatMoment).
 */
export function dayOne(locale: string, fmt: Intl.DateTimeFormat, d: Date): string {
  if (locale !== 'fr') {
    return fmt.format(d);
  }
  return fmt
    .formatToParts(d)
    .map((p) => (p.type === 'day' && Number(p.value) === 1 ? '1er' : p.value))
    .join('');
}

function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

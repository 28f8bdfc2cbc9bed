import { catalogues, type LocaleCode, type MessageKey } from './locales/index.js';

export type { LocaleCode, MessageKey };
export type Params = Record<string, string | number>;

/** Everything a view needs to speak the reader's language. */
export interface I18n {
  locale: LocaleCode;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
  number(n: number): string;
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
  if (hit) return hit;
  const cat = catalogues[locale];
  const fallback = catalogues[DEFAULT_LOCALE].messages as Record<string, string>;
  const messages = cat.messages as Record<string, string>;
  const numberFmt = new Intl.NumberFormat(locale);
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const i18n: I18n = {
    locale,
    dir: cat.dir,
    t(key, params) {
      const template = messages[key] ?? fallback[key] ?? key;
      return params ? interpolate(template, params) : template;
    },
    number: (n) => numberFmt.format(n),
    date: (d) => dateFmt.format(d),
    dateTime: (d) => dateTimeFmt.format(d),
    country(code) {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
    nativeLanguageName(code) {
      if (isLocale(code)) return catalogues[code].name;
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

function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

import { isLocale, type LocaleCode } from './i18n.js';

export const LANG_COOKIE = 'lang';

export interface NegotiationInput {
  query?: string | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
  /** The statement's default language, when the page has one. */
  fallback?: string | undefined;
}

/**
 * The order README "Languages" gives: `?lang=` → remembered cookie → Accept-Language → the statement's default → English.
 * Only languages the interface speaks are chosen.
 */
export function negotiateLocale(input: NegotiationInput): LocaleCode {
  for (const candidate of [input.query, input.cookie]) {
    const code = candidate?.trim().toLowerCase();
    if (isLocale(code)) {
      return code;
    }
  }
  for (const code of parseAcceptLanguage(input.acceptLanguage ?? '')) {
    if (isLocale(code)) {
      return code;
    }
  }
  return isLocale(input.fallback) ? input.fallback : 'en';
}

/** Primary language subtags by descending quality; malformed parts are ignored. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return {
        code: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((x) => /^[a-z]{2,3}$/.test(x.code) && x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((x) => x.code);
}

/**
 * The reader's languages in order, for choosing a statement *text* (which may exist in languages the
 * interface lacks, or lack the interface language): an explicit choice alone, else Accept-Language.
 */
export function preferredLanguages(input: NegotiationInput): string[] {
  for (const candidate of [input.query, input.cookie]) {
    const code = candidate?.trim().toLowerCase();
    if (code && /^[a-z]{2}$/.test(code)) {
      return [code];
    }
  }
  return parseAcceptLanguage(input.acceptLanguage ?? '');
}

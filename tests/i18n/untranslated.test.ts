import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../src/endorsements/import/rows.js';
import { LOCALES } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';

/**
 * An untranslated (or half-translated) string fails CI: no catalogue value may contain an English
 * word of 4+ letters that English also has at that key. Words that are the same in the target
 * language (proper nouns, codes, true cognates) are allowed below, per language where they are
 * only right in some.
 */
const EVERYWHERE = new Set([
  'undersigned',
  'json',
  'html',
  'postgresql',
  'markdown',
  'javascript',
  'iframe',
  'smtp_url',
  'pg_dump',
  'restore',
  'file',
  'readme',
  'operating',
  'limit',
  'cursor',
  // The name of map.svg's query parameter (?legend=0), quoted as typed.
  'legend',
  'name',
  'example',
  'union',
  'spam',
  'cookie',
  'cookies',
]);
const SAME: Partial<Record<string, string[]>> = {
  fr: [
    'organisation',
    'organisations',
    'type',
    'types',
    'date',
    'version',
    'action',
    'actions',
    'page',
    'pages',
    'minute',
    'minutes',
    'cookie',
    'cookies',
    'robot',
    'note',
    'message',
    'messages',
    'association',
    'section',
    'confirmation',
    'public',
    'code',
    'audit',
    'service',
    'format',
    'original',
    'site',
    'machine',
    'contact',
    'moment',
    'mail',
    'corrections',
    'visible',
    'sessions',
    'badge',
    'image',
    'total',
    'embargo',
    'invitation',
  ],
  es: ['original', 'general', 'visible', 'total', 'ignore', 'robot', 'embargo'],
  de: [
    'test',
    'parameter',
    'organisation',
    'website',
    'websites',
    'status',
    'text',
    'name',
    'person',
    'team',
    'link',
    'links',
    'mail',
    'details',
    'version',
    'server',
    'code',
    'browser',
    'filter',
    'original',
    'problem',
    'optional',
    'format',
    'junk',
    'domain',
    'badge',
    'live',
    'minute',
    'moment',
  ],
  pt: ['original', 'total', 'ignore', 'link', 'links', 'site', 'sites', 'mail', 'embargo'],
  it: [
    'email',
    'link',
    'cookie',
    'cookies',
    'robot',
    'browser',
    'password',
    'account',
    'backup',
    'server',
    'badge',
    'file',
    'partner',
    'database',
    'privacy',
    'embargo',
  ],
  ar: [],
};

/**
 * Code, not words: a snake_case identifier (no word has an underscore), and the import file's header
 * quoted as a list of its column names (src/endorsements/import/rows.ts), which names some columns in
 * plain words (country, email…). Only a list of 3+ column names with a snake_case one among them is the
 * header, so "country, city, website" in a sentence still counts as words.
 */
const COLUMN = `(?:${IMPORT_COLUMNS.join('|')})`;
const HEADER = new RegExp(`\\b${COLUMN}(?:\\s*[,،]\\s*${COLUMN}\\b){2,}`, 'g');

const words = (s: string): string[] =>
  s
    .replace(/\{\w+\}/g, ' ')
    .replace(
      /https?:\/\/\S+|\S+@\S+|\([^)\s]*:\/\/[^)]*\)|\b[\w-]+\.(org|example|example\.\w+)\b|\/s\/\S*/g,
      ' ',
    )
    .replace(HEADER, (list) => (list.includes('_') ? ' ' : list))
    .toLowerCase()
    .match(/\p{L}[\p{L}_]*/gu)
    ?.filter((w) => w.length > 3 && !w.includes('_')) ?? [];

describe('no untranslated English', () => {
  const en = catalogues.en.messages as Record<string, string>;
  it.each(LOCALES.filter((c) => c !== 'en'))(
    '%s has no English word that English has at the same key',
    (code) => {
      const allowed = new Set([...EVERYWHERE, ...(SAME[code] ?? [])]);
      const found: string[] = [];
      const cat = catalogues[code];
      const pairs: [string, string, string][] = Object.entries(cat.messages as Record<string, string>).map(
        ([k, v]) => [k, v, en[k] ?? ''],
      );
      for (const [k, forms] of Object.entries(cat.plurals)) {
        const english = (catalogues.en.plurals as Record<string, Record<string, string>>)[k]!;
        for (const [c, v] of Object.entries(forms as Record<string, string>)) {
          pairs.push([`${k}.${c}`, v, Object.values(english).join(' ')]);
        }
      }
      for (const [key, value, english] of pairs) {
        const mine = new Set(words(value));
        const shared = words(english).filter((w) => mine.has(w) && !allowed.has(w));
        if (shared.length) {
          found.push(`${key}: ${[...new Set(shared)].join(', ')} — ${value}`);
        }
      }
      expect(found).toEqual([]);
    },
  );

  it('catches a string left in English', () => {
    const shared = words('Verify the selected endorsements').filter((w) =>
      words(catalogues.en.messages['staff.action.verifySelected']).includes(w),
    );
    expect(shared).toEqual(['verify', 'selected', 'endorsements']);
  });

  it('reads the import header and snake_case identifiers as code, but not the same words in a sentence', () => {
    expect(
      words(
        'The columns: org_name, org_type, country, city, email. Shown: country, city, website and members.',
      ),
    ).toEqual(['columns', 'shown', 'country', 'city', 'website', 'members']);
    expect(words('Set smtp_url in the settings')).toEqual(['settings']);
  });
});

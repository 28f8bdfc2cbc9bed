import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';
import { parseWords, renderWords, type Piece } from '../../src/mail/catalogue-markup.js';
import { loadTemplates, type MailData } from '../../src/mail/templates.js';

// Every message in emails/, present or future, in every language: the data it asks for is filled
// with hostile stand-ins, each switch both ways. (tests/endorsements/emails.test.ts renders them
// with the data the app really queues.)
const templates = loadTemplates();
const en = catalogues.en.messages as Record<string, string>;
const emailKeys = Object.keys(en).filter((k) => k.startsWith('email.'));
const parsed = (locale: string, key: string) =>
  parseWords((catalogues[locale as 'en'].messages as Record<string, string>)[key]!, key);
/** Where a string puts its bold and its links, in order: a translation keeps them. */
const shape = (pieces: Piece[]): string[] =>
  pieces.flatMap((p) =>
    p.kind === 'strong' ? ['**', ...shape(p.body)] : p.kind === 'link' ? [`link:${p.url}`] : [],
  );

function standIns(name: string, on: boolean): MailData {
  const { values, switches } = templates.fields(name);
  const data: MailData = Object.fromEntries(
    values.map((v) => [v, /Url$/.test(v) ? `https://example.org/${v}?a=1&b=2` : `<b>${v}</b> & "x"`]),
  );
  for (const s of switches) {
    data[s] = on;
  }
  return data;
}

describe('the words of the emails', () => {
  it('every email.* key is used by a message, and the messages use no other key', () => {
    const used = new Set(templates.names().flatMap((n) => templates.keys(n)));
    expect([...used].filter((k) => !k.startsWith('email.'))).toEqual([]);
    expect(
      emailKeys.filter((k) => !used.has(k)),
      'unused keys',
    ).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s has its own words for every key, with the bold and links of English',
    (locale) => {
      for (const key of emailKeys) {
        expect(parsed(locale, key), key).not.toEqual(parsed('en', key));
        expect(shape(parsed(locale, key)), key).toEqual(shape(parsed('en', key)));
      }
    },
  );

  const cases = templates
    .names()
    .flatMap((name) => LOCALES.flatMap((locale) => [true, false].map((on) => [name, locale, on] as const)));
  it.each(cases)('%s in %s (switches %s) renders whole, escaped, and without English', (name, locale, on) => {
    const data = standIns(name, on);
    const mail = templates.render(name, locale, data);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/[{}]/);
    }
    expect(mail.html).toContain(`<html lang="${locale}" dir="${catalogues[locale].dir}">`);
    expect(mail.html).not.toContain('<b>');
    for (const [field, value] of Object.entries(data)) {
      if (typeof value === 'string' && field.endsWith('Url')) {
        expect(mail.text).toContain(value);
        expect(mail.html).toContain(`href="${value.replace(/&/g, '&amp;')}"`);
      }
    }
    if (locale !== 'en') {
      for (const key of templates.keys(name)) {
        const english = renderWords(parsed('en', key), false, (n) => String(data[n]));
        expect(`${mail.subject}\n${mail.text}`, key).not.toContain(english);
      }
    }
  });
});

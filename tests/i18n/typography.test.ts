import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../src/i18n/i18n.js';
import { catalogues } from '../../src/i18n/locales/index.js';
import { loadTemplates } from '../../src/mail/templates.js';

// README.md "Languages": French spacing is applied once to the French catalogue.
describe('French typography', () => {
  const all = [
    ...Object.values(catalogues.fr.messages as Record<string, string>),
    ...Object.values(catalogues.fr.plurals).flatMap((f) => Object.values(f as Record<string, string>)),
  ];

  it('no ordinary space before : ; ! ? % » or after «, so phones never break a line there', () => {
    expect(all.filter((s) => / [:;!?%»]|« /.test(s))).toEqual([]);
  });

  it('a no-break space before ":" and a narrow one before ; ! ? » and after «', () => {
    const fr = i18nFor('fr');
    expect(fr.t('live.print.title', { title: 'X' })).toBe('Signataires\u00A0: X');
    expect(fr.t('endorse.check.body', { title: 'Le soin' })).toContain('«\u202FLe soin\u202F»');
    expect(fr.t('endorse.check.missingHeading')).toMatch(/\u202F\?$/);
  });

  it('the emails get the same spacing', () => {
    const mail = loadTemplates().render('confirm-endorsement', 'fr', {
      organisation: 'Sud Santé',
      statementTitle: 'Le soin',
      statementUrl: 'https://example.org/s/soin',
      confirmUrl: 'https://example.org/confirm/a.b',
      validFor: '7 jours',
      expiresAt: '8 décembre 2026',
    });
    expect(mail.subject).toContain('«\u202FLe soin\u202F»');
    expect(mail.text).not.toMatch(/ [:;!?»]/);
  });

  it('the first of the month is "1er"; other days are plain numbers', () => {
    const fr = i18nFor('fr');
    expect(fr.date(new Date('2026-12-01T12:00:00Z'))).toBe('1er décembre 2026');
    expect(fr.date(new Date('2026-12-02T12:00:00Z'))).toBe('2 décembre 2026');
    expect(fr.date(new Date('2026-12-11T12:00:00Z'))).toBe('11 décembre 2026');
    expect(fr.dateTime(new Date('2026-01-01T09:30:00Z'))).toMatch(/^1er janv\. 2026/);
    expect(fr.t('statement.closesOn', { date: fr.date(new Date('2026-12-01T00:00:00Z')) })).toBe(
      'Ouverte à la signature jusqu’au 1er décembre 2026.',
    );
    expect(i18nFor('en').date(new Date('2026-12-01T12:00:00Z'))).toBe('December 1, 2026');
  });
});

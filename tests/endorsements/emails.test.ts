import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/mail/templates.js';
import { TEMPLATES, formatDays, formatMoment } from '../../src/endorsements/mails.js';

// The real emails/ directory, as the server loads it at start.
const templates = loadTemplates();

const hostile = '<b>Union</b> & "Co"';
const data: Record<string, Record<string, string>> = {
  [TEMPLATES.confirm]: {
    title: 'Care <work>',
    organisation: hostile,
    statement_url: 'http://localhost:3000/s/care',
    confirm_url: 'http://localhost:3000/confirm/abc.def',
    valid_for: '7 days',
    expires_at: 'January 22, 2026',
  },
  [TEMPLATES.alreadyListed]: { title: 'Care <work>', organisation: hostile, statement_url: 'http://localhost:3000/s/care' },
  [TEMPLATES.confirmed]: {
    title: 'Care <work>',
    organisation: hostile,
    statement_url: 'http://localhost:3000/s/care',
    next_step: 'Staff will check it.',
    withdraw_url: 'http://localhost:3000/withdraw/abc.def',
  },
  [TEMPLATES.withdrawn]: { title: 'Care <work>', organisation: hostile, statement_url: 'http://localhost:3000/s/care' },
};

describe('endorsement emails', () => {
  const cases = Object.values(TEMPLATES).flatMap((name) => ['en', 'fr'].map((locale) => [name, locale] as const));

  it.each(cases)('%s.%s exists in text and HTML and renders with its data', (name, locale) => {
    expect(templates.has(name, locale)).toBe(true);
    const mail = templates.render(name, locale, data[name]!);
    expect(mail.subject).toContain('Care <work>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(hostile);
    expect(mail.text).not.toContain('{{');
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.html).toContain('&lt;b&gt;Union&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(mail.html).not.toContain('<b>Union</b>');
    expect(mail.html).not.toContain('{{');
    for (const url of Object.values(data[name]!).filter((v) => v.startsWith('http'))) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
    }
  });

  it('the confirmation says how long the link is valid and that ignoring it changes nothing', () => {
    const en = templates.render(TEMPLATES.confirm, 'en', data[TEMPLATES.confirm]!);
    expect(en.text).toContain('The link is valid for 7 days (until January 22, 2026).');
    expect(en.text).toContain('If you did not ask for this, ignore this email: nothing changes');
    const fr = templates.render(TEMPLATES.confirm, 'fr', { ...data[TEMPLATES.confirm]!, valid_for: '7 jours' });
    expect(fr.text).toContain('Le lien est valable 7 jours');
    expect(fr.text).toContain('ignorez cet e-mail : rien ne change');
  });

  it('durations and dates are formatted for the reader before they reach a template', () => {
    expect(formatDays('en', 7)).toBe('7 days');
    expect(formatDays('fr', 7)).toMatch(/^7\sjours$/u);
    const d = new Date('2026-01-22T10:00:00Z');
    expect(formatMoment('en', d)).toMatch(/^January 22, 2026.*10:00.*UTC$/);
    expect(formatMoment('fr', d)).toMatch(/^22 janvier 2026.*10:00 UTC$/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanLine,
  cleanText,
  isPlausibleEmail,
  normaliseWebsite,
  parseEndorseForm,
  parseMembers,
  FORM_FIELDS,
} from '../../src/endorsements/form-schema.js';
import { countryOptions, isCountryCode } from '../../src/endorsements/countries.js';
import { normaliseOrgName, organisationKey } from '../../src/endorsements/organisations.js';

describe('normalising what people type', () => {
  it('one-line fields: NFC, spaces collapsed, control and invisible characters gone', () => {
    expect(cleanLine('  Cafe\u0301\u00a0\u00a0des   Travailleurs\t\n')).toBe('Café des Travailleurs');
    expect(cleanLine('U\u200bnion\u202e evil')).toBe('Union evil');
    expect(cleanLine('a\u0000b')).toBe('a b');
    // Joiners that some scripts need are kept.
    expect(cleanLine('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('free text keeps its lines but not runs of blank ones', () => {
    expect(cleanText(' a \r\n\r\n\r\n\r\n  b  \n c')).toBe('a\n\nb\nc');
  });

  it('websites: http(s) only; a bare domain gets https://', () => {
    expect(normaliseWebsite('example.org')).toBe('https://example.org');
    expect(normaliseWebsite('www.example.org/about')).toBe('https://www.example.org/about');
    expect(normaliseWebsite('example.org:8080')).toBe('https://example.org:8080');
    expect(normaliseWebsite('HTTP://Example.org')).toBe('http://Example.org');
    expect(normaliseWebsite('https://syndicat.fr/é')).toBe('https://syndicat.fr/é');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.org',
      'ftp://x.org',
      'http://localhost',
      'https://a b.org',
      'https://u:p@x.org',
      'https://.org',
      '//',
    ]) {
      expect(normaliseWebsite(bad), bad).toBeUndefined();
    }
  });

  it('members: whole numbers, with the thousands separators people use', () => {
    expect(parseMembers('12000')).toBe(12000);
    expect(parseMembers('12 000')).toBe(12000);
    expect(parseMembers('1,234,567')).toBe(1234567);
    expect(parseMembers('1.234.567')).toBe(1234567);
    expect(parseMembers('12’000')).toBe(12000);
    for (const bad of ['1.5', '12,00', '-3', '1e6', 'twelve', '2000000001', '1 2']) {
      expect(parseMembers(bad), bad).toBeUndefined();
    }
  });

  it('emails: sensible, not a 200-character regex', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', 'josé@exemple.fr', 'x@müller.de']) {
      expect(isPlausibleEmail(ok), ok).toBe(true);
    }
    for (const bad of [
      'a',
      'a@b',
      '@b.org',
      'a@',
      'a b@c.org',
      'a@b..org',
      '.a@b.org',
      'a..b@c.org',
      'a@-b.org',
      'a@b.123',
      'a@b@c.org',
      '"a"@b.org',
    ]) {
      expect(isPlausibleEmail(bad), bad).toBe(false);
    }
  });

  it('countries: real alpha-2 regions only; every one has a localised name', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('XK')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('fr')).toBe(false);
    expect(countryOptions('fr').every((o) => o.name !== o.code)).toBe(true);
  });

  it('the organisation key folds case, accents and punctuation', () => {
    expect(normaliseOrgName('C.G.T.')).toBe('c g t');
    expect(organisationKey('  Syndicat des SOIGNANTS. ')).toBe(organisationKey('syndicat des soignants'));
    expect(organisationKey('Fédération')).toBe(organisationKey('federation'));
  });
});

describe('the schema never throws', () => {
  it('any strings in any field give a result, and a success is within the limits', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('', 'union', 'FR', 'a@b.org', 'yes', '12 000', 'example.org'),
    );
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(FORM_FIELDS.map((f) => [f, field])) as Record<
            (typeof FORM_FIELDS)[number],
            typeof field
          >,
        ),
        (raw) => {
          const r = parseEndorseForm(raw);
          if (r.ok) {
            expect([...r.value.orgName].length).toBeGreaterThanOrEqual(2);
            expect([...r.value.orgName].length).toBeLessThanOrEqual(200);
            expect(isCountryCode(r.value.country)).toBe(true);
          } else {
            expect(Object.keys(r.errors).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

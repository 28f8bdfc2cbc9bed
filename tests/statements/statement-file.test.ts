import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../src/statements/statement-file.js';

const good = `---
slug: care-workers
title: A fair deal
locale: fr
publish_on: confirmed
closes_at: 2026-12-31
---
# Heading

Body text.
`;

describe('statement files', () => {
  it('parse front matter and body', () => {
    const r = parseStatementFile(good);
    expect(r).toEqual({
      ok: true,
      input: {
        slug: 'care-workers',
        title: 'A fair deal',
        locale: 'fr',
        publishOn: 'confirmed',
        closesAt: new Date('2026-12-31T23:59:59Z'), // open through the whole day it names
        authoritative: undefined,
        body: '# Heading\n\nBody text.',
      },
    });
  });

  it('accept Windows line endings and a byte-order mark', () => {
    const r = parseStatementFile('\uFEFF' + good.replace(/\n/g, '\r\n'));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['no front matter', 'Just text', /front matter: the file must start/],
    ['broken YAML', '---\ntitle: [unclosed\n---\nBody', /front matter: not valid YAML/],
    ['missing slug', '---\ntitle: T\n---\nBody', /^slug: is required$/],
    ['bad slug', '---\nslug: Not A Slug!\ntitle: T\n---\nBody', /^slug: must be 1–80 lowercase/],
    ['missing title', '---\nslug: s\n---\nBody', /^title: is required$/],
    ['bad locale', '---\nslug: s\ntitle: T\nlocale: french\n---\nBody', /^locale: must be a two-letter/],
    [
      'bad publish_on',
      '---\nslug: s\ntitle: T\npublish_on: always\n---\nBody',
      /^publish_on: must be verified or confirmed$/,
    ],
    [
      'bad closes_at',
      '---\nslug: s\ntitle: T\ncloses_at: next week\n---\nBody',
      /^closes_at: must be a date/,
    ],
    ['unknown field', '---\nslug: s\ntitle: T\nauthor: me\n---\nBody', /^author: unknown field/],
    ['empty body', '---\nslug: s\ntitle: T\n---\n\n', /^body: the statement text/],
  ])('name the field and the problem: %s', (_name, text, expected) => {
    const r = parseStatementFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(
        r.errors.some((e) => expected.test(e)),
        r.errors.join('\n'),
      ).toBe(true);
    }
  });

  it('report every problem at once', () => {
    const r = parseStatementFile('---\nslug: BAD\nlocale: x\n---\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.split(':')[0]).sort()).toEqual(['body', 'locale', 'slug', 'title']);
    }
  });
});

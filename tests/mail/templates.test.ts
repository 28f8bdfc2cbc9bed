import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, TemplateError, type MailCatalogue } from '../../src/mail/templates.js';

// The template language itself, on throw-away directories: what renders, and what stops the start.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function emails(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emails-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const words = {
  'email.note.subject': 'About {org}',
  'email.note.body': 'Thank you, **{org}**. [Read it here]({url}).',
  'email.note.yes': 'Listed.',
  'email.note.no': 'Not yet & soon.',
};
const catalogues: Record<string, MailCatalogue> = {
  en: { dir: 'ltr', messages: words },
  ar: {
    dir: 'rtl',
    messages: {
      'email.note.subject': 'بشأن {org}',
      'email.note.body': 'شكرًا، **{org}**. [اقرأه هنا]({url}).',
      'email.note.yes': 'مدرجة.',
      'email.note.no': 'ليس بعد.',
    },
  },
};
const note = {
  '_styles.css': '/* shared */\nquote { border-{start}: 4px solid #ddd; color: #111 }\n',
  '_layout.html': '<html lang="{{lang}}" dir="{{dir}}"><title>{{subject}}</title>{{{content}}}</html>',
  'note.txt':
    'Subject: {{t:email.note.subject}}\n\n{{t:email.note.body}}\n\n{{url}}\n\n{{#listed}}\n{{t:email.note.yes}}\n{{/listed}}\n\n{{^listed}}{{t:email.note.no}}{{/listed}}\n',
  'note.html':
    '<p>{{t:email.note.body}}</p><blockquote style="{{style:quote}}">{{org}}</blockquote>{{#listed}}<p>{{t:email.note.yes}}</p>{{/listed}}{{^listed}}<p>{{t:email.note.no}}</p>{{/listed}}',
};
const data = { org: '<b>Union</b> & "Co"', url: 'https://example.org/s/a?x=1&y=2', listed: false };

describe('email templates', () => {
  it('fill catalogue words, data, sections and shared styles, escaping everything in HTML', () => {
    const t = loadTemplates({ dir: emails(note), catalogues });
    expect(t.names()).toEqual(['note']);
    expect(t.keys('note').sort()).toEqual(Object.keys(words).sort());
    expect(t.fields('note')).toEqual({ values: ['org', 'url'], switches: ['listed'] });
    const mail = t.render('note', 'en', data);
    expect(mail.subject).toBe('About <b>Union</b> & "Co"');
    expect(mail.text).toBe(
      'Thank you, <b>Union</b> & "Co". Read it here.\n\nhttps://example.org/s/a?x=1&y=2\n\nNot yet & soon.\n',
    );
    expect(mail.html).toBe(
      '<html lang="en" dir="ltr"><title>About &lt;b&gt;Union&lt;/b&gt; &amp; &quot;Co&quot;</title>' +
        '<p>Thank you, <strong>&lt;b&gt;Union&lt;/b&gt; &amp; &quot;Co&quot;</strong>. ' +
        '<a href="https://example.org/s/a?x=1&amp;y=2">Read it here</a>.</p>' +
        '<blockquote style="border-left:4px solid #ddd;color:#111;">&lt;b&gt;Union&lt;/b&gt; &amp; &quot;Co&quot;</blockquote>' +
        '<p>Not yet &amp; soon.</p></html>',
    );
    // A section standing on its own lines leaves no run of blank lines behind.
    expect(t.render('note', 'en', { ...data, listed: true }).text).toContain('\n\nListed.\n');
  });

  it('speak right to left where the catalogue says so, and fall back to English for an unknown language', () => {
    const t = loadTemplates({ dir: emails(note), catalogues });
    const ar = t.render('note', 'ar', { ...data, listed: true });
    expect(ar.html).toContain('lang="ar" dir="rtl"');
    expect(ar.html).toContain('border-right:4px');
    expect(ar.html).toContain('<p>مدرجة.</p>');
    expect(t.has('note', 'ar')).toBe(true);
    expect(t.has('note', 'nl')).toBe(false);
    expect(t.render('note', 'nl', data).subject).toBe('About <b>Union</b> & "Co"');
  });

  it('refuse to render with a value missing, or a yes/no switch used as text', () => {
    const t = loadTemplates({ dir: emails(note), catalogues });
    expect(() => t.render('note', 'en', { url: 'u', listed: true })).toThrow(
      'note.txt (en): no value for {org} in email.note.subject',
    );
    expect(() => t.render('note', 'en', { org: 'A', listed: true })).toThrow('no value for {{url}}');
    expect(() => t.render('note', 'en', { org: 'A', url: 'u' })).toThrow(/\{\{#listed\}\}/);
    expect(() => t.render('note', 'en', { org: true, url: 'u', listed: true })).toThrow(/yes\/no/);
    expect(() => t.render('nothing', 'en', data)).toThrow(/no email template "nothing"/);
  });

  const broken: Array<[string, Record<string, string>, Record<string, MailCatalogue> | undefined, RegExp]> = [
    [
      'a word missing in one language',
      note,
      { ...catalogues, fr: { dir: 'ltr', messages: {} } },
      /email\.note\.subject.*fr/,
    ],
    [
      'a word that is not an email.* key',
      { ...note, 'note.txt': 'Subject: {{t:home.title}}\n\nx' },
      undefined,
      /email\.\* keys/,
    ],
    ['a tag with a typo', { ...note, 'note.html': '<p>{{t:email.note.body}</p>' }, undefined, /not a tag/],
    ['a section never closed', { ...note, 'note.html': '{{#listed}}<p>x</p>' }, undefined, /never closed/],
    ['a section closed by another', { ...note, 'note.html': '{{#a}}x{{/b}}' }, undefined, /closes/],
    [
      'an unknown style',
      { ...note, 'note.html': '<p style="{{style:loud}}">x</p>' },
      undefined,
      /no style "loud"/,
    ],
    [
      'a style in plain text',
      { ...note, 'note.txt': 'Subject: x\n\n{{style:quote}}' },
      undefined,
      /plain text/,
    ],
    [
      'a text without its HTML',
      { ...note, 'other.txt': 'Subject: x\n\ny' },
      undefined,
      /other\.html is missing/,
    ],
    [
      'a file in the old one-per-language form',
      { ...note, 'note.fr.txt': 'Subject: x\n\ny' },
      undefined,
      /not an email template/,
    ],
    ['no subject line', { ...note, 'note.txt': 'Hello' }, undefined, /Subject/],
    [
      'a layout without content',
      { ...note, '_layout.html': '<html></html>' },
      undefined,
      /\{\{\{content\}\}\}/,
    ],
    [
      'a translation that lost a link',
      note,
      {
        ...catalogues,
        ar: { ...catalogues.ar!, messages: { ...words, 'email.note.body': 'شكرًا، **{org}**.' } },
      },
      /email\.note\.body \(ar\): uses \{org\}, en uses \{org, url\}/,
    ],
    [
      'unpaired emphasis in a translation',
      note,
      { ...catalogues, ar: { ...catalogues.ar!, messages: { ...words, 'email.note.yes': '**x' } } },
      /email\.note\.yes \(ar\): \*\* must come in pairs/,
    ],
  ];
  it.each(broken)('stop the start on %s', (_what, files, cats, message) => {
    const dir = emails(files);
    expect(() => loadTemplates({ dir, catalogues: cats ?? catalogues })).toThrow(TemplateError);
    expect(() => loadTemplates({ dir, catalogues: cats ?? catalogues })).toThrow(message);
  });
});

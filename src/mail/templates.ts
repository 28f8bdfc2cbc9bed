import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EMAILS_DIR = fileURLToPath(new URL('../../emails/', import.meta.url));

/**
 * Email templates are files (listmonk-style), one per message, language and format:
 *   emails/<name>.<locale>.txt   first line "Subject: …", a blank line, then the plain-text body
 *   emails/<name>.<locale>.html  the HTML body, placed into emails/_layout.html at {{{content}}}
 * `{{var}}` is replaced by a data value (HTML-escaped in .html files). A variable the data lacks
 * is an error, not an empty hole in someone's email.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Template {
  subject: string;
  text: string;
  html: string;
}

export class TemplateError extends Error {}

export interface TemplateSet {
  /** Render a template in a locale, falling back to English when that language lacks the file. */
  render(name: string, locale: string, data: Record<string, string>): RenderedMail;
  names(): string[];
  has(name: string, locale: string): boolean;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function fill(template: string, data: Record<string, string>, escape: (s: string) => string, where: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    const value = data[key];
    if (value === undefined) throw new TemplateError(`${where}: no value for {{${key}}}`);
    return escape(value);
  });
}

/** Load and check every template at start, so a broken file stops the process rather than a mail. */
export function loadTemplates(dir = EMAILS_DIR, rtlLocales: readonly string[] = ['ar']): TemplateSet {
  const files = fs.readdirSync(dir);
  const layoutFile = path.join(dir, '_layout.html');
  const layout = fs.existsSync(layoutFile) ? fs.readFileSync(layoutFile, 'utf8') : '{{{content}}}';
  if (!layout.includes('{{{content}}}')) throw new TemplateError('_layout.html: must contain {{{content}}}');
  const templates = new Map<string, Template>();
  for (const file of files) {
    const m = /^([a-z0-9-]+)\.([a-z]{2})\.txt$/.exec(file);
    if (!m) continue;
    const [, name, locale] = m;
    const htmlFile = `${name}.${locale}.html`;
    if (!files.includes(htmlFile)) throw new TemplateError(`${file}: ${htmlFile} is missing`);
    const raw = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n');
    const head = /^Subject: (.+)\n\n([\s\S]+)$/.exec(raw);
    if (!head) throw new TemplateError(`${file}: must start with "Subject: …" and a blank line`);
    templates.set(`${name}.${locale}`, {
      subject: head[1]!.trim(),
      text: head[2]!.trimEnd() + '\n',
      html: fs.readFileSync(path.join(dir, htmlFile), 'utf8'),
    });
  }
  return {
    names: () => [...new Set([...templates.keys()].map((k) => k.split('.')[0]!))].sort(),
    has: (name, locale) => templates.has(`${name}.${locale}`),
    render(name, locale, data) {
      const useLocale = templates.has(`${name}.${locale}`) ? locale : 'en';
      const t = templates.get(`${name}.${useLocale}`);
      if (!t) throw new TemplateError(`no email template "${name}"`);
      const where = `${name}.${useLocale}`;
      const subject = fill(t.subject, data, (s) => s.replace(/[\r\n]+/g, ' '), where);
      const content = fill(t.html, data, escapeHtml, where);
      const html = layout
        .replace('{{{content}}}', () => content)
        .replace(/\{\{lang\}\}/g, useLocale)
        .replace(/\{\{dir\}\}/g, rtlLocales.includes(useLocale) ? 'rtl' : 'ltr')
        .replace(/\{\{subject\}\}/g, escapeHtml(subject));
      return { subject, text: fill(t.text, data, (s) => s, where), html };
    },
  };
}

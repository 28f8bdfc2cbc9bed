import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogues as appCatalogues } from '../i18n/locales/index.js';
import { escapeHtml, parseWords, renderWords, wordNames, type Piece } from './catalogue-markup.js';
import { parseTemplate, TemplateError, walk, type TemplateNode } from './template-syntax.js';

export { TemplateError };

export const EMAILS_DIR = fileURLToPath(new URL('../../emails/', import.meta.url));

/**
 * Email templates are files, one per message for every language (README.md "Email"):
 *   emails/<name>.txt    first line "Subject: …", a blank line, then the plain-text body
 *   emails/<name>.html   the HTML body, placed into emails/_layout.html at {{{content}}}
 *   emails/_styles.css   the inline styles the HTML bodies share, as {{style:name}}
 * They hold structure and data only; every word is a catalogue key `email.<message>.<part>` in
 * src/i18n/locales/, in all languages. A value the data lacks is an error, not a hole in an email.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One language's words, as src/i18n/locales/ provides them. */
export interface MailCatalogue {
  dir: 'ltr' | 'rtl';
  messages: Readonly<Record<string, string | undefined>>;
}

/** A mail's data: text already formatted for the reader, and yes/no switches for {{#sections}}. */
export type MailData = Record<string, string | boolean>;

export interface TemplateSet {
  /** Render a message in a language; a language without a catalogue gets the fallback (English). */
  render(name: string, locale: string, data: MailData): RenderedMail;
  names(): string[];
  has(name: string, locale: string): boolean;
  /** The catalogue keys a message's words come from (tests look for untranslated ones). */
  keys(name: string): string[];
  /** The data a message needs: text values, and yes/no switches for its sections. */
  fields(name: string): { values: string[]; switches: string[] };
}

export interface TemplateOptions {
  dir?: string;
  catalogues?: Readonly<Record<string, MailCatalogue>>;
  fallbackLocale?: string;
  /**
   * Markdown → HTML for {{md:…}} values (the server passes the statements' renderer: raw HTML
   * escaped, safe links only). The default escapes everything and keeps paragraphs and line breaks.
   */
  markdown?: (source: string) => string;
}

/** The fallback for {{md:…}}: no markup at all, only paragraphs and line breaks. */
export function plainParagraphs(source: string): string {
  return source
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

interface Message {
  subject: TemplateNode[];
  text: TemplateNode[];
  html: TemplateNode[];
  keys: string[];
}

interface RenderContext {
  data: MailData;
  words: Map<string, Piece[]>;
  html: boolean;
  /** A header line (the subject): line breaks in values become spaces. */
  line: boolean;
  style: (name: string) => string;
  where: string;
  /** The rendered message, when rendering the layout. */
  content?: string;
  markdown: (source: string) => string;
}

function render(nodes: TemplateNode[], ctx: RenderContext): string {
  const text = (name: string, shown: string) => {
    const v = ctx.data[name];
    if (typeof v !== 'string') {
      throw new TemplateError(
        `${ctx.where}: ${v === undefined ? 'no value' : 'a yes/no switch, not a text,'} for ${shown}`,
      );
    }
    return ctx.line ? v.replace(/[\r\n]+/g, ' ') : v;
  };
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.text;
        case 'value': {
          const v = text(node.name, `{{${node.name}}}`);
          return ctx.html ? escapeHtml(v) : v;
        }
        case 'words':
          return renderWords(ctx.words.get(node.key)!, ctx.html, (name) =>
            text(name, `{${name}} in ${node.key}`),
          );
        case 'style':
          return ctx.style(node.name);
        case 'markdown': {
          const v = text(node.name, `{{md:${node.name}}}`);
          return ctx.html ? ctx.markdown(v) : v;
        }
        case 'section': {
          const v = ctx.data[node.name];
          if (v === undefined) {
            throw new TemplateError(`${ctx.where}: no value for {{#${node.name}}}`);
          }
          const on = v === true || (typeof v === 'string' && v !== '');
          return on !== node.inverted ? render(node.body, ctx) : '';
        }
        case 'content':
          return ctx.content ?? '';
      }
    })
    .join('');
}

/** `name { prop: value; … }` rules, comments allowed; each becomes one inline style attribute value. */
function parseStyles(source: string, where: string): Map<string, string> {
  const styles = new Map<string, string>();
  const rest = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([a-z][\w-]*)\s*\{((?:[^{}]|\{(?:start|end)\})*)\}/g, (_m, name: string, body: string) => {
      if (styles.has(name) || body.includes('"')) {
        throw new TemplateError(`${where}: "${name}" is defined twice or holds a double quote`);
      }
      const declarations = body
        .split(';')
        .map((d) => d.trim().replace(/\s*:\s*/, ':'))
        .filter(Boolean);
      styles.set(name, declarations.join(';') + ';');
      return '';
    });
  if (rest.trim()) {
    throw new TemplateError(`${where}: cannot read ${JSON.stringify(rest.trim().slice(0, 40))}`);
  }
  return styles;
}

const read = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n');

/**
 * Load and check every template at start: a broken file, an unknown style, or a word missing from
 * any language's catalogue stops the process rather than a mail.
 */
export function loadTemplates(opts: TemplateOptions = {}): TemplateSet {
  const dir = opts.dir ?? EMAILS_DIR;
  const catalogues = opts.catalogues ?? (appCatalogues as Readonly<Record<string, MailCatalogue>>);
  const fallback = opts.fallbackLocale ?? 'en';
  const markdown = opts.markdown ?? plainParagraphs;
  if (!catalogues[fallback]) {
    throw new TemplateError(`no catalogue for the fallback language "${fallback}"`);
  }
  const files = fs.readdirSync(dir).sort();
  const styles = files.includes('_styles.css')
    ? parseStyles(read(dir, '_styles.css'), '_styles.css')
    : new Map();
  const layout = parseTemplate(
    files.includes('_layout.html') ? read(dir, '_layout.html') : '{{{content}}}',
    '_layout.html',
  );
  if ([...walk(layout)].filter((n) => n.kind === 'content').length !== 1) {
    throw new TemplateError('_layout.html: must contain {{{content}}} once');
  }

  const messages = new Map<string, Message>();
  for (const file of files) {
    if (file === '_styles.css' || file === '_layout.html') {
      continue;
    }
    const m = /^([a-z0-9-]+)\.(txt|html)$/.exec(file);
    if (!m) {
      throw new TemplateError(
        `${file}: not an email template; a message is <name>.txt and <name>.html, its words in the catalogues`,
      );
    }
    const name = m[1]!;
    if (m[2] === 'html') {
      if (!files.includes(`${name}.txt`)) {
        throw new TemplateError(`${file}: ${name}.txt is missing`);
      }
      continue;
    }
    if (!files.includes(`${name}.html`)) {
      throw new TemplateError(`${file}: ${name}.html is missing`);
    }
    const head = /^Subject: (.+)\n\n([\s\S]+)$/.exec(read(dir, file));
    if (!head) {
      throw new TemplateError(`${file}: must start with "Subject: …" and a blank line`);
    }
    const message: Message = {
      subject: parseTemplate(head[1]!.trim(), `${name}.txt (subject)`),
      text: parseTemplate(head[2]!, file),
      html: parseTemplate(read(dir, `${name}.html`), `${name}.html`),
      keys: [],
    };
    for (const [where, nodes] of [
      [`${name}.txt`, [...message.subject, ...message.text]],
      [`${name}.html`, message.html],
    ] as const) {
      for (const node of walk(nodes)) {
        if (node.kind === 'content') {
          throw new TemplateError(`${where}: {{{content}}} belongs in _layout.html`);
        }
        if (node.kind === 'style' && where.endsWith('.txt')) {
          throw new TemplateError(`${where}: {{style:${node.name}}} has no meaning in plain text`);
        }
      }
    }
    messages.set(name, message);
  }

  // Every word of every message, parsed now in every language.
  const styleOf = (nodes: TemplateNode[], where: string) => {
    for (const node of walk(nodes)) {
      if (node.kind === 'style' && !styles.has(node.name)) {
        throw new TemplateError(`${where}: no style "${node.name}" in _styles.css`);
      }
    }
  };
  const keysOf = (nodes: TemplateNode[]) => [
    ...new Set([...walk(nodes)].flatMap((n) => (n.kind === 'words' ? [n.key] : []))),
  ];
  styleOf(layout, '_layout.html');
  const used = new Set(keysOf(layout));
  for (const [name, message] of messages) {
    styleOf(message.html, `${name}.html`);
    message.keys = keysOf([...message.subject, ...message.text, ...message.html]);
    message.keys.forEach((k) => used.add(k));
  }
  const words = new Map<string, Map<string, Piece[]>>();
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const parsed = new Map<string, Piece[]>();
    for (const key of used) {
      if (!key.startsWith('email.')) {
        throw new TemplateError(`{{t:${key}}}: the words of an email are email.* keys`);
      }
      const source = catalogue.messages[key];
      if (!source) {
        throw new TemplateError(`{{t:${key}}}: no such key in the ${locale} catalogue`);
      }
      parsed.set(key, parseWords(source, `${key} (${locale})`));
    }
    words.set(locale, parsed);
  }
  // A translation that lost a {placeholder} or a link's target would send a mail without it.
  const names = (locale: string, key: string) => wordNames(words.get(locale)!.get(key)!).sort().join(', ');
  for (const locale of words.keys()) {
    for (const key of used) {
      if (names(locale, key) !== names(fallback, key)) {
        throw new TemplateError(
          `${key} (${locale}): uses {${names(locale, key)}}, ${fallback} uses {${names(fallback, key)}}`,
        );
      }
    }
  }

  return {
    names: () => [...messages.keys()],
    has: (name, locale) => messages.has(name) && Object.hasOwn(catalogues, locale),
    keys: (name) => messages.get(name)?.keys ?? [],
    fields(name) {
      const message = messages.get(name);
      const nodes = message ? [...walk([...message.subject, ...message.text, ...message.html])] : [];
      const values = new Set([
        ...nodes.flatMap((n) => (n.kind === 'value' || n.kind === 'markdown' ? [n.name] : [])),
        ...(message?.keys ?? []).flatMap((k) => wordNames(words.get(fallback)!.get(k)!)),
      ]);
      const switches = new Set(
        nodes.flatMap((n) => (n.kind === 'section' && !values.has(n.name) ? [n.name] : [])),
      );
      return { values: [...values].sort(), switches: [...switches].sort() };
    },
    render(name, locale, data) {
      const message = messages.get(name);
      if (!message) {
        throw new TemplateError(`no email template "${name}"`);
      }
      const lang = Object.hasOwn(catalogues, locale) ? locale : fallback;
      const dir = catalogues[lang]!.dir;
      const [start, end] = dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
      const base = {
        markdown,
        words: words.get(lang)!,
        style: (s: string) =>
          styles
            .get(s)!
            .replace(/\{start\}/g, start)
            .replace(/\{end\}/g, end),
      };
      const subject = render(message.subject, {
        ...base,
        data,
        html: false,
        line: true,
        where: `${name}.txt (${lang})`,
      }).trim();
      const text = render(message.text, {
        ...base,
        data,
        html: false,
        line: false,
        where: `${name}.txt (${lang})`,
      });
      const content = render(message.html, {
        ...base,
        data,
        html: true,
        line: false,
        where: `${name}.html (${lang})`,
      });
      const html = render(layout, {
        ...base,
        data: { ...data, lang, dir, subject },
        html: true,
        line: false,
        where: `_layout.html (${lang})`,
        content,
      });
      return { subject, text: text.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n', html };
    },
  };
}

import { TemplateError } from './template-syntax.js';

/**
 * What an email's catalogue string may hold besides words (README.md "Email"):
 *   {name}             a value from the mail's data
 *   **words**          emphasis: bold in HTML, plain in the text version
 *   [words]({name})    a link to the URL in data value `name`: its words only in the text version,
 *                      whose template shows the URL itself
 * Translators keep these as they are; the words around them move freely.
 */
export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'strong'; body: Piece[] }
  | { kind: 'link'; url: string; body: Piece[] };

export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function params(s: string, where: string): Piece[] {
  const pieces: Piece[] = [];
  s.split(/\{(\w+)\}/).forEach((part, i) => {
    if (i % 2) {
      pieces.push({ kind: 'param', name: part });
    } else if (/[{}]/.test(part)) {
      throw new TemplateError(`${where}: a brace that is not a {placeholder}: ${JSON.stringify(part)}`);
    } else if (part) {
      pieces.push({ kind: 'text', text: part });
    }
  });
  return pieces;
}

function links(s: string, where: string): Piece[] {
  const pieces: Piece[] = [];
  const parts = s.split(/\[([^[\]]+)\]\(\{(\w+)\}\)/);
  for (let i = 0; i < parts.length; i += 3) {
    pieces.push(...params(parts[i]!, where));
    if (i + 2 < parts.length) {
      pieces.push({ kind: 'link', url: parts[i + 2]!, body: params(parts[i + 1]!, where) });
    }
  }
  return pieces;
}

/** Parse a catalogue string once, at start: unpaired ** or a stray brace is an error there, not in a mail. */
export function parseWords(source: string, where: string): Piece[] {
  const parts = source.split('**');
  if (parts.length % 2 === 0) {
    throw new TemplateError(`${where}: ** must come in pairs`);
  }
  return parts.flatMap((part, i) =>
    i % 2 ? [{ kind: 'strong', body: links(part, where) }] : links(part, where),
  );
}

/** The data values a catalogue string needs: its placeholders and link targets. */
export function wordNames(pieces: Piece[]): string[] {
  return pieces.flatMap((p) =>
    p.kind === 'param'
      ? [p.name]
      : p.kind === 'strong'
        ? wordNames(p.body)
        : p.kind === 'link'
          ? [p.url, ...wordNames(p.body)]
          : [],
  );
}

/**
 * Render a parsed catalogue string. In HTML its own text and every value are escaped, so neither a
 * translation nor an organisation's name can inject markup; `value` throws for a missing value.
 */
export function renderWords(pieces: Piece[], html: boolean, value: (name: string) => string): string {
  const esc = html ? escapeHtml : (s: string) => s;
  return pieces
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return esc(p.text);
        case 'param':
          return esc(value(p.name));
        case 'strong': {
          const inner = renderWords(p.body, html, value);
          return html ? `<strong>${inner}</strong>` : inner;
        }
        case 'link': {
          const inner = renderWords(p.body, html, value);
          return html ? `<a href="${esc(value(p.url))}">${inner}</a>` : inner;
        }
      }
    })
    .join('');
}

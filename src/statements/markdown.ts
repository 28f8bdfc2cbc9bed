import { Marked, type Tokens } from 'marked';

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

/**
 * Statement bodies are Markdown written by staff. Raw HTML is shown as text, never passed through,
 * and links may only point to http(s), mailto or this site: a statement must not be able to run script.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_URL.test(token.href.trim())) {
        return text;
      }
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      const external = /^https?:/i.test(token.href) ? ' rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(token.href.trim())}"${title}${external}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!/^https?:/i.test(token.href.trim())) {
        return escapeHtml(token.text);
      }
      return `<img src="${escapeHtml(token.href.trim())}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
});

const cache = new Map<string, string>();

/** Render once per text version: statements are read far more than they change. */
export function renderMarkdown(markdown: string, cacheKey?: string): string {
  if (cacheKey) {
    const hit = cache.get(cacheKey);
    if (hit !== undefined) {
      return hit;
    }
  }
  const html = marked.parse(markdown) as string;
  if (cacheKey) {
    if (cache.size > 500) {
      cache.clear();
    }
    cache.set(cacheKey, html);
  }
  return html;
}

/** First paragraph as plain text, for meta descriptions and cards. */
export function plainSummary(markdown: string, max = 200): string {
  const para = markdown.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith('#')) ?? '';
  const text = para
    .replace(/[*_`>#[\]]|\(https?:[^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1).trimEnd() + '…' : text;
}

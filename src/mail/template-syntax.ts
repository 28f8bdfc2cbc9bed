/**
 * The tags of an email template (README.md "Email"), parsed once at start:
 *   {{name}}               a value from the mail's data
 *   {{t:email.x.y}}        a catalogue string in the mail's language
 *   {{style:name}}         a shared inline style from emails/_styles.css (HTML only)
 *   {{md:name}}            a data value written in Markdown: rendered safely in HTML, as written in text
 *   {{#name}}…{{/name}}    shown when the data value is true or a non-empty string
 *   {{^name}}…{{/name}}    shown otherwise
 *   {{{content}}}          where a layout puts the message
 */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'words'; key: string }
  | { kind: 'style'; name: string }
  | { kind: 'markdown'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; body: TemplateNode[] }
  | { kind: 'content' };

export class TemplateError extends Error {}

const TAG = /\{\{\{\s*content\s*\}\}\}|\{\{\s*([#^/]?)\s*(?:(t|style|md):)?([A-Za-z][\w.-]*)\s*\}\}/g;

/** Parse a template, refusing anything that looks like a tag but is not one, so a typo fails at start. */
export function parseTemplate(source: string, where: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: Array<{ name: string; body: TemplateNode[] }> = [];
  let body = root;
  let last = 0;
  const text = (s: string) => {
    if (s.includes('{{') || s.includes('}}')) {
      throw new TemplateError(`${where}: not a tag: ${JSON.stringify(s.slice(s.search(/\{\{|\}\}/), 40))}`);
    }
    if (s) {
      body.push({ kind: 'text', text: s });
    }
  };
  for (const m of source.matchAll(TAG)) {
    text(source.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, sigil, prefix, name] = m as unknown as [string, string, string | undefined, string];
    if (whole.startsWith('{{{')) {
      body.push({ kind: 'content' });
    } else if (sigil && prefix) {
      throw new TemplateError(`${where}: ${whole} mixes a section with ${prefix}:`);
    } else if (sigil === '#' || sigil === '^') {
      const section: TemplateNode = { kind: 'section', name, inverted: sigil === '^', body: [] };
      body.push(section);
      open.push({ name, body });
      body = section.body;
    } else if (sigil === '/') {
      const closing = open.pop();
      if (closing?.name !== name) {
        throw new TemplateError(
          `${where}: {{/${name}}} closes ${closing ? `{{#${closing.name}}}` : 'nothing'}`,
        );
      }
      body = closing.body;
    } else if (prefix === 't') {
      body.push({ kind: 'words', key: name });
    } else if (prefix === 'style') {
      body.push({ kind: 'style', name });
    } else if (prefix === 'md' && /^\w+$/.test(name)) {
      body.push({ kind: 'markdown', name });
    } else if (/^\w+$/.test(name)) {
      body.push({ kind: 'value', name });
    } else {
      throw new TemplateError(`${where}: ${whole}: a data value is a plain name (words are {{t:…}})`);
    }
  }
  text(source.slice(last));
  if (open.length) {
    throw new TemplateError(`${where}: {{#${open[open.length - 1]!.name}}} is never closed`);
  }
  return root;
}

/** Every node of a template, sections opened, for the checks made at start. */
export function* walk(nodes: readonly TemplateNode[]): Generator<TemplateNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === 'section') {
      yield* walk(node.body);
    }
  }
}

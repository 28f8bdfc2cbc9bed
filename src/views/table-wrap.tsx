import type { Child } from 'hono/jsx';

/**
 * A table (or preformatted text) wider than a phone scrolls sideways inside this box. The box takes
 * the keyboard focus, with a name, so that someone without a pointer can scroll it too (axe
 * "scrollable-region-focusable"). Every wide table goes through it.
 */
export function TableWrap(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}

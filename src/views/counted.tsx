import type { I18n, PluralKey } from '../i18n/i18n.js';

/**
 * "<strong>3</strong> countries" in the reader's language and plural form. The number keeps its
 * `data-count` for public/live.js, which picks the new form from `data-forms` after a live update
 * (Intl.PluralRules in the browser, the same rules as i18n.plural on the server).
 */
export function Counted(props: {
  i18n: I18n;
  msg: PluralKey;
  n: number;
  name: string;
  tag?: 'strong' | 'span';
}) {
  const { before, number, after } = props.i18n.pluralParts(props.msg, props.n);
  const forms = JSON.stringify(props.i18n.pluralForms(props.msg));
  return (
    <span class="counted" data-forms={forms}>
      {before}
      {props.tag === 'span' ? (
        <span data-count={props.name}>{number}</span>
      ) : (
        <strong data-count={props.name}>{number}</strong>
      )}
      {after}
    </span>
  );
}

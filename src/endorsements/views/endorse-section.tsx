import type { I18n } from '../../i18n/i18n.js';
import type { Statement } from '../../db/database.js';

/** What the form shows after a failed submission: the values typed and the problem per field. */
export interface EndorseFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The endorsement form under the statement (filled in by the endorsement feature). */
export function EndorseSection(props: { i18n: I18n; statement: Statement; accepting: boolean; form?: EndorseFormState | undefined }) {
  const { t } = props.i18n;
  return (
    <section id="endorse" class="slot" aria-labelledby="endorse-heading">
      <h2 id="endorse-heading">{t('statement.endorseHeading')}</h2>
      {props.accepting ? null : <p class="notice">{t('statement.closed')}</p>}
    </section>
  );
}

import type { Deps } from '../../deps.js';
import type { I18n } from '../../i18n/i18n.js';
import type { Statement } from '../../db/database.js';

/** Counts and the signatory list under the statement (filled in by the live feature). */
export async function SignatoriesSection(props: { deps: Deps; i18n: I18n; statement: Statement; query: URLSearchParams }) {
  const { t } = props.i18n;
  return (
    <section id="signatories" class="slot" aria-labelledby="signatories-heading">
      <h2 id="signatories-heading">{t('statement.signatoriesHeading')}</h2>
    </section>
  );
}

import type { ShownEndorsement } from '../../endorsements/views/pages.js';
import { EndorsementSummary, FlowPage } from '../../endorsements/views/pages.js';
import type { I18n } from '../../i18n/i18n.js';

/** The GET of an unsubscribe link: what the button does, and the button (only its POST acts). */
export function UnsubscribePage(props: {
  i18n: I18n;
  path: string;
  statementTitle: string;
  e: ShownEndorsement;
}) {
  const { t } = props.i18n;
  return (
    <FlowPage i18n={props.i18n} title={t('unsubscribe.title')} path={props.path}>
      <p>{t('unsubscribe.lead')}</p>
      <EndorsementSummary i18n={props.i18n} title={props.statementTitle} e={props.e} />
      <form method="post" action={props.path}>
        <button type="submit">{t('unsubscribe.button')}</button>
      </form>
      <p class="muted">{t('unsubscribe.notices')}</p>
      <p class="muted">{t('unsubscribe.keep')}</p>
    </FlowPage>
  );
}

/** After the POST (a person's click or a mail provider's one-click request). */
export function UnsubscribedPage(props: { i18n: I18n; path: string; slug: string }) {
  const { t } = props.i18n;
  return (
    <FlowPage i18n={props.i18n} title={t('unsubscribe.done.title')} path={props.path}>
      <p role="status">{t('unsubscribe.done.body')}</p>
      <p>{t('unsubscribe.notices')}</p>
      <p>
        <a href={`/s/${props.slug}`}>{t('endorse.backToStatement')}</a>
      </p>
    </FlowPage>
  );
}

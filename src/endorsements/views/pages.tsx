import type { Child } from 'hono/jsx';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import type { OrgType } from '../../db/database.js';
import { Layout } from '../../views/layout.js';

/** The shell of every page in the endorsement flow: not indexed (they are about one person's request). */
export function FlowPage(props: { i18n: I18n; title: string; path: string; children: Child }) {
  return (
    <Layout i18n={props.i18n} meta={{ title: props.title, path: props.path, robots: 'noindex' }}>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** The resend form: the same answer whatever address is typed (README "Endorsing a statement"). */
export function ResendForm(props: { i18n: I18n; slug: string; value?: string; error?: string | undefined }) {
  const { t } = props.i18n;
  const error = props.error;
  return (
    <form method="post" action={`/s/${props.slug}/resend`} novalidate>
      <input type="hidden" name="locale" value={props.i18n.locale} />
      <div class={error ? 'field invalid' : 'field'}>
        <label for="f-resend-email">{t('endorse.field.email')}</label>
        <span class="hint" id="f-resend-email-hint">
          {t('endorse.check.resendHint')}
        </span>
        {error ? (
          <span class="error-text" id="f-resend-email-error">
            {error}
          </span>
        ) : null}
        <input
          type="email"
          id="f-resend-email"
          name="email"
          value={props.value ?? ''}
          autocomplete="email"
          inputmode="email"
          spellcheck={false}
          autocapitalize="none"
          required
          aria-describedby={error ? 'f-resend-email-hint f-resend-email-error' : 'f-resend-email-hint'}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <button type="submit" class="secondary">
        {t('endorse.check.resendButton')}
      </button>
    </form>
  );
}

/** GET /s/:slug/check-email — where the email went, what to do if it does not come, and a resend form. */
export function CheckEmailBody(props: {
  i18n: I18n;
  slug: string;
  title: string;
  validFor: string;
  resent: boolean;
  resendValue?: string;
  resendError?: string | undefined;
}) {
  const { t } = props.i18n;
  return (
    <>
      {props.resent ? (
        <p class="notice ok" role="status">
          {t('endorse.check.resent')}
        </p>
      ) : null}
      {props.resendError ? (
        // autofocus: the summary is read out first (this form's action has no #fragment to stop it).
        <div class="error-summary" role="alert" tabindex={-1} autofocus>
          <h2>{t('endorse.errorSummary')}</h2>
          <ul>
            <li>
              <a href="#f-resend-email">{props.resendError}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <p>{t('endorse.check.body', { title: props.title })}</p>
      <p>{t('endorse.check.validity', { days: props.validFor })}</p>
      <h2>{t('endorse.check.missingHeading')}</h2>
      <ul>
        <li>{t('endorse.check.missing1')}</li>
        <li>{t('endorse.check.missing2')}</li>
        <li>
          {t('endorse.check.missing3')}{' '}
          <a href={`/s/${props.slug}#endorse`}>{t('endorse.check.formAgain')}</a>
        </li>
      </ul>
      <h2 id="resend">{t('endorse.check.resendHeading')}</h2>
      <ResendForm
        i18n={props.i18n}
        slug={props.slug}
        value={props.resendValue ?? ''}
        error={props.resendError}
      />
      <p>
        <a href={`/s/${props.slug}`}>{t('endorse.backToStatement')}</a>
      </p>
    </>
  );
}

export interface ShownEndorsement {
  displayName: string;
  orgType: OrgType;
  country: string;
  city: string | null;
  website: string | null;
}

/** The endorsement as entered (public fields only: a forwarded link shows no contact details). */
export function EndorsementSummary(props: { i18n: I18n; title: string; e: ShownEndorsement }) {
  const { i18n, e } = props;
  const { t } = i18n;
  return (
    <dl class="summary">
      <dt>{t('endorse.confirm.statement')}</dt>
      <dd>{props.title}</dd>
      <dt>{t('endorse.field.org_name')}</dt>
      <dd>{e.displayName}</dd>
      <dt>{t('endorse.field.org_type')}</dt>
      <dd>{t(`endorse.type.${e.orgType}` as MessageKey)}</dd>
      <dt>{t('endorse.field.country')}</dt>
      <dd>{i18n.country(e.country)}</dd>
      {e.city ? (
        <>
          <dt>{t('endorse.field.city')}</dt>
          <dd>{e.city}</dd>
        </>
      ) : null}
      {e.website ? (
        <>
          <dt>{t('endorse.field.website')}</dt>
          <dd>{e.website}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** A page with one button that POSTs back to the same signed URL: GET never acts (mail scanners follow links). */
export function ActionPage(props: {
  i18n: I18n;
  path: string;
  title: string;
  lead: string;
  statementTitle: string;
  e: ShownEndorsement;
  button: string;
  after: string;
}) {
  return (
    <FlowPage i18n={props.i18n} title={props.title} path={props.path}>
      <p>{props.lead}</p>
      <EndorsementSummary i18n={props.i18n} title={props.statementTitle} e={props.e} />
      <form method="post" action={props.path}>
        <button type="submit">{props.button}</button>
      </form>
      <p class="muted">{props.after}</p>
    </FlowPage>
  );
}

/** A short explanation page with a way back to the statement (or the home page). */
export function MessagePage(props: {
  i18n: I18n;
  path: string;
  title: string;
  paragraphs: string[];
  slug?: string | undefined;
  children?: Child;
}) {
  const { t } = props.i18n;
  return (
    <FlowPage i18n={props.i18n} title={props.title} path={props.path}>
      {props.paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      {props.children}
      <p>
        {props.slug ? (
          <a href={`/s/${props.slug}`}>{t('endorse.backToStatement')}</a>
        ) : (
          <a href="/">{t('error.backHome')}</a>
        )}
      </p>
    </FlowPage>
  );
}

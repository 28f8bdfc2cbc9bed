import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import type { StatementWithTexts } from '../../statements/queries.js';
import { errorPage } from '../../views/error-page.js';
import type { LinkedEndorsement } from '../queries.js';
import type { TokenPurpose } from '../tokens.js';
import { ActionPage, CheckEmailBody, FlowPage, MessagePage } from './pages.js';

type C = Context<AppEnv>;

// The answers of the endorsement flow, as whole responses. None is cached: each is about one
// person's request. Routes choose one; these render it.

/** A short explanation, with the way back to the statement when there is one. */
export function messageResponse(
  c: C,
  i18n: I18n,
  status: 200 | 400 | 404 | 409 | 410,
  titleKey: MessageKey,
  paragraphs: string[],
  slug?: string,
  extra?: unknown,
) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    <MessagePage i18n={i18n} path={c.req.path} title={i18n.t(titleKey)} paragraphs={paragraphs} slug={slug}>
      {extra as never}
    </MessagePage>,
    status,
  );
}

export const invalidLinkResponse = (c: C, i18n: I18n) =>
  messageResponse(c, i18n, 400, 'endorse.link.invalid.title', [i18n.t('endorse.link.invalid.body')]);

export const goneLinkResponse = (c: C, i18n: I18n) =>
  messageResponse(c, i18n, 404, 'endorse.link.gone.title', [i18n.t('endorse.link.gone.body')]);

/** A confirmation for a statement that takes none now: nothing was published. */
export const closedLinkResponse = (c: C, i18n: I18n, slug: string) =>
  messageResponse(c, i18n, 409, 'endorse.closed.title', [i18n.t('endorse.link.closed.body')], slug);

/** The endorsement is no longer pending or listed: what state it is in. */
export function stateResponse(
  c: C,
  i18n: I18n,
  e: Pick<LinkedEndorsement, 'status' | 'slug'>,
  status: 200 | 409,
) {
  const t = i18n.t;
  return e.status === 'withdrawn'
    ? messageResponse(
        c,
        i18n,
        status,
        'endorse.state.withdrawn.title',
        [t('endorse.state.withdrawn.body')],
        e.slug,
      )
    : messageResponse(
        c,
        i18n,
        status,
        'endorse.state.rejected.title',
        [t('endorse.state.rejected.body')],
        e.slug,
      );
}

/** An expired confirmation link: the signature still proves which endorsement, so a new link is one press away. */
export function expiredConfirmResponse(c: C, i18n: I18n, slug: string, token: string, validFor: string) {
  const t = i18n.t;
  return messageResponse(
    c,
    i18n,
    410,
    'endorse.link.expired.title',
    [t('endorse.link.expired.body', { days: validFor })],
    slug,
    <form method="post" action={`/s/${slug}/resend`}>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={i18n.locale} />
      <button type="submit">{t('endorse.link.expired.button')}</button>
    </form>,
  );
}

/**
 * The GET of an emailed link: what the button will do, and the button. Mail scanners follow links,
 * so the page changes nothing; only its POST acts.
 */
export function actionResponse(
  c: C,
  i18n: I18n,
  e: LinkedEndorsement,
  kind: Extract<TokenPurpose, 'confirm' | 'withdraw' | 'reconfirm'>,
  statementTitle: string,
) {
  const t = i18n.t;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <ActionPage
      i18n={i18n}
      path={c.req.path}
      title={t(`endorse.${kind}.title`)}
      lead={t(`endorse.${kind}.lead`)}
      statementTitle={statementTitle}
      e={e}
      button={t(`endorse.${kind}.button`)}
      after={t(
        kind === 'confirm'
          ? 'endorse.confirm.ignore'
          : kind === 'reconfirm'
            ? 'endorse.reconfirm.keep'
            : 'endorse.withdraw.keep',
      )}
    />,
  );
}

export function confirmedResponse(c: C, i18n: I18n, slug: string, publicNow: boolean) {
  const t = i18n.t;
  return messageResponse(
    c,
    i18n,
    200,
    'endorse.confirmed.title',
    [
      publicNow ? t('endorse.confirmed.public') : t('endorse.confirmed.verify'),
      t('endorse.confirmed.withdrawHint'),
    ],
    slug,
  );
}

/** An expired withdraw link: the signer must ask the organisers (a withdrawal needs a fresh proof). */
export const expiredWithdrawResponse = (c: C, i18n: I18n, slug: string) =>
  messageResponse(
    c,
    i18n,
    410,
    'endorse.link.expired.title',
    [i18n.t('endorse.link.withdrawExpired.body')],
    slug,
  );

/** After re-confirming (README "Amending a statement"): the endorsement stands for the current text. */
export const reconfirmedResponse = (c: C, i18n: I18n, slug: string) =>
  messageResponse(c, i18n, 200, 'endorse.reconfirmed.title', [i18n.t('endorse.reconfirmed.body')], slug);

/** A re-confirmation link from before a newer amendment: the newer email has the link that counts. */
export const supersededReconfirmResponse = (c: C, i18n: I18n, slug: string) =>
  messageResponse(c, i18n, 409, 'endorse.link.invalid.title', [i18n.t('endorse.reconfirm.superseded')], slug);

/** An expired re-confirmation link: the organisers can help (there is no self-service resend). */
export const expiredReconfirmResponse = (c: C, i18n: I18n, slug: string, validFor: string) =>
  messageResponse(
    c,
    i18n,
    410,
    'endorse.link.expired.title',
    [i18n.t('endorse.reconfirm.expired', { days: validFor })],
    slug,
  );

export const withdrawnResponse = (c: C, i18n: I18n, slug: string) =>
  messageResponse(c, i18n, 200, 'endorse.withdrawn.title', [i18n.t('endorse.withdrawn.body')], slug);

/** GET /s/:slug/check-email, and the resend form again with its problem. */
export function checkEmailResponse(
  c: C,
  statement: StatementWithTexts,
  i18n: I18n,
  opts: {
    title: string;
    validFor: string;
    status?: 200 | 422;
    resent?: boolean;
    value?: string;
    error?: string;
  },
) {
  const t = i18n.t;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <FlowPage i18n={i18n} title={t('endorse.check.title')} path={`/s/${statement.slug}/check-email`}>
      <CheckEmailBody
        i18n={i18n}
        slug={statement.slug}
        title={opts.title}
        validFor={opts.validFor}
        resent={opts.resent ?? false}
        resendValue={opts.value ?? ''}
        resendError={opts.error}
      />
    </FlowPage>,
    opts.status ?? 200,
  );
}

/** 409 for a statement that takes no endorsements or resends now; nothing changes. */
export function closedStatementResponse(c: C, i18n: I18n, statement: StatementWithTexts) {
  c.header('Cache-Control', 'no-store');
  const back =
    statement.status === 'draft' ? null : (
      <p>
        <a href={`/s/${statement.slug}`}>{i18n.t('endorse.backToStatement')}</a>
      </p>
    );
  return errorPage(c, 409, 'endorse.closed.title', 'endorse.closed.body', back);
}

import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor } from '../http/locale.js';
import { i18nFor, isLocale, type I18n, type MessageKey } from '../i18n/i18n.js';
import { clientKey } from '../security/client-ip.js';
import { hitClientLimit, tooManyRequests } from '../security/endorse-limits.js';
import { formPowChallenge, POW_CHALLENGE_FIELD, POW_NONCE_FIELD } from '../security/pow.js';
import { titleFor, type StatementWithTexts } from '../statements/queries.js';
import { findPublicStatement } from '../statements/public.js';
import { isAcceptingEndorsements } from '../statements/rules.js';
import { pickText } from '../statements/text.js';
import { notFoundPage } from '../views/error-page.js';
import {
  cleanLine,
  FORM_FIELDS,
  HONEYPOT_FIELD,
  isPlausibleEmail,
  normaliseEmail,
  readFormFields,
} from './form-schema.js';
import {
  confirmEndorsement,
  endorsesCurrentVersion,
  reconfirmEndorsement,
  resendConfirmation,
  submitEndorsement,
  withdrawEndorsement,
} from './lifecycle/index.js';
import { openLink } from './links.js';
import { formatDays } from './mails.js';
import { screenSubmission } from './screen.js';
import { CONFIRM_TTL_MS, RECONFIRM_TTL_MS, verifyToken, type TokenPurpose } from './tokens.js';
import type { EndorseFormState } from './views/endorse-section.js';
import {
  actionResponse,
  checkEmailResponse,
  closedLinkResponse,
  closedStatementResponse,
  confirmedResponse,
  expiredConfirmResponse,
  expiredReconfirmResponse,
  reconfirmedResponse,
  supersededReconfirmResponse,
  expiredWithdrawResponse,
  goneLinkResponse,
  invalidLinkResponse,
  stateResponse,
  withdrawnResponse,
} from './views/responses.js';

const CONFIRM_DAYS = Math.round(CONFIRM_TTL_MS / 86_400_000);
const RECONFIRM_DAYS = Math.round(RECONFIRM_TTL_MS / 86_400_000);
/** Which limit refused a submission, for the metrics. */
const REFUSAL = {
  'client-limit': 'endorse-ip',
  'email-limit': 'endorse-email',
  ceiling: 'endorse-statement',
} as const;

type C = Context<AppEnv>;

/**
 * The statement page with the form sent back (its errors, or a request for proof-of-work). The page
 * is composed above this feature (src/pages), which passes its renderer in.
 */
export type StatementFormPage = (
  c: C,
  statement: StatementWithTexts,
  opts: { status: 422 | 429; form: EndorseFormState },
) => Promise<Response>;

/**
 * The endorsement flow's routes: the form, check-email and resend, confirm and withdraw from emailed
 * links (README "Endorsing a statement"). Each parses its input, calls one lifecycle function and
 * chooses the answer.
 */
export function endorsementRoutes(deps: Deps, statementFormPage: StatementFormPage) {
  const app = new Hono<AppEnv>();
  const publicStatement = (slug: string) => findPublicStatement(deps.live, slug);

  /** Pages reached from an email speak the language of the form it came from, unless ?lang= says otherwise. */
  function linkI18n(c: C, locale?: string): I18n {
    const query = c.req.query('lang');
    const i18n = isLocale(query) ? i18nFor(query) : isLocale(locale) ? i18nFor(locale) : c.get('i18n');
    c.set('i18n', i18n);
    return i18n;
  }

  /** The language of a posted form: its hidden `locale` field, else the negotiated one. */
  function formI18n(c: C, posted: string, statement: StatementWithTexts): I18n {
    const i18n = isLocale(posted) ? i18nFor(posted) : localeFor(c, statement.default_locale);
    c.set('i18n', i18n);
    return i18n;
  }

  /** A page about a statement in the reader's negotiated language. */
  function pageI18n(c: C, statement: StatementWithTexts): I18n {
    const i18n = localeFor(c, statement.default_locale);
    c.set('i18n', i18n);
    return i18n;
  }

  const checkEmail = (
    c: C,
    statement: StatementWithTexts,
    i18n: I18n,
    opts: { status?: 200 | 422; resent?: boolean; value?: string; error?: string },
  ) =>
    checkEmailResponse(c, statement, i18n, {
      ...opts,
      title: pickText(statement, i18n.locale).text.title,
      validFor: formatDays(i18n.locale, CONFIRM_DAYS),
    });

  // ---- The form -------------------------------------------------------------------------------

  app.post('/s/:slug/endorse', async (c) => {
    // The statement comes from the per-process cache (no query per submission); a draft is a 404.
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    const raw = await readFormFields(c.req, [
      ...FORM_FIELDS,
      HONEYPOT_FIELD,
      POW_CHALLENGE_FIELD,
      POW_NONCE_FIELD,
    ]);
    const i18n = formI18n(c, raw.locale, statement);
    const now = deps.clock.now();
    if (!isAcceptingEndorsements(statement, now)) {
      return closedStatementResponse(c, i18n, statement);
    }
    const client = clientKey(c, deps.secret, deps.config.trustProxy);
    const screening = await screenSubmission(deps, statement, raw, client);
    const { [HONEYPOT_FIELD]: _hp, [POW_CHALLENGE_FIELD]: _pc, [POW_NONCE_FIELD]: _pn, ...values } = raw;
    const checkEmailUrl = `/s/${statement.slug}/check-email`;
    switch (screening.kind) {
      case 'client-limit':
      case 'email-limit':
      case 'ceiling':
        deps.metrics.refused(REFUSAL[screening.kind]);
        return tooManyRequests(c, screening.retryAfter);
      case 'bot':
        // Looks exactly like a success; nothing is stored or sent.
        deps.log.info('endorse: dropped by a bot defence', {
          reason: screening.reason,
          requestId: c.get('requestId'),
        });
        return c.redirect(checkEmailUrl, 303);
      case 'needs-pow':
        deps.metrics.refused('pow-required');
        c.header('Retry-After', '1');
        return statementFormPage(
          c,
          { ...statement, pow_required_until: screening.powRequiredUntil },
          { status: 429, form: { values, errors: {}, notice: i18n.t('pow.sendAgain') } },
        );
      case 'invalid': {
        const errors = Object.fromEntries(
          Object.entries(screening.errors).map(([field, key]) => [field, i18n.t(key as MessageKey)]),
        );
        return statementFormPage(c, statement, { status: 422, form: { values, errors } });
      }
      case 'accept':
        await submitEndorsement(deps, now, statement, screening.input, i18n.locale, client);
        return c.redirect(checkEmailUrl, 303);
    }
  });

  // The proof-of-work challenge for a form, when the statement asks for one now: a small request of
  // its own, so the statement page stays the same bytes for every reader (and cacheable).
  app.get('/s/:slug/pow', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    c.header('Cache-Control', 'no-store');
    const now = deps.clock.now();
    const challenge = isAcceptingEndorsements(statement, now)
      ? formPowChallenge(deps, statement, now)
      : undefined;
    return c.json(
      challenge ? { challenge: challenge.challenge, difficulty: challenge.difficulty } : { difficulty: 0 },
    );
  });

  // ---- After the form: check your email, resend -----------------------------------------------

  // The page never shows the address: it would have to travel in the URL (visible in history,
  // logs and Referer, and usable to put any text on our pages) or in a cookie. It speaks of
  // "the address you gave" instead.
  app.get('/s/:slug/check-email', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    return checkEmail(c, statement, pageI18n(c, statement), { resent: c.req.query('resent') === '1' });
  });

  app.post('/s/:slug/resend', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    const raw = await readFormFields(c.req, ['email', 'token', 'locale'] as const);
    const i18n = formI18n(c, raw.locale, statement);
    const now = deps.clock.now();
    if (!isAcceptingEndorsements(statement, now)) {
      return closedStatementResponse(c, i18n, statement);
    }
    const done = `/s/${statement.slug}/check-email?resent=1`;
    // The same per-client budget as the form; a resend never counts toward the statement's ceiling.
    const limited = await hitClientLimit(deps, clientKey(c, deps.secret, deps.config.trustProxy));
    if (limited) {
      deps.metrics.refused('endorse-ip');
      return tooManyRequests(c, limited.retryAfter);
    }
    if (raw.token) {
      // The button on an expired-link page: the signature still proves which endorsement it was.
      const check = verifyToken(deps.secret, raw.token, 'confirm', now);
      const payload = check.ok || check.reason === 'expired' ? check.payload : undefined;
      if (payload) {
        await resendConfirmation(deps, now, statement, { endorsementId: payload.id });
      }
      return c.redirect(done, 303);
    }
    const email = cleanLine(raw.email);
    if (!isPlausibleEmail(email)) {
      const key: MessageKey = email === '' ? 'endorse.error.emailRequired' : 'endorse.error.emailInvalid';
      return checkEmail(c, statement, i18n, { status: 422, value: raw.email, error: i18n.t(key) });
    }
    await resendConfirmation(deps, now, statement, { emailNormalised: normaliseEmail(email) });
    return c.redirect(done, 303);
  });

  // ---- Emailed links: confirm and withdraw ----------------------------------------------------

  /** Read the link, then either the answer page (nothing to act on) or the endorsement to act on. */
  async function readLink(c: C, purpose: TokenPurpose) {
    const link = await openLink(deps.db, deps.secret, c.req.param('token') ?? '', purpose, deps.clock.now());
    if (link.kind === 'invalid') {
      return { answer: invalidLinkResponse(c, linkI18n(c)) } as const;
    }
    if (link.kind === 'gone') {
      return { answer: goneLinkResponse(c, linkI18n(c)) } as const;
    }
    return { ...link, i18n: linkI18n(c, link.endorsement.locale) } as const;
  }

  const showAction = async (
    c: C,
    i18n: I18n,
    e: Parameters<typeof actionResponse>[2],
    kind: Parameters<typeof actionResponse>[3],
  ) => actionResponse(c, i18n, e, kind, await titleFor(deps.db, e.statementId, i18n.locale));

  async function confirmLink(c: C, act: boolean) {
    const link = await readLink(c, 'confirm');
    if ('answer' in link) {
      return link.answer;
    }
    const { endorsement: e, i18n, expired } = link;
    const now = deps.clock.now();
    const confirmed = () => c.redirect(`/s/${e.slug}/confirmed?lang=${i18n.locale}`, 303);
    if (e.status === 'confirmed' || e.status === 'verified') {
      return act ? confirmed() : confirmedResponse(c, i18n, e.slug, e.publishOn === 'confirmed');
    }
    if (e.status !== 'pending') {
      return stateResponse(c, i18n, e, act ? 409 : 200);
    }
    if (!isAcceptingEndorsements({ status: e.statementStatus, closes_at: e.statementClosesAt }, now)) {
      return closedLinkResponse(c, i18n, e.slug);
    }
    if (expired) {
      return expiredConfirmResponse(
        c,
        i18n,
        e.slug,
        c.req.param('token') ?? '',
        formatDays(i18n.locale, CONFIRM_DAYS),
      );
    }
    if (!act) {
      return showAction(c, i18n, e, 'confirm');
    }
    const outcome = await confirmEndorsement(deps, now, e.id);
    switch (outcome.kind) {
      case 'missing':
        return goneLinkResponse(c, i18n);
      case 'closed':
        return closedLinkResponse(c, i18n, e.slug);
      case 'not-pending':
        return outcome.status === 'confirmed' || outcome.status === 'verified'
          ? confirmed()
          : stateResponse(c, i18n, { ...e, status: outcome.status }, 409);
      case 'confirmed':
        return confirmed();
    }
  }

  async function withdrawLink(c: C, act: boolean) {
    const link = await readLink(c, 'withdraw');
    if ('answer' in link) {
      return link.answer;
    }
    const { endorsement: e, i18n, expired } = link;
    const withdrawn = () => c.redirect(`/s/${e.slug}/withdrawn?lang=${i18n.locale}`, 303);
    if (e.status === 'withdrawn') {
      return act ? withdrawn() : withdrawnResponse(c, i18n, e.slug);
    }
    if (expired) {
      return expiredWithdrawResponse(c, i18n, e.slug);
    }
    if (!act) {
      return showAction(c, i18n, e, 'withdraw');
    }
    const outcome = await withdrawEndorsement(deps, deps.clock.now(), e.id);
    return outcome.kind === 'missing' ? goneLinkResponse(c, i18n) : withdrawn();
  }

  /**
   * After a substantive amendment (README "Amending a statement"): the GET shows what the button
   * does; only the POST endorses the new version (mail scanners follow links).
   */
  async function reconfirmLink(c: C, act: boolean) {
    const link = await readLink(c, 'reconfirm');
    if ('answer' in link) {
      return link.answer;
    }
    const { endorsement: e, i18n, expired, version } = link;
    const done = () => c.redirect(`/s/${e.slug}/reconfirmed?lang=${i18n.locale}`, 303);
    if (e.status !== 'confirmed' && e.status !== 'verified') {
      return stateResponse(c, i18n, e, act ? 409 : 200);
    }
    if (version === undefined || endorsesCurrentVersion(e.endorsedVersion, version)) {
      return act ? done() : reconfirmedResponse(c, i18n, e.slug);
    }
    if (version !== e.statementVersion) {
      return supersededReconfirmResponse(c, i18n, e.slug);
    }
    if (expired) {
      return expiredReconfirmResponse(c, i18n, e.slug, formatDays(i18n.locale, RECONFIRM_DAYS));
    }
    if (!act) {
      return showAction(c, i18n, e, 'reconfirm');
    }
    const outcome = await reconfirmEndorsement(deps, deps.clock.now(), e.id, version);
    switch (outcome.kind) {
      case 'missing':
        return goneLinkResponse(c, i18n);
      case 'superseded':
        return supersededReconfirmResponse(c, i18n, e.slug);
      case 'not-standing':
        return stateResponse(c, i18n, { ...e, status: outcome.status }, 409);
      case 'already':
      case 'reconfirmed':
        return done();
    }
  }

  app.get('/confirm/:token', (c) => confirmLink(c, false));
  app.post('/confirm/:token', (c) => confirmLink(c, true));
  app.get('/withdraw/:token', (c) => withdrawLink(c, false));
  app.post('/withdraw/:token', (c) => withdrawLink(c, true));
  app.get('/reconfirm/:token', (c) => reconfirmLink(c, false));
  app.post('/reconfirm/:token', (c) => reconfirmLink(c, true));

  // Where the buttons lead: plain pages in the reader's language (?lang= from the link's form).
  app.get('/s/:slug/confirmed', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    return confirmedResponse(c, pageI18n(c, statement), statement.slug, statement.publish_on === 'confirmed');
  });

  app.get('/s/:slug/reconfirmed', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    return reconfirmedResponse(c, pageI18n(c, statement), statement.slug);
  });

  app.get('/s/:slug/withdrawn', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) {
      return notFoundPage(c);
    }
    return withdrawnResponse(c, pageI18n(c, statement), statement.slug);
  });

  return app;
}

import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor } from '../http/locale.js';
import { i18nFor, isLocale, type I18n, type MessageKey } from '../i18n/i18n.js';
import { clientIp, hashIp } from '../security/client-ip.js';
import { hitClientLimits, hitEmailLimit, tooManyRequests } from '../security/endorse-limits.js';
import { POW_CHALLENGE_FIELD, POW_NONCE_FIELD, verifyPow } from '../security/pow.js';
import { isAcceptingEndorsements, pickText, type StatementWithTexts } from '../statements/queries.js';
import { renderStatementPage } from '../statements/page.js';
import { SLUG_PATTERN } from '../statements/statement-file.js';
import { errorPage, notFoundPage } from '../views/error-page.js';
import { cleanLine, FORM_FIELDS, HONEYPOT_FIELD, isPlausibleEmail, normaliseEmail, parseEndorseForm, readFormFields } from './form-schema.js';
import { enqueueConfirmedMail, enqueueWithdrawnMail, formatDays } from './mails.js';
import { confirmEndorsement, findLinkedEndorsement, retryOnUniqueViolation, statementTitle, withdrawEndorsement, type LinkedEndorsement } from './queries.js';
import { resendConfirmation, submitEndorsement } from './submit.js';
import { CONFIRM_TTL_MS, verifyToken, type TokenPurpose } from './tokens.js';
import { ActionPage, CheckEmailBody, FlowPage, MessagePage } from './views/pages.js';

const CONFIRM_DAYS = Math.round(CONFIRM_TTL_MS / 86_400_000);

/** Endorse, check-email, resend, confirm, withdraw (DESIGN §5). */
export function endorsementRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  type C = Context<AppEnv>;

  /** A public statement by slug (drafts are not public: they get a 404 like an unknown slug). */
  async function publicStatement(slug: string): Promise<StatementWithTexts | undefined> {
    if (!SLUG_PATTERN.test(slug)) return undefined;
    const statement = await deps.live.statement(slug);
    if (!statement || statement.status === 'draft' || statement.texts.length === 0) return undefined;
    return statement;
  }

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

  // ---- The form -------------------------------------------------------------------------------

  app.post('/s/:slug/endorse', async (c) => {
    const slug = c.req.param('slug');
    // From the per-process statement cache (dropped on every change through notifyLiveChange): two queries saved per submission.
    // A draft is not public: 404 like an unknown slug (a 409 would reveal that it exists).
    const statement = await publicStatement(slug);
    if (!statement) return notFoundPage(c);
    const raw = await readFormFields(c.req, [...FORM_FIELDS, HONEYPOT_FIELD, POW_CHALLENGE_FIELD, POW_NONCE_FIELD]);
    const i18n = formI18n(c, raw.locale, statement);
    if (!isAcceptingEndorsements(statement, deps.clock.now())) {
      return errorPage(c, 409, 'endorse.closed.title', 'endorse.closed.body', <StatementLink i18n={i18n} statement={statement} />);
    }
    const checkEmail = `/s/${statement.slug}/check-email`;
    const ip = clientIp(c, deps.config.trustProxy);
    const ipHash = ip === 'unknown' ? null : hashIp(deps.secret, ip);
    // Limits answer openly (429) and come first; only bot defences pretend to succeed.
    const perClient = await hitClientLimits(deps, statement.id, ipHash);
    if (!perClient.allowed) return tooManyRequests(c, perClient.retryAfter);
    // A bot that filled the invisible field sees exactly what a person sees; nothing is stored or sent.
    if (raw[HONEYPOT_FIELD] !== '') return c.redirect(checkEmail, 303);
    // Proof-of-work, when on, is a bot defence too: a missing, wrong or replayed answer is dropped silently.
    if (deps.config.powDifficulty > 0) {
      const pow = await verifyPow(deps.db, deps.secret, {
        challenge: raw[POW_CHALLENGE_FIELD], nonce: raw[POW_NONCE_FIELD], statementId: statement.id, difficulty: deps.config.powDifficulty, now: deps.clock.now(),
      });
      if (!pow.ok) {
        deps.log.info('endorse: proof-of-work refused', { reason: pow.reason, requestId: c.get('requestId') });
        return c.redirect(checkEmail, 303);
      }
    }

    const parsed = parseEndorseForm(raw);
    if (!parsed.ok) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, i18n.t(key as MessageKey)]));
      const { [HONEYPOT_FIELD]: _hp, [POW_CHALLENGE_FIELD]: _pc, [POW_NONCE_FIELD]: _pn, ...values } = raw;
      return renderStatementPage(c, deps, statement, { status: 422, form: { values, errors } });
    }
    const perEmail = await hitEmailLimit(deps, statement.id, normaliseEmail(parsed.value.email));
    if (!perEmail.allowed) return tooManyRequests(c, perEmail.retryAfter);
    await submitEndorsement(deps, statement, parsed.value, i18n.locale, ipHash);
    return c.redirect(checkEmail, 303);
  });

  // ---- After the form: check your email, resend -----------------------------------------------

  async function checkEmailPage(c: C, statement: StatementWithTexts, i18n: I18n, opts: { status?: 200 | 422; resent?: boolean; value?: string; error?: string } = {}) {
    const t = i18n.t;
    c.header('Cache-Control', 'no-store');
    return c.html(
      <FlowPage i18n={i18n} title={t('endorse.check.title')} path={`/s/${statement.slug}/check-email`}>
        <CheckEmailBody
          i18n={i18n}
          slug={statement.slug}
          title={pickText(statement, i18n.locale).text.title}
          validFor={formatDays(i18n.locale, CONFIRM_DAYS)}
          resent={opts.resent ?? false}
          resendValue={opts.value ?? ''}
          resendError={opts.error}
        />
      </FlowPage>,
      opts.status ?? 200,
    );
  }

  // The page never shows the address: it would have to travel in the URL (visible in history,
  // logs and Referer, and usable to put any text on our pages) or in a cookie. It speaks of
  // "the address you gave" instead.
  app.get('/s/:slug/check-email', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) return notFoundPage(c);
    const i18n = localeFor(c, statement.default_locale);
    c.set('i18n', i18n);
    return checkEmailPage(c, statement, i18n, { resent: c.req.query('resent') === '1' });
  });

  app.post('/s/:slug/resend', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) return notFoundPage(c);
    const raw = await readFormFields(c.req, ['email', 'token', 'locale'] as const);
    const i18n = formI18n(c, raw.locale, statement);
    const done = `/s/${statement.slug}/check-email?resent=1`;
    const ip = clientIp(c, deps.config.trustProxy);
    const limited = await hitClientLimits(deps, statement.id, ip === 'unknown' ? null : hashIp(deps.secret, ip));
    if (!limited.allowed) return tooManyRequests(c, limited.retryAfter);
    if (raw.token) {
      // The button on an expired-link page: the signature still proves which endorsement it was.
      const check = verifyToken(deps.secret, raw.token, 'confirm', deps.clock.now());
      const payload = check.ok ? check.payload : check.reason === 'expired' ? check.payload : undefined;
      if (payload) await resendConfirmation(deps, statement, { endorsementId: payload.id });
      return c.redirect(done, 303);
    }
    const email = cleanLine(raw.email);
    if (!isPlausibleEmail(email)) {
      const key: MessageKey = email === '' ? 'endorse.error.emailRequired' : 'endorse.error.emailInvalid';
      return checkEmailPage(c, statement, i18n, { status: 422, value: raw.email, error: i18n.t(key) });
    }
    await resendConfirmation(deps, statement, { emailNormalised: normaliseEmail(email) });
    return c.redirect(done, 303);
  });

  /**
   * The GET of an emailed link: what the button will do, and the button. Mail scanners follow links,
   * so the page changes nothing; only its POST acts.
   */
  async function actionPage(c: C, i18n: I18n, e: LinkedEndorsement, kind: TokenPurpose) {
    const t = i18n.t;
    c.header('Cache-Control', 'no-store');
    return c.html(
      <ActionPage
        i18n={i18n}
        path={c.req.path}
        title={t(`endorse.${kind}.title`)}
        lead={t(`endorse.${kind}.lead`)}
        statementTitle={await statementTitle(deps.db, e.statementId, i18n.locale)}
        e={e}
        button={t(`endorse.${kind}.button`)}
        after={t(kind === 'confirm' ? 'endorse.confirm.ignore' : 'endorse.withdraw.keep')}
      />,
    );
  }

  // ---- Confirm ---------------------------------------------------------------------------------

  /** Check a link and load its endorsement; the answer page when there is nothing to act on. */
  async function openLink(c: C, purpose: TokenPurpose) {
    const token = c.req.param('token') ?? '';
    const check = verifyToken(deps.secret, token, purpose, deps.clock.now());
    if (!check.ok && check.reason !== 'expired') {
      const i18n = linkI18n(c);
      return { page: linkProblem(c, i18n, 400, 'endorse.link.invalid.title', [i18n.t('endorse.link.invalid.body')]) };
    }
    const e = await findLinkedEndorsement(deps.db, check.payload.id);
    const i18n = linkI18n(c, e?.locale);
    if (!e) return { page: linkProblem(c, i18n, 404, 'endorse.link.gone.title', [i18n.t('endorse.link.gone.body')]) };
    return { e, i18n, token, expired: !check.ok };
  }

  function linkProblem(c: C, i18n: I18n, status: 400 | 404 | 409 | 410, titleKey: MessageKey, paragraphs: string[], slug?: string, extra?: unknown) {
    c.header('Cache-Control', 'no-store');
    return c.html(
      <MessagePage i18n={i18n} path={c.req.path} title={i18n.t(titleKey)} paragraphs={paragraphs} slug={slug}>
        {extra as never}
      </MessagePage>,
      status,
    );
  }

  /** The page for an endorsement that is no longer pending/active: what state it is in. */
  function statePage(c: C, i18n: I18n, e: LinkedEndorsement, status: 200 | 409) {
    const t = i18n.t;
    if (e.status === 'withdrawn') return linkProblem(c, i18n, status as 409, 'endorse.state.withdrawn.title', [t('endorse.state.withdrawn.body')], e.slug);
    return linkProblem(c, i18n, status as 409, 'endorse.state.rejected.title', [t('endorse.state.rejected.body')], e.slug);
  }

  async function confirmGetOrPost(c: C, act: boolean) {
    const link = await openLink(c, 'confirm');
    if ('page' in link) return link.page;
    const { e, i18n, token, expired } = link;
    const t = i18n.t;
    if (e.status === 'confirmed' || e.status === 'verified') {
      return act ? c.redirect(`/s/${e.slug}/confirmed?lang=${i18n.locale}`, 303) : confirmedPage(c, i18n, e.slug, e.publishOn === 'confirmed');
    }
    if (e.status !== 'pending') return statePage(c, i18n, e, act ? 409 : 200);
    if (expired) {
      return linkProblem(
        c,
        i18n,
        410,
        'endorse.link.expired.title',
        [t('endorse.link.expired.body', { days: formatDays(i18n.locale, CONFIRM_DAYS) })],
        e.slug,
        <form method="post" action={`/s/${e.slug}/resend`}>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="locale" value={i18n.locale} />
          <button type="submit">{t('endorse.link.expired.button')}</button>
        </form>,
      );
    }
    if (!act) return actionPage(c, i18n, e, 'confirm');
    const now = deps.clock.now();
    const result = await retryOnUniqueViolation(() =>
      deps.db.transaction().execute(async (trx) => {
        const r = await confirmEndorsement(trx, e.id, now);
        if (r.kind === 'confirmed' && e.email) {
          await enqueueConfirmedMail(
            trx,
            deps,
            { endorsementId: e.id, statementId: e.statementId, slug: e.slug, locale: e.locale, to: e.email, organisation: e.displayName },
            { published: r.published, publishOn: e.publishOn },
            now,
          );
        }
        return r;
      }),
    );
    if (result.kind === 'confirmed') deps.mailSignal();
    if (result.kind === 'missing') return linkProblem(c, i18n, 404, 'endorse.link.gone.title', [t('endorse.link.gone.body')]);
    if (result.kind === 'not-pending' && result.status !== 'confirmed' && result.status !== 'verified') {
      return statePage(c, i18n, { ...e, status: result.status }, 409);
    }
    return c.redirect(`/s/${e.slug}/confirmed?lang=${i18n.locale}`, 303);
  }

  function confirmedPage(c: C, i18n: I18n, slug: string, publicNow: boolean) {
    const t = i18n.t;
    c.header('Cache-Control', 'no-store');
    return c.html(
      <MessagePage
        i18n={i18n}
        path={c.req.path}
        title={t('endorse.confirmed.title')}
        paragraphs={[publicNow ? t('endorse.confirmed.public') : t('endorse.confirmed.verify'), t('endorse.confirmed.withdrawHint')]}
        slug={slug}
      />,
    );
  }

  app.get('/confirm/:token', (c) => confirmGetOrPost(c, false));
  app.post('/confirm/:token', (c) => confirmGetOrPost(c, true));

  app.get('/s/:slug/confirmed', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) return notFoundPage(c);
    const i18n = localeFor(c, statement.default_locale);
    c.set('i18n', i18n);
    return confirmedPage(c, i18n, statement.slug, statement.publish_on === 'confirmed');
  });

  // ---- Withdraw --------------------------------------------------------------------------------

  async function withdrawGetOrPost(c: C, act: boolean) {
    const link = await openLink(c, 'withdraw');
    if ('page' in link) return link.page;
    const { e, i18n, expired } = link;
    const t = i18n.t;
    if (e.status === 'withdrawn') return act ? c.redirect(`/s/${e.slug}/withdrawn?lang=${i18n.locale}`, 303) : withdrawnPage(c, i18n, e.slug);
    if (expired) return linkProblem(c, i18n, 410, 'endorse.link.expired.title', [t('endorse.link.withdrawExpired.body')], e.slug);
    if (!act) return actionPage(c, i18n, e, 'withdraw');
    const now = deps.clock.now();
    const result = await deps.db.transaction().execute(async (trx) => {
      const r = await withdrawEndorsement(trx, e.id, now);
      if (r.kind === 'withdrawn' && e.email) {
        await enqueueWithdrawnMail(
          trx,
          deps,
          { endorsementId: e.id, statementId: e.statementId, slug: e.slug, locale: e.locale, to: e.email, organisation: e.displayName },
          now,
        );
      }
      return r;
    });
    if (result.kind === 'withdrawn' && e.email) deps.mailSignal();
    if (result.kind === 'missing') return linkProblem(c, i18n, 404, 'endorse.link.gone.title', [t('endorse.link.gone.body')]);
    return c.redirect(`/s/${e.slug}/withdrawn?lang=${i18n.locale}`, 303);
  }

  function withdrawnPage(c: C, i18n: I18n, slug: string) {
    c.header('Cache-Control', 'no-store');
    return c.html(<MessagePage i18n={i18n} path={c.req.path} title={i18n.t('endorse.withdrawn.title')} paragraphs={[i18n.t('endorse.withdrawn.body')]} slug={slug} />);
  }

  app.get('/withdraw/:token', (c) => withdrawGetOrPost(c, false));
  app.post('/withdraw/:token', (c) => withdrawGetOrPost(c, true));

  app.get('/s/:slug/withdrawn', async (c) => {
    const statement = await publicStatement(c.req.param('slug'));
    if (!statement) return notFoundPage(c);
    const i18n = localeFor(c, statement.default_locale);
    c.set('i18n', i18n);
    return withdrawnPage(c, i18n, statement.slug);
  });

  return app;
}

/** On the 409 page: back to the statement when it is public. */
function StatementLink(props: { i18n: I18n; statement: StatementWithTexts }) {
  if (props.statement.status === 'draft') return null;
  return (
    <p>
      <a href={`/s/${props.statement.slug}`}>{props.i18n.t('endorse.backToStatement')}</a>
    </p>
  );
}

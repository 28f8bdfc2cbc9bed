import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { recordAudit } from '../audit/audit.js';
import type { MessageKey } from '../i18n/i18n.js';
import { clientKey, keyedHash } from '../security/client-ip.js';
import { route } from './access.js';
import { changeOwnPassword, findStaffById, preparePassword } from './accounts.js';
import { actorOf } from './context.js';
import { preSessionToken } from './csrf.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { DigestChoice, setDigest } from './digest.js';
import { requestPasswordReset } from './forgot.js';
import { verifyPassword } from './passwords.js';
import { StaffPassword, fieldErrors } from './staff-input.js';
import { countLoginAttempt, giveBackLoginAttempt } from './throttle.js';
import { ForgotPage, OwnAccountPage } from './views/onboarding-pages.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

const ForgotForm = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(3), v.maxLength(254), v.email()),
});
const ChangeForm = v.object({
  current: v.pipe(
    v.string('staff.own.currentMissing'),
    v.minLength(1, 'staff.own.currentMissing'),
    v.maxLength(1000, 'staff.own.currentMissing'),
  ),
  password: StaffPassword,
});
const Done = v.picklist(['welcome', 'password', 'digest']);

const DONE_NOTICE = {
  welcome: 'staff.own.welcome',
  password: 'staff.own.passwordSet',
  digest: 'staff.own.digest.saved',
} as const satisfies Record<v.InferOutput<typeof Done>, MessageKey>;

/** Self-service: "forgot your password?" (signed out) and one's own account page (signed in). */
export function onboardingRoutes(app: StaffApp, deps: Deps) {
  const https = deps.config.publicUrl.startsWith('https://');

  const renderForgot = (
    c: StaffContext,
    email: string,
    opts: { error?: string; status?: 200 | 422 | 429; notices?: Notice[] } = {},
  ) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.forgot.title'),
      <ForgotPage t={t} csrf={preSessionToken(c, https)} email={email} error={opts.error} />,
      { status: opts.status ?? 200, notices: opts.notices ?? [] },
    );
  };

  route(app, 'GET /forgot', (c) => renderForgot(c, ''));

  route(app, 'POST /forgot', async (c) => {
    const t = c.get('i18n').t;
    const form = await formOf(c);
    const parsed = v.safeParse(ForgotForm, { email: field(form, 'email') });
    if (!parsed.success) {
      return renderForgot(c, field(form, 'email').slice(0, 254), {
        error: t('staff.error.email'),
        status: 422,
      });
    }
    const email = parsed.output.email;
    const outcome = await requestPasswordReset(
      deps,
      {
        email,
        locale: c.get('i18n').locale,
        accountKey: `staff-forgot:account:${keyedHash(deps.secret, 'login-email', email)}`,
        addressKey: `staff-forgot:ip:${clientKey(c, deps.secret, deps.config.trustProxy) ?? 'unknown'}`,
      },
      deps.clock.now(),
    );
    if (outcome.kind === 'throttled') {
      deps.metrics.refused('staff-sign-in');
      c.header('Retry-After', String(outcome.retryAfter));
      return renderForgot(c, email, { error: t('staff.forgot.throttled'), status: 429 });
    }
    // The same words whether or not the address has an account.
    return renderForgot(c, '', { notices: [{ kind: 'ok', text: t('staff.forgot.sent', { email }) }] });
  });

  const renderOwn = async (
    c: StaffContext,
    opts: { errors?: Record<string, string>; notices?: Notice[]; status?: 200 | 401 | 422 | 429 } = {},
  ) => {
    const i18n = c.get('i18n');
    const me = await findStaffById(deps.db, sessionOf(c).staff.id);
    if (!me) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const errors = Object.fromEntries(
      Object.entries(opts.errors ?? {}).map(([k, m]) => [k, i18n.t(m as MessageKey)]),
    );
    return staffPage(
      c,
      i18n.t('staff.own.title'),
      <OwnAccountPage
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        me={{
          name: me.name,
          email: me.email,
          role: i18n.t(`staff.role.${me.role}` as MessageKey),
          lastLogin: me.last_login_at,
          digestAfterHours: me.digest_after_hours,
        }}
        errors={errors}
      />,
      { notices: opts.notices ?? [], status: opts.status ?? 200 },
    );
  };

  route(app, 'GET /account', (c) => {
    const done = v.safeParse(Done, c.req.query('done'));
    const t = c.get('i18n').t;
    return renderOwn(c, {
      notices: done.success ? [{ kind: 'ok', text: t(DONE_NOTICE[done.output]) }] : [],
    });
  });

  // The waiting reminder (src/staff/digest.ts): one's own, in the language of the page it was set on.
  route(app, 'POST /account/digest', async (c) => {
    const form = await formOf(c);
    const parsed = v.safeParse(DigestChoice, field(form, 'after'));
    if (!parsed.success) {
      return renderOwn(c, { errors: { after: 'staff.own.digest.invalid' }, status: 422 });
    }
    const hours = parsed.output === 'off' ? null : parsed.output;
    const staffId = sessionOf(c).staff.id;
    await setDigest(deps.db, actorOf(c), staffId, hours, c.get('i18n').locale, deps.clock.now());
    return c.redirect('/admin/account?done=digest#digest', 303);
  });

  route(app, 'POST /account', async (c) => {
    const form = await formOf(c);
    const parsed = v.safeParse(ChangeForm, {
      current: field(form, 'current'),
      password: field(form, 'password'),
    });
    if (!parsed.success) {
      return renderOwn(c, { errors: fieldErrors(parsed.issues), status: 422 });
    }
    const session = sessionOf(c);
    const me = await findStaffById(deps.db, session.staff.id);
    if (!me) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const now = deps.clock.now();
    // A stolen session must not buy unlimited guesses at the current password: the sign-in throttle counts them.
    const attempt = await countLoginAttempt(
      deps.db,
      {
        account: `staff-login:account:${keyedHash(deps.secret, 'login-email', me.email.toLowerCase())}`,
        address: `staff-login:ip:${clientKey(c, deps.secret, deps.config.trustProxy) ?? 'unknown'}`,
      },
      now,
    );
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfter));
      return renderOwn(c, { errors: { current: 'staff.login.throttled' }, status: 429 });
    }
    if (!(await verifyPassword(parsed.output.current, me.password_hash))) {
      return renderOwn(c, { errors: { current: 'staff.own.currentWrong' }, status: 401 });
    }
    await giveBackLoginAttempt(deps.db, attempt);
    const { hash } = await preparePassword(parsed.output.password);
    await deps.db.transaction().execute(async (trx) => {
      await changeOwnPassword(trx, me.id, hash, session.idHash);
      await recordAudit(
        trx,
        actorOf(c),
        { action: 'staff.password.change', details: { email: me.email } },
        now,
      );
    });
    return renderOwn(c, { notices: [{ kind: 'ok', text: c.get('i18n').t('staff.own.passwordSet') }] });
  });
}

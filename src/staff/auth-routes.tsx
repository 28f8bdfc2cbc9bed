import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { sameSitePath } from '../http/safe-path.js';
import { route } from './access.js';
import { dummyHashLikeAccounts, findStaffByEmail } from './accounts.js';
import { recordAudit } from '../audit/audit.js';
import { clientKey, keyedHash } from '../security/client-ip.js';
import { cookieOptions, preSessionToken } from './csrf.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { verifyPassword } from './passwords.js';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  createSession,
  deleteSession,
  purgeExpiredSessions,
} from './sessions.js';
import { auditFailedLogin, auditThrottledLogin } from './login-audit.js';
import { countLoginAttempt, giveBackLoginAttempt } from './throttle.js';
import { LoginPage } from './views/login-page.js';
import { staffPage } from './views/staff-page.js';

const LoginSchema = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
});

/**
 * Only same-site /admin paths are followed after sign-in (no open redirect), and only in printable
 * ASCII (our own links are percent-encoded): a CR/LF or any other control character would break
 * the Location header, or split it.
 */
export function safeNext(next: string | undefined): string {
  // The one same-site path rule, then: only /admin pages, printable ASCII (it goes into a header).
  const path = sameSitePath(next, '');
  return /^\/admin(\/|\?|$)/.test(path) && /^[\x21-\x7e]{1,2000}$/.test(path) && !path.includes('//')
    ? path
    : '/admin';
}

/** Sign-in and sign-out. */
export function authRoutes(app: StaffApp, deps: Deps) {
  const https = deps.config.publicUrl.startsWith('https://');

  const renderLogin = (
    c: StaffContext,
    opts: { email?: string; error?: string; status?: 200 | 401 | 422 | 429; next?: string | undefined } = {},
  ) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.login.title'),
      <LoginPage
        t={t}
        csrf={preSessionToken(c, https)}
        email={opts.email ?? ''}
        next={safeNext(opts.next ?? c.req.query('next'))}
        error={opts.error}
      />,
      {
        status: opts.status ?? 200,
        notices:
          c.req.query('signedOut') && !opts.error ? [{ kind: 'ok', text: t('staff.login.signedOut') }] : [],
      },
    );
  };

  route(app, 'GET /login', (c) => {
    if (c.get('session')) {
      return c.redirect('/admin', 303);
    }
    return renderLogin(c);
  });

  route(app, 'POST /login', async (c) => {
    const t = c.get('i18n').t;
    const form = await formOf(c);
    const next = field(form, 'next');
    const parsed = v.safeParse(LoginSchema, {
      email: field(form, 'email'),
      password: field(form, 'password'),
    });
    if (!parsed.success) {
      return renderLogin(c, {
        email: field(form, 'email'),
        error: t('staff.login.missing'),
        status: 422,
        next,
      });
    }
    const { email, password } = parsed.output;
    const now = deps.clock.now();
    // Counted before the password is checked: parallel guesses get no more checks than sequential ones.
    const attempt = await countLoginAttempt(
      deps.db,
      {
        account: `staff-login:account:${keyedHash(deps.secret, 'login-email', email)}`,
        address: `staff-login:ip:${clientKey(c, deps.secret, deps.config.trustProxy) ?? 'unknown'}`,
      },
      now,
    );
    if (!attempt.allowed) {
      await auditThrottledLogin(deps.db, email, attempt, now);
      deps.metrics.refused('staff-sign-in');
      c.header('Retry-After', String(attempt.retryAfter));
      return renderLogin(c, { email, error: t('staff.login.throttled'), status: 429, next });
    }
    const user = await findStaffByEmail(deps.db, email);
    // Unknown account: hash against a dummy so the answer takes as long as a wrong password.
    const hash = user?.password_hash ?? (await dummyHashLikeAccounts(deps.db));
    const ok = (await verifyPassword(password, hash)) && !!user && !user.disabled_at;
    if (!ok || !user) {
      if (user) {
        await auditFailedLogin(deps.db, user, now);
      }
      return renderLogin(c, { email, error: t('staff.login.failed'), status: 401, next });
    }
    const session = await deps.db.transaction().execute(async (trx) => {
      const s = await createSession(trx, user.id, now, c.req.header('user-agent'));
      await trx.updateTable('staff_users').set({ last_login_at: now }).where('id', '=', user.id).execute();
      await recordAudit(
        trx,
        { id: user.id, name: user.name },
        { action: 'staff.login', details: { email: user.email } },
        now,
      );
      await purgeExpiredSessions(trx, now);
      return s;
    });
    await giveBackLoginAttempt(deps.db, attempt);
    setCookie(c, SESSION_COOKIE, session.id, {
      ...cookieOptions(https),
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return c.redirect(safeNext(next), 303);
  });

  route(app, 'POST /logout', async (c) => {
    const session = sessionOf(c);
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await deleteSession(trx, session.idHash);
      await recordAudit(
        trx,
        { id: session.staff.id, name: session.staff.name },
        { action: 'staff.logout' },
        now,
      );
    });
    deleteCookie(c, SESSION_COOKIE, cookieOptions(https));
    return c.redirect('/admin/login?signedOut=1', 303);
  });
}

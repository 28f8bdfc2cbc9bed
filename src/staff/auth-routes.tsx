import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { route } from './access.js';
import { findStaffByEmail } from './accounts.js';
import { recordAudit } from './audit.js';
import { clientIp, keyedHash } from '../security/client-ip.js';
import { cookieOptions, preSessionToken } from './csrf.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, createSession, deleteSession, purgeExpiredSessions } from './sessions.js';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_MS, rateCount, rateHit } from './throttle.js';
import { LoginPage } from './views/login-page.js';
import { staffPage } from './views/staff-page.js';

const LoginSchema = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
});

/** Only same-site /admin paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[^\\]*)?(\?.*)?$/.test(next) && !next.startsWith('//') && !next.includes('//') ? next : '/admin';
}

/** Sign-in and sign-out. */
export function authRoutes(app: StaffApp, deps: Deps) {
  const https = deps.config.publicUrl.startsWith('https://');

  const renderLogin = (c: StaffContext, opts: { email?: string; error?: string; status?: 200 | 401 | 422 | 429; next?: string | undefined } = {}) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.login.title'),
      <LoginPage t={t} csrf={preSessionToken(c, https)} email={opts.email ?? ''} next={safeNext(opts.next ?? c.req.query('next'))} error={opts.error} />,
      { status: opts.status ?? 200, notices: c.req.query('signedOut') && !opts.error ? [{ kind: 'ok', text: t('staff.login.signedOut') }] : [] },
    );
  };

  route(app, 'GET /login', (c) => {
    if (c.get('session')) return c.redirect('/admin', 303);
    return renderLogin(c);
  });

  route(app, 'POST /login', async (c) => {
    const t = c.get('i18n').t;
    const form = await formOf(c);
    const next = field(form, 'next');
    const parsed = v.safeParse(LoginSchema, { email: field(form, 'email'), password: field(form, 'password') });
    if (!parsed.success) return renderLogin(c, { email: field(form, 'email'), error: t('staff.login.missing'), status: 422, next });
    const { email, password } = parsed.output;
    const now = deps.clock.now();
    const accountKey = `staff-login:account:${keyedHash(deps.secret, 'login-email', email)}`;
    const ipKey = `staff-login:ip:${keyedHash(deps.secret, 'ip', clientIp(c, deps.config.trustProxy))}`;
    const [perAccount, perIp] = await Promise.all([
      rateCount(deps.db, accountKey, now, LOGIN_WINDOW_MS),
      rateCount(deps.db, ipKey, now, LOGIN_WINDOW_MS),
    ]);
    const user = await findStaffByEmail(deps.db, email);
    if (perAccount >= LOGIN_LIMIT_PER_ACCOUNT || perIp >= LOGIN_LIMIT_PER_IP) {
      await recordAudit(deps.db, { id: null, name: email }, { action: 'staff.login.throttled', details: { email, staffId: user?.id ?? null } }, now);
      c.header('Retry-After', String(Math.ceil(LOGIN_WINDOW_MS / 1000)));
      return renderLogin(c, { email, error: t('staff.login.throttled'), status: 429, next });
    }
    // Unknown account: hash against a dummy so the answer takes as long as a wrong password.
    const hash = user?.password_hash ?? (await dummyHash());
    const ok = (await verifyPassword(password, hash)) && !!user && !user.disabled_at;
    if (!ok || !user) {
      await rateHit(deps.db, accountKey, now, LOGIN_WINDOW_MS);
      await rateHit(deps.db, ipKey, now, LOGIN_WINDOW_MS);
      await recordAudit(
        deps.db,
        { id: null, name: email },
        { action: 'staff.login.failed', details: { email, reason: !user ? 'unknown-account' : user.disabled_at ? 'disabled' : 'wrong-password' } },
        now,
      );
      return renderLogin(c, { email, error: t('staff.login.failed'), status: 401, next });
    }
    const session = await deps.db.transaction().execute(async (trx) => {
      const s = await createSession(trx, user.id, now, c.req.header('user-agent'));
      await trx.updateTable('staff_users').set({ last_login_at: now }).where('id', '=', user.id).execute();
      await recordAudit(trx, { id: user.id, name: user.name }, { action: 'staff.login', details: { email: user.email } }, now);
      await purgeExpiredSessions(trx, now);
      return s;
    });
    setCookie(c, SESSION_COOKIE, session.id, { ...cookieOptions(https), maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) });
    return c.redirect(safeNext(next), 303);
  });

  route(app, 'POST /logout', async (c) => {
    const session = sessionOf(c);
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await deleteSession(trx, session.idHash);
      await recordAudit(trx, { id: session.staff.id, name: session.staff.name }, { action: 'staff.logout' }, now);
    });
    deleteCookie(c, SESSION_COOKIE, cookieOptions(https));
    return c.redirect('/admin/login?signedOut=1', 303);
  });
}

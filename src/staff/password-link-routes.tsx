import { setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { recordAudit } from '../audit/audit.js';
import type { MessageKey } from '../i18n/i18n.js';
import { route } from './access.js';
import { cookieOptions, preSessionToken } from './csrf.js';
import { field, formOf, type StaffApp, type StaffContext } from './env.js';
import { preparePassword } from './accounts.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, createSession } from './sessions.js';
import { peekStaffLink, useStaffLink, type StaffLinkPurpose } from './staff-links.js';
import { StaffPassword, fieldErrors } from './staff-input.js';
import { PasswordLinkPage } from './views/onboarding-pages.js';
import { staffError, staffPage } from './views/staff-page.js';

const LinkForm = v.object({ password: StaffPassword });

/** The page an invitation or reset link opens: choose a password, and be signed in (once). */
export function passwordLinkRoutes(app: StaffApp, deps: Deps) {
  const https = deps.config.publicUrl.startsWith('https://');

  const invalid = (c: StaffContext) =>
    staffError(
      c,
      410,
      'staff.link.badTitle',
      'staff.link.badBody',
      <p>
        <a href="/admin/forgot">{c.get('i18n').t('staff.forgot.title')}</a>
      </p>,
    );

  const render = (
    c: StaffContext,
    token: string,
    found: { user: { name: string; email: string }; purpose: StaffLinkPurpose },
    error?: string,
  ) => {
    const t = c.get('i18n').t;
    const title = t(found.purpose === 'invite' ? 'staff.link.inviteTitle' : 'staff.link.resetTitle', {
      name: found.user.name,
    });
    return staffPage(
      c,
      title,
      <PasswordLinkPage
        t={t}
        title={title}
        csrf={preSessionToken(c, https)}
        token={token}
        email={found.user.email}
        error={error}
      />,
      { status: error ? 422 : 200 },
    );
  };

  route(app, 'GET /password-link', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = await peekStaffLink(deps.db, token, deps.clock.now());
    return found ? render(c, token, found) : invalid(c);
  });

  route(app, 'POST /password-link', async (c) => {
    const form = await formOf(c);
    const token = field(form, 'token');
    const found = await peekStaffLink(deps.db, token, deps.clock.now());
    if (!found) {
      return invalid(c);
    }
    const parsed = v.safeParse(LinkForm, { password: field(form, 'password') });
    if (!parsed.success) {
      const key = fieldErrors(parsed.issues).password as MessageKey;
      return render(c, token, found, c.get('i18n').t(key));
    }
    const { hash } = await preparePassword(parsed.output.password);
    const now = deps.clock.now();
    const session = await deps.db.transaction().execute(async (trx) => {
      const used = await useStaffLink(trx, token, hash, now);
      if (!used) {
        return undefined;
      }
      await recordAudit(
        trx,
        { id: used.user.id, name: used.user.name },
        {
          action: used.purpose === 'invite' ? 'staff.invite.accept' : 'staff.password.reset-done',
          details: { email: used.user.email },
        },
        now,
      );
      return createSession(trx, used.user.id, now, c.req.header('user-agent'));
    });
    if (!session) {
      return invalid(c);
    }
    setCookie(c, SESSION_COOKIE, session.id, {
      ...cookieOptions(https),
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return c.redirect(`/admin/account?done=${found.purpose === 'invite' ? 'welcome' : 'password'}`, 303);
  });
}

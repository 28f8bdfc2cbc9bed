import { setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { MessageKey } from '../i18n/i18n.js';
import { route } from './access.js';
import { DuplicateStaffEmailError, countStaff, createStaffUser, preparePassword } from './accounts.js';
import { recordAudit } from '../audit/audit.js';
import { cookieOptions, preSessionToken } from './csrf.js';
import { field, formOf, type StaffApp, type StaffContext } from './env.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, createSession } from './sessions.js';
import { consumeSetupToken, isSetupTokenValid } from './setup.js';
import { StaffEmail, StaffName, StaffPassword, fieldErrors } from './staff-input.js';
import { SetupPage, type SetupValues } from './views/setup-page.js';
import { staffError, staffPage } from './views/staff-page.js';

const SetupSchema = v.object({ name: StaffName, email: StaffEmail, password: StaffPassword });

/** First run: create the first admin in the browser with the one-time link the server logged. */
export function setupRoutes(app: StaffApp, deps: Deps) {
  const https = deps.config.publicUrl.startsWith('https://');

  const gone = (c: StaffContext) =>
    staffError(
      c,
      410,
      'staff.setup.doneTitle',
      'staff.setup.doneBody',
      <p>
        <a href="/admin/login">{c.get('i18n').t('staff.login.title')}</a>
      </p>,
    );
  const render = (
    c: StaffContext,
    token: string,
    values: SetupValues,
    errors: Record<string, string>,
    status: 200 | 422 = 200,
  ) => {
    const t = c.get('i18n').t;
    const translated = Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, t(m as MessageKey)]));
    return staffPage(
      c,
      t('staff.setup.title'),
      <SetupPage t={t} csrf={preSessionToken(c, https)} token={token} values={values} errors={translated} />,
      { status },
    );
  };

  route(app, 'GET /setup', async (c) => {
    if ((await countStaff(deps.db)) > 0) {
      return gone(c);
    }
    const token = c.req.query('token') ?? '';
    if (!(await isSetupTokenValid(deps.db, token))) {
      return staffError(c, 404, 'staff.setup.badLinkTitle', 'staff.setup.badLinkBody');
    }
    return render(c, token, { name: '', email: '' }, {});
  });

  route(app, 'POST /setup', async (c) => {
    if ((await countStaff(deps.db)) > 0) {
      return gone(c);
    }
    const form = await formOf(c);
    const token = field(form, 'token');
    if (!(await isSetupTokenValid(deps.db, token))) {
      return staffError(c, 404, 'staff.setup.badLinkTitle', 'staff.setup.badLinkBody');
    }
    const values = { name: field(form, 'name'), email: field(form, 'email') };
    const parsed = v.safeParse(SetupSchema, { ...values, password: field(form, 'password') });
    if (!parsed.success) {
      return render(c, token, values, fieldErrors(parsed.issues), 422);
    }
    const { hash } = await preparePassword(parsed.output.password);
    const now = deps.clock.now();
    const result = await deps.db
      .transaction()
      .execute(async (trx) => {
        if (!(await consumeSetupToken(trx, token)) || (await countStaff(trx)) > 0) {
          return undefined;
        }
        const user = await createStaffUser(
          trx,
          { name: parsed.output.name, email: parsed.output.email, role: 'admin' },
          hash,
          now,
        );
        await recordAudit(
          trx,
          { id: user.id, name: user.name },
          { action: 'staff.setup', details: { email: user.email, role: 'admin' } },
          now,
        );
        const session = await createSession(trx, user.id, now, c.req.header('user-agent'));
        return session;
      })
      .catch((err) => {
        if (err instanceof DuplicateStaffEmailError) {
          return undefined;
        }
        throw err;
      });
    if (!result) {
      return gone(c);
    }
    setCookie(c, SESSION_COOKIE, result.id, {
      ...cookieOptions(https),
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return c.redirect('/admin?done=welcome', 303);
  });
}

import * as v from 'valibot';
import type { StaffUser } from '../db/database.js';
import { STAFF_ROLES } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { I18n, MessageKey } from '../i18n/i18n.js';
import { route } from './access.js';
import {
  DuplicateStaffEmailError,
  createStaffUser,
  findStaffById,
  listStaff,
  preparePassword,
  setStaffDisabled,
  setStaffPassword,
} from './accounts.js';
import { recordAudit } from '../audit/audit.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { actorOf, idParam } from './context.js';
import { NewStaffSchema, fieldErrors } from './staff-input.js';
import { CsrfField, Field, describedBy, staffError, staffPage, type Notice } from './views/staff-page.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

/** Staff accounts (admins): list, add, disable/enable, reset a password. */
export function accountRoutes(app: StaffApp, deps: Deps) {
  const render = async (
    c: StaffContext,
    opts: {
      values?: Record<string, string>;
      errors?: Record<string, string>;
      notices?: Notice[];
      status?: 200 | 409 | 422;
    } = {},
  ) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const errors = Object.fromEntries(
      Object.entries(opts.errors ?? {}).map(([k, m]) => [k, t(m as MessageKey)]),
    );
    return staffPage(
      c,
      t('staff.accounts.title'),
      <AccountsPage
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        selfId={sessionOf(c).staff.id}
        users={await listStaff(deps.db)}
        values={opts.values ?? {}}
        errors={errors}
      />,
      { notices: opts.notices ?? [], status: opts.status ?? 200 },
    );
  };

  /** A generated password is shown once, on the response page itself (never in a URL or a log). */
  const showPassword = (
    c: StaffContext,
    user: StaffUser,
    password: string,
    key: 'staff.accounts.created' | 'staff.accounts.passwordReset',
  ) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.accounts.title'),
      <>
        <h1>{t('staff.accounts.title')}</h1>
        <p class="notice ok" role="status">
          {t(key, { name: user.name, email: user.email })}
        </p>
        <p>{t('staff.accounts.passwordOnce')}</p>
        <p>
          <code class="password">{password}</code>
        </p>
        <p>
          <a href="/admin/staff">{t('staff.accounts.back')}</a>
        </p>
      </>,
    );
  };

  route(app, 'GET /staff', (c) => render(c));

  route(app, 'POST /staff', async (c) => {
    const form = await formOf(c);
    const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role') };
    const parsed = v.safeParse(NewStaffSchema, { ...values, password: field(form, 'password') });
    if (!parsed.success) {
      return render(c, { values, errors: fieldErrors(parsed.issues), status: 422 });
    }
    const { hash, generated } = await preparePassword(parsed.output.password || undefined);
    const now = deps.clock.now();
    try {
      const user = await deps.db.transaction().execute(async (trx) => {
        const u = await createStaffUser(trx, parsed.output, hash, now);
        await recordAudit(
          trx,
          actorOf(c),
          { action: 'staff.add', details: { staffId: u.id, email: u.email, name: u.name, role: u.role } },
          now,
        );
        return u;
      });
      if (generated) {
        return showPassword(c, user, generated, 'staff.accounts.created');
      }
      return render(c, {
        notices: [{ kind: 'ok', text: c.get('i18n').t('staff.accounts.added', { name: user.name }) }],
      });
    } catch (err) {
      if (err instanceof DuplicateStaffEmailError) {
        return render(c, { values, errors: { email: 'staff.error.emailTaken' }, status: 409 });
      }
      throw err;
    }
  });

  const toggle = (disable: boolean) => async (c: StaffContext) => {
    const id = idParam(c);
    const t = c.get('i18n').t;
    if (disable && id === sessionOf(c).staff.id) {
      return render(c, { notices: [{ kind: 'error', text: t('staff.accounts.notSelf') }], status: 409 });
    }
    const now = deps.clock.now();
    const user = await findStaffById(deps.db, id);
    if (!user) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    await deps.db.transaction().execute(async (trx) => {
      if (await setStaffDisabled(trx, id, disable, now)) {
        await recordAudit(
          trx,
          actorOf(c),
          { action: disable ? 'staff.disable' : 'staff.enable', details: { staffId: id, email: user.email } },
          now,
        );
      }
    });
    return render(c, {
      notices: [
        {
          kind: 'ok',
          text: t(disable ? 'staff.accounts.disabled' : 'staff.accounts.enabled', { name: user.name }),
        },
      ],
    });
  };
  route(app, 'POST /staff/:id{[0-9]+}/disable', toggle(true));
  route(app, 'POST /staff/:id{[0-9]+}/enable', toggle(false));

  route(app, 'POST /staff/:id{[0-9]+}/password', async (c) => {
    const id = idParam(c);
    const user = await findStaffById(deps.db, id);
    if (!user) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const { hash, generated } = await preparePassword(undefined);
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await setStaffPassword(trx, id, hash);
      await recordAudit(
        trx,
        actorOf(c),
        { action: 'staff.password-reset', details: { staffId: id, email: user.email } },
        now,
      );
    });
    return showPassword(c, user, generated!, 'staff.accounts.passwordReset');
  });
}

function AccountsPage(props: {
  i18n: I18n;
  csrf: string;
  selfId: number;
  users: StaffUser[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { i18n, errors, values } = props;
  const t = i18n.t;
  return (
    <>
      <h1>{t('staff.accounts.title')}</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.field.name')}</th>
              <th scope="col">{t('staff.field.email')}</th>
              <th scope="col">{t('staff.field.role')}</th>
              <th scope="col">{t('staff.accounts.lastLogin')}</th>
              <th scope="col">{t('staff.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td>
                  {u.name}
                  {u.disabled_at ? ` (${t('staff.accounts.disabledMark')})` : ''}
                </td>
                <td>{u.email}</td>
                <td>{t(`staff.role.${u.role}` as MessageKey)}</td>
                <td>{u.last_login_at ? i18n.dateTime(u.last_login_at) : '—'}</td>
                <td>
                  {u.id === props.selfId ? (
                    <span class="muted">{t('staff.accounts.you')}</span>
                  ) : (
                    <form
                      method="post"
                      action={`/admin/staff/${u.id}/${u.disabled_at ? 'enable' : 'disable'}`}
                      class="inline-form"
                    >
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="secondary small">
                        {t(u.disabled_at ? 'staff.accounts.enable' : 'staff.accounts.disable')}
                      </button>
                    </form>
                  )}{' '}
                  <form method="post" action={`/admin/staff/${u.id}/password`} class="inline-form">
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="secondary small">
                      {t('staff.accounts.resetPassword')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('staff.accounts.add')}</h2>
      <form method="post" action="/admin/staff">
        <CsrfField token={props.csrf} />
        <Field id="name" label={t('staff.field.name')} error={errors.name}>
          <input
            type="text"
            id="name"
            name="name"
            value={values.name ?? ''}
            required
            maxlength={100}
            aria-describedby={describedBy('name', false, errors.name)}
          />
        </Field>
        <Field id="email" label={t('staff.field.email')} error={errors.email}>
          <input
            type="email"
            id="email"
            name="email"
            value={values.email ?? ''}
            required
            aria-describedby={describedBy('email', false, errors.email)}
          />
        </Field>
        <Field id="role" label={t('staff.field.role')} hint={t('staff.field.roleHint')} error={errors.role}>
          <select id="role" name="role" aria-describedby={describedBy('role', true, errors.role)}>
            {STAFF_ROLES.map((r) => (
              <option value={r} selected={r === (values.role || 'verifier')}>
                {t(`staff.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="password"
          label={t('staff.field.initialPassword')}
          hint={t('staff.field.initialPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          error={errors.password}
        >
          <input
            type="password"
            id="password"
            name="password"
            minlength={MIN_PASSWORD_LENGTH}
            autocomplete="new-password"
            aria-describedby={describedBy('password', true, errors.password)}
          />
        </Field>
        <button type="submit">{t('staff.accounts.addSubmit')}</button>
      </form>
    </>
  );
}

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
  setStaffRole,
} from './accounts.js';
import { issueStaffLink, pendingInvitations } from './staff-links.js';
import { recordAudit } from '../audit/audit.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { actorOf, idParam } from './context.js';
import { NewStaffSchema, StaffRoleSchema, fieldErrors } from './staff-input.js';
import { CsrfField, Field, describedBy, staffError, staffPage, type Notice } from './views/staff-page.js';

/**
 * Staff accounts (admins): list, invite (an email with a single-use sign-in link, README.md "Staff
 * onboarding"), change a role, disable/enable, reset a password (confirmed first; never one's own).
 */
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
        invited={await pendingInvitations(deps.db, deps.clock.now())}
        values={opts.values ?? {}}
        errors={errors}
      />,
      { notices: opts.notices ?? [], status: opts.status ?? 200 },
    );
  };

  route(app, 'GET /staff', (c) => render(c));

  route(app, 'POST /staff', async (c) => {
    const form = await formOf(c);
    const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role') };
    const parsed = v.safeParse(NewStaffSchema, values);
    if (!parsed.success) {
      return render(c, { values, errors: fieldErrors(parsed.issues), status: 422 });
    }
    // No password is chosen or shown here: the account gets an unusable random one until the
    // invitation link is used.
    const { hash } = await preparePassword(undefined);
    const now = deps.clock.now();
    const inviter = actorOf(c);
    try {
      const user = await deps.db.transaction().execute(async (trx) => {
        const u = await createStaffUser(trx, parsed.output, hash, now);
        await issueStaffLink(
          trx,
          deps,
          u,
          'invite',
          { locale: c.get('i18n').locale, inviter: inviter.name },
          now,
        );
        await recordAudit(
          trx,
          inviter,
          { action: 'staff.add', details: { staffId: u.id, email: u.email, name: u.name, role: u.role } },
          now,
        );
        return u;
      });
      return render(c, {
        notices: [
          {
            kind: 'ok',
            text: c.get('i18n').t('staff.accounts.invited', { name: user.name, email: user.email }),
          },
        ],
      });
    } catch (err) {
      if (err instanceof DuplicateStaffEmailError) {
        return render(c, { values, errors: { email: 'staff.error.emailTaken' }, status: 409 });
      }
      throw err;
    }
  });

  route(app, 'POST /staff/:id{[0-9]+}/role', async (c) => {
    const id = idParam(c);
    const t = c.get('i18n').t;
    if (id === sessionOf(c).staff.id) {
      return render(c, { notices: [{ kind: 'error', text: t('staff.accounts.notSelfRole') }], status: 409 });
    }
    const parsed = v.safeParse(StaffRoleSchema, field(await formOf(c), 'role'));
    if (!parsed.success) {
      return render(c, { notices: [{ kind: 'error', text: t('staff.error.role') }], status: 422 });
    }
    const user = await findStaffById(deps.db, id);
    if (!user) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const now = deps.clock.now();
    const changed = await deps.db.transaction().execute(async (trx) => {
      const res = await setStaffRole(trx, id, parsed.output);
      if (res) {
        await recordAudit(
          trx,
          actorOf(c),
          {
            action: 'staff.role',
            details: { staffId: id, email: user.email, from: res.from, to: parsed.output },
          },
          now,
        );
      }
      return res;
    });
    const role = t(`staff.role.${parsed.output}` as MessageKey);
    return render(c, {
      notices: [
        changed
          ? { kind: 'ok', text: t('staff.accounts.roleChanged', { name: user.name, role }) }
          : { kind: 'warn', text: t('staff.accounts.roleUnchanged', { name: user.name, role }) },
      ],
    });
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

  /**
   * Resetting someone's password is confirmed first (it signs them out everywhere); the new password
   * is chosen by them through an emailed link, never shown here. One's own is changed on /admin/account.
   */
  route(app, 'POST /staff/:id{[0-9]+}/password', async (c) => {
    const id = idParam(c);
    const i18n = c.get('i18n');
    const t = i18n.t;
    if (id === sessionOf(c).staff.id) {
      return render(c, { notices: [{ kind: 'error', text: t('staff.accounts.notSelfReset') }], status: 409 });
    }
    const user = await findStaffById(deps.db, id);
    if (!user) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const invite = !user.last_login_at;
    if (field(await formOf(c), 'confirm') !== 'yes') {
      return staffPage(
        c,
        t('staff.accounts.resetConfirmTitle', { name: user.name }),
        <>
          <h1>{t('staff.accounts.resetConfirmTitle', { name: user.name })}</h1>
          <p>
            {t(invite ? 'staff.accounts.resendConfirmBody' : 'staff.accounts.resetConfirmBody', {
              name: user.name,
              email: user.email,
            })}
          </p>
          <form method="post" action={`/admin/staff/${user.id}/password`} class="actions">
            <CsrfField token={sessionOf(c).csrfToken} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="danger">
              {t(invite ? 'staff.accounts.resendConfirm' : 'staff.accounts.resetConfirm')}
            </button>{' '}
            <a href="/admin/staff">{t('staff.accounts.cancel')}</a>
          </form>
        </>,
      );
    }
    const { hash } = await preparePassword(undefined);
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await setStaffPassword(trx, id, hash);
      await issueStaffLink(
        trx,
        deps,
        user,
        invite ? 'invite' : 'reset',
        { locale: i18n.locale, inviter: actorOf(c).name },
        now,
      );
      await recordAudit(
        trx,
        actorOf(c),
        {
          action: invite ? 'staff.invite.resend' : 'staff.password-reset',
          details: { staffId: id, email: user.email },
        },
        now,
      );
    });
    return render(c, {
      notices: [
        {
          kind: 'ok',
          text: t(invite ? 'staff.accounts.invited' : 'staff.accounts.resetSent', {
            name: user.name,
            email: user.email,
          }),
        },
      ],
    });
  });
}

function AccountsPage(props: {
  i18n: I18n;
  csrf: string;
  selfId: number;
  users: StaffUser[];
  invited: Set<number>;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { i18n, errors, values } = props;
  const t = i18n.t;
  return (
    <>
      <h1>{t('staff.accounts.title')}</h1>
      <div class="table-wrap">
        <table class="cards">
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
                <td data-label={t('staff.field.name')}>
                  {u.name}
                  {u.disabled_at ? ` (${t('staff.accounts.disabledMark')})` : ''}
                  {props.invited.has(u.id) ? ` (${t('staff.accounts.invitedMark')})` : ''}
                </td>
                <td data-label={t('staff.field.email')}>{u.email}</td>
                <td data-label={t('staff.field.role')}>
                  {u.id === props.selfId ? (
                    t(`staff.role.${u.role}` as MessageKey)
                  ) : (
                    <form method="post" action={`/admin/staff/${u.id}/role`} class="inline-form role-form">
                      <CsrfField token={props.csrf} />
                      <label class="visually-hidden" for={`role-${u.id}`}>
                        {t('staff.accounts.roleOf', { name: u.name })}
                      </label>
                      <select id={`role-${u.id}`} name="role">
                        {STAFF_ROLES.map((r) => (
                          <option value={r} selected={r === u.role}>
                            {t(`staff.role.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="secondary small">
                        {t('staff.accounts.changeRole')}
                      </button>
                    </form>
                  )}
                </td>
                <td data-label={t('staff.accounts.lastLogin')}>
                  {u.id === props.selfId
                    ? t('staff.accounts.now')
                    : u.last_login_at
                      ? i18n.dateTime(u.last_login_at)
                      : '—'}
                </td>
                <td data-label={t('staff.accounts.actions')}>
                  {u.id === props.selfId ? (
                    <a href="/admin/account">{t('staff.own.changePassword')}</a>
                  ) : (
                    <>
                      <form
                        method="post"
                        action={`/admin/staff/${u.id}/${u.disabled_at ? 'enable' : 'disable'}`}
                        class="inline-form"
                      >
                        <CsrfField token={props.csrf} />
                        <button type="submit" class="secondary small">
                          {t(u.disabled_at ? 'staff.accounts.enable' : 'staff.accounts.disable')}
                        </button>
                      </form>{' '}
                      <form method="post" action={`/admin/staff/${u.id}/password`} class="inline-form">
                        <CsrfField token={props.csrf} />
                        <button type="submit" class="secondary small">
                          {t(
                            u.last_login_at ? 'staff.accounts.resetPassword' : 'staff.accounts.resendInvite',
                          )}
                        </button>
                      </form>
                    </>
                  )}
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
        <p class="hint">{t('staff.accounts.inviteHint')}</p>
        <button type="submit">{t('staff.accounts.inviteSubmit')}</button>
      </form>
    </>
  );
}

import { STAFF_LOCALES } from '../../i18n/catalogue.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { errorPage } from '../../views/error-page.js';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey } from '../../i18n/i18n.js';
import { Layout } from '../../views/layout.js';
import { CSRF_FIELD } from '../csrf.js';
import type { StaffContext } from '../env.js';
import type { StaffSession } from '../sessions.js';

/** Staff pages are written in these languages for now; others fall back to English. */
export const STAFF_LANGUAGES: readonly string[] = STAFF_LOCALES;

/** The hidden synchronizer token every staff form carries. */
export const CsrfField = (props: { token: string }) => (
  <input type="hidden" name={CSRF_FIELD} value={props.token} />
);

export type Notice = { kind: 'ok' | 'warn' | 'error'; text: string };

function Nav(props: { c: StaffContext; session: StaffSession }) {
  const t = props.c.get('i18n').t;
  const { staff } = props.session;
  const here = props.c.req.path;
  const link = (href: string, key: MessageKey) => (
    <li>
      <a
        href={href}
        aria-current={here === href || (href !== '/admin' && here.startsWith(href)) ? 'page' : undefined}
      >
        {t(key)}
      </a>
    </li>
  );
  return (
    <nav class="staff-nav" aria-label={t('staff.nav.label')}>
      <ul class="inline-list">
        {link('/admin', 'staff.nav.statements')}
        {staff.role === 'admin' ? link('/admin/audit', 'staff.nav.audit') : null}
        {staff.role === 'admin' ? link('/admin/privacy', 'staff.nav.privacy') : null}
        {staff.role === 'admin' ? link('/admin/staff', 'staff.nav.accounts') : null}
        {staff.role === 'admin' ? link('/admin/backup', 'staff.nav.backup') : null}
        {link('/admin/account', 'staff.nav.account')}
      </ul>
      <form method="post" action="/admin/logout" class="inline-form">
        <CsrfField token={props.session.csrfToken} />
        <span class="muted">
          {t('staff.nav.signedInAs', { name: staff.name, role: t(`staff.role.${staff.role}`) })}
        </span>{' '}
        <button type="submit" class="secondary small">
          {t('staff.nav.signOut')}
        </button>
      </form>
    </nav>
  );
}

/** Every staff page: the site layout (not indexed), the staff navigation when signed in, notices. */
export function staffPage(
  c: StaffContext,
  title: string,
  body: Child,
  opts: { status?: ContentfulStatusCode; notices?: Notice[]; scripts?: string[] } = {},
) {
  const i18n = c.get('i18n');
  const session = c.get('session');
  return c.html(
    <Layout
      i18n={i18n}
      meta={{ title, path: c.req.path, robots: 'noindex, nofollow', languages: STAFF_LANGUAGES }}
      scripts={opts.scripts}
    >
      {session ? <Nav c={c} session={session} /> : null}
      {(opts.notices ?? []).map((n) => (
        <p class={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          {n.text}
        </p>
      ))}
      {body}
    </Layout>,
    opts.status ?? 200,
  );
}

/** A field with its label, hint and error, as the public forms do it. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: Child;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="error-text" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/** aria-describedby for a field's hint and error. */
export const describedBy = (id: string, hint?: unknown, error?: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The site's error page, from a staff route. */
export const staffError = (
  c: StaffContext,
  ...args: Parameters<typeof errorPage> extends [unknown, ...infer R] ? R : never
) => errorPage(c as unknown as Context<AppEnv>, ...args);

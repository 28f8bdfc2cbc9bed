import * as v from 'valibot';
import type { Deps } from '../deps.js';
import { cleanLine, isPlausibleEmail, normaliseEmail } from '../endorsements/form-schema.js';
import type { I18n } from '../i18n/i18n.js';
import { eraseEmail, isPublic } from '../endorsements/lifecycle/index.js';
import { countMailsOf, endorsementsOfEmail, exportPersonalData } from '../privacy/personal-data.js';
import { route } from './access.js';
import { recordAudit } from '../audit/audit.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { actorOf } from './context.js';
import { statusLabel } from './views/labels.js';
import { CsrfField, Field, describedBy, staffPage, type Notice } from './views/staff-page.js';

/** One email address, as typed by staff: cleaned, checked, then the key endorsements are stored under. */
const EmailSchema = v.pipe(
  v.string(),
  v.transform(cleanLine),
  v.check((s) => isPlausibleEmail(s)),
  v.transform(normaliseEmail),
);

/**
 * Personal data requests (admins): export everything held about one email address as JSON, or
 * erase it after a confirmation step. Both are POSTs so the address never sits in a URL or a log;
 * both are audited without the address.
 */
export function privacyStaffRoutes(app: StaffApp, deps: Deps) {
  const form = (
    c: StaffContext,
    opts: { email?: string; error?: string; status?: 200 | 422; notices?: Notice[] } = {},
  ) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.privacy.title'),
      <>
        <h1>{t('staff.privacy.title')}</h1>
        <p>{t('staff.privacy.intro')}</p>
        <form method="post" action="/admin/privacy/export" novalidate>
          <CsrfField token={sessionOf(c).csrfToken} />
          <Field id="f-email" label={t('staff.privacy.email')} error={opts.error}>
            <input
              type="email"
              id="f-email"
              name="email"
              value={opts.email ?? ''}
              required
              autocomplete="off"
              spellcheck={false}
              aria-describedby={describedBy('f-email', false, opts.error)}
              aria-invalid={opts.error ? 'true' : undefined}
            />
          </Field>
          <p class="inline-list">
            <button type="submit">{t('staff.privacy.export')}</button>{' '}
            <button type="submit" class="secondary" formaction="/admin/privacy/erase">
              {t('staff.privacy.erase')}
            </button>
          </p>
        </form>
      </>,
      { status: opts.status ?? 200, notices: opts.notices ?? [] },
    );
  };

  const readEmail = async (c: StaffContext) => {
    const raw = field(await formOf(c), 'email');
    const parsed = v.safeParse(EmailSchema, raw);
    return { raw, email: parsed.success ? parsed.output : undefined };
  };

  route(app, 'GET /privacy', (c) => {
    const t = c.get('i18n').t;
    const done =
      /^\d{1,9}$/.test(c.req.query('erased') ?? '') && /^\d{1,9}$/.test(c.req.query('mails') ?? '');
    const notices: Notice[] = done
      ? [
          {
            kind: 'ok',
            text: t('staff.privacy.done', {
              count: Number(c.req.query('erased')),
              mails: Number(c.req.query('mails')),
            }),
          },
        ]
      : [];
    return form(c, { notices });
  });

  route(app, 'POST /privacy/export', async (c) => {
    const { raw, email } = await readEmail(c);
    if (!email) {
      return form(c, { email: raw, error: c.get('i18n').t('staff.privacy.emailInvalid'), status: 422 });
    }
    const now = deps.clock.now();
    const data = await exportPersonalData(deps.db, email, now);
    await recordAudit(
      deps.db,
      actorOf(c),
      {
        action: 'privacy.export',
        details: {
          endorsements: data.endorsements.length,
          endorsementIds: data.endorsements.map((e) => e.id),
        },
      },
      now,
    );
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="personal-data-${now.toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    });
  });

  route(app, 'POST /privacy/erase', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const { raw, email } = await readEmail(c);
    if (!email) {
      return form(c, { email: raw, error: t('staff.privacy.emailInvalid'), status: 422 });
    }
    if (field(await formOf(c), 'confirm') === 'yes') {
      const r = await eraseEmail(deps, deps.clock.now(), actorOf(c), email);
      return c.redirect(`/admin/privacy?erased=${r.endorsementIds.length}&mails=${r.mailsDeleted}`, 303);
    }
    const rows = await endorsementsOfEmail(deps.db, email);
    const mails = await countMailsOf(
      deps.db,
      email,
      rows.map((r) => r.id),
    );
    return staffPage(
      c,
      t('staff.privacy.confirmTitle'),
      <>
        <h1>{t('staff.privacy.confirmTitle')}</h1>
        {rows.length === 0 && mails === 0 ? (
          <p class="notice">{t('staff.privacy.nothing')}</p>
        ) : (
          <>
            <p class="notice warn">
              {t('staff.privacy.confirmLead', { count: i18n.number(rows.length), mails: i18n.number(mails) })}
            </p>
            <p>{t('staff.privacy.confirmWhat')}</p>
            {rows.length ? <ErasureTable i18n={i18n} rows={rows} /> : null}
            <form method="post" action="/admin/privacy/erase">
              <CsrfField token={sessionOf(c).csrfToken} />
              <input type="hidden" name="email" value={email} />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" class="danger">
                {t('staff.privacy.confirm')}
              </button>
            </form>
          </>
        )}
        <p>
          <a href="/admin/privacy">{t('staff.privacy.cancel')}</a>
        </p>
      </>,
    );
  });
}

function ErasureTable(props: { i18n: I18n; rows: Awaited<ReturnType<typeof endorsementsOfEmail>> }) {
  const t = props.i18n.t;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('staff.privacy.statement')}</th>
            <th scope="col">{t('staff.privacy.organisation')}</th>
            <th scope="col">{t('staff.privacy.status')}</th>
            <th scope="col">{t('staff.privacy.after')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((e) => (
            <tr>
              <td>{e.statement_slug}</td>
              <td>{e.display_name}</td>
              <td>{statusLabel(t, e.status)}</td>
              <td>{isPublic(e) ? t('staff.privacy.afterListed') : t('staff.privacy.afterAnonymous')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { I18n } from '../i18n/i18n.js';
import { route } from './access.js';
import { auditFilterChoices, listAudit, type AuditFilter } from '../audit/audit.js';
import type { StaffApp } from './env.js';
import { staffPage } from './views/staff-page.js';

const OptionalId = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (/^[1-9][0-9]{0,15}$/.test(s) ? Number(s) : undefined)),
  ),
);
const Filter = v.object({
  statement: OptionalId,
  endorsement: OptionalId,
  staff: OptionalId,
  before: OptionalId,
});

/** The audit log page (admins): newest first, filterable, paginated. Read-only by construction. */
export function auditRoutes(app: StaffApp, deps: Deps) {
  route(app, 'GET /audit', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const q = v.parse(Filter, {
      statement: c.req.query('statement'),
      endorsement: c.req.query('endorsement'),
      staff: c.req.query('staff'),
      before: c.req.query('before'),
    });
    const filter: AuditFilter = {
      statementId: q.statement,
      endorsementId: q.endorsement,
      staffId: q.staff,
      before: q.before,
    };
    const [page, { statements, staff }] = await Promise.all([
      listAudit(deps.db, filter),
      auditFilterChoices(deps.db),
    ]);
    const params = (extra: Record<string, number | undefined>) => {
      const p = new URLSearchParams();
      for (const [k, val] of Object.entries({
        statement: q.statement,
        endorsement: q.endorsement,
        staff: q.staff,
        ...extra,
      })) {
        if (val) {
          p.set(k, String(val));
        }
      }
      return p.toString();
    };
    return staffPage(
      c,
      t('staff.audit.title'),
      <>
        <h1>{t('staff.audit.title')}</h1>
        <p class="muted">{t('staff.audit.intro')}</p>
        <form method="get" action="/admin/audit" class="filters">
          <div class="field">
            <label for="f-statement">{t('staff.audit.statement')}</label>
            <select id="f-statement" name="statement">
              <option value="">{t('staff.audit.all')}</option>
              {statements.map((s) => (
                <option value={String(s.id)} selected={s.id === q.statement}>
                  {s.slug}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-endorsement">{t('staff.audit.endorsement')}</label>
            <input
              type="number"
              id="f-endorsement"
              name="endorsement"
              min={1}
              value={q.endorsement ? String(q.endorsement) : ''}
            />
          </div>
          <div class="field">
            <label for="f-staff">{t('staff.audit.person')}</label>
            <select id="f-staff" name="staff">
              <option value="">{t('staff.audit.all')}</option>
              {staff.map((s) => (
                <option value={String(s.id)} selected={s.id === q.staff}>
                  {s.name} ({s.email})
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <button type="submit" class="secondary">
              {t('staff.audit.filter')}
            </button>
          </div>
        </form>
        {page.items.length === 0 ? (
          <p class="notice">{t('staff.audit.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="audit">
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.audit.who')}</th>
                  <th scope="col">{t('staff.audit.action')}</th>
                  <th scope="col">{t('staff.audit.statement')}</th>
                  <th scope="col">{t('staff.audit.endorsement')}</th>
                  <th scope="col">{t('staff.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((a) => (
                  <tr>
                    <td>
                      <time datetime={a.at.toISOString()}>{i18n.dateTime(a.at)}</time>
                    </td>
                    <td>
                      {a.staff_id ? (
                        <a href={`/admin/audit?${params({ staff: a.staff_id })}`}>{a.actor}</a>
                      ) : (
                        a.actor
                      )}
                    </td>
                    <td>
                      <code>{a.action}</code>
                    </td>
                    <td>
                      {a.statement_id ? (
                        <a href={`/admin/audit?${params({ statement: a.statement_id })}`}>
                          {a.slug ?? a.statement_id}
                        </a>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      {a.endorsement_id ? (
                        <a href={`/admin/audit?${params({ endorsement: a.endorsement_id })}`}>
                          {a.endorsement_id}
                        </a>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      <Details i18n={i18n} details={a.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextBefore ? (
          <p>
            <a href={`/admin/audit?${params({ before: page.nextBefore })}`}>{t('staff.audit.older')}</a>
          </p>
        ) : null}
      </>,
    );
  });
}

function Details(props: { i18n: I18n; details: Record<string, unknown> }) {
  const entries = Object.entries(props.details ?? {});
  if (!entries.length) {
    return null;
  }
  return (
    <ul class="details">
      {entries.map(([k, val]) => (
        <li>
          <code>{k}</code>: {typeof val === 'string' ? val : JSON.stringify(val)}
        </li>
      ))}
    </ul>
  );
}

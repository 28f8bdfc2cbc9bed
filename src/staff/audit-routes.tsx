import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { I18n, MessageKey } from '../i18n/i18n.js';
import { csvDocument } from '../views/csv.js';
import { route } from './access.js';
import {
  AUDIT_GROUPS,
  auditFilterChoices,
  listAudit,
  recordAudit,
  type AuditFilter,
  type AuditGroup,
} from '../audit/audit.js';
import { actorOf } from './context.js';
import type { StaffApp, StaffContext } from './env.js';
import { auditSentence } from './views/audit-sentence.js';
import { staffPage } from './views/staff-page.js';

/** At most this many entries in one CSV export (newest first); narrow the filter for older ones. */
export const AUDIT_EXPORT_MAX = 10_000;

const OptionalId = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (/^[1-9][0-9]{0,15}$/.test(s) ? Number(s) : undefined)),
  ),
);
/** A calendar day (UTC, like the log's times); anything else is no filter rather than an error. */
const OptionalDay = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        return undefined;
      }
      const d = new Date(`${s}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? undefined : s;
    }),
  ),
);
const OptionalGroup = v.optional(
  v.pipe(
    v.string(),
    v.transform((s) => (Object.hasOwn(AUDIT_GROUPS, s) ? (s as AuditGroup) : undefined)),
  ),
);
const Filter = v.object({
  statement: OptionalId,
  endorsement: OptionalId,
  staff: OptionalId,
  before: OptionalId,
  group: OptionalGroup,
  from: OptionalDay,
  until: OptionalDay,
});
type Query = v.InferOutput<typeof Filter>;

const DAY_MS = 86_400_000;

function parseQuery(c: StaffContext): Query {
  return v.parse(Filter, {
    statement: c.req.query('statement'),
    endorsement: c.req.query('endorsement'),
    staff: c.req.query('staff'),
    before: c.req.query('before'),
    group: c.req.query('group'),
    from: c.req.query('from'),
    until: c.req.query('until'),
  });
}

function filterOf(q: Query): AuditFilter {
  return {
    statementId: q.statement,
    endorsementId: q.endorsement,
    staffId: q.staff,
    before: q.before,
    group: q.group,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    // "Until" a day includes that whole day.
    until: q.until ? new Date(new Date(`${q.until}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

/** The query string of the current filter, with some values replaced (links keep the other filters). */
function params(q: Query, extra: Partial<Record<keyof Query, string | number | undefined>>) {
  const p = new URLSearchParams();
  const all: Record<string, string | number | undefined> = {
    statement: q.statement,
    endorsement: q.endorsement,
    staff: q.staff,
    group: q.group,
    from: q.from,
    until: q.until,
    ...extra,
  };
  for (const [k, val] of Object.entries(all)) {
    if (val !== undefined && val !== '') {
      p.set(k, String(val));
    }
  }
  return p.toString();
}

/** The audit log page (admins): newest first, in sentences, filterable, paginated, exportable. Read-only. */
export function auditRoutes(app: StaffApp, deps: Deps) {
  route(app, 'GET /audit', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const q = parseQuery(c);
    const [page, { statements, staff }] = await Promise.all([
      listAudit(deps.db, filterOf(q)),
      auditFilterChoices(deps.db),
    ]);
    const exportQuery = params(q, {});
    return staffPage(
      c,
      t('staff.audit.title'),
      <>
        <h1>{t('staff.audit.title')}</h1>
        <p class="muted">{t('staff.audit.intro')}</p>
        <form method="get" action="/admin/audit" class="filters audit-filters">
          <div class="field">
            <label for="f-group">{t('staff.auditx.group')}</label>
            <select id="f-group" name="group">
              <option value="">{t('staff.audit.all')}</option>
              {Object.keys(AUDIT_GROUPS).map((g) => (
                <option value={g} selected={g === q.group}>
                  {t(`staff.auditx.group.${g}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-from">{t('staff.auditx.from')}</label>
            <input type="date" id="f-from" name="from" value={q.from ?? ''} />
          </div>
          <div class="field">
            <label for="f-until">{t('staff.auditx.until')}</label>
            <input type="date" id="f-until" name="until" value={q.until ?? ''} />
          </div>
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
            <button type="submit" class="secondary">
              {t('staff.audit.filter')}
            </button>
          </div>
        </form>
        <p>
          <a class="button secondary small" href={`/admin/audit.csv${exportQuery ? `?${exportQuery}` : ''}`}>
            {t('staff.auditx.export')}
          </a>{' '}
          <span class="muted">{t('staff.auditx.exportHint', { max: i18n.number(AUDIT_EXPORT_MAX) })}</span>
        </p>
        {page.items.length === 0 ? (
          <p class="notice">{t('staff.audit.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="audit cards">
              <thead>
                <tr>
                  <th scope="col">{t('staff.audit.when')}</th>
                  <th scope="col">{t('staff.auditx.what')}</th>
                  <th scope="col">{t('staff.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((a) => (
                  <tr>
                    <td data-label={t('staff.audit.when')}>
                      <time datetime={a.at.toISOString()}>{i18n.dateTime(a.at)}</time>
                    </td>
                    <td data-label={t('staff.auditx.what')}>{auditSentence(i18n, a)}</td>
                    <td data-label={t('staff.audit.details')}>
                      <ul class="inline-list audit-links">
                        {a.staff_id ? (
                          <li>
                            <a href={`/admin/audit?${params(q, { staff: a.staff_id, before: undefined })}`}>
                              {t('staff.auditx.byPerson', { name: a.actor })}
                            </a>
                          </li>
                        ) : null}
                        {a.statement_id ? (
                          <li>
                            <a href={`/admin/audit?${params(q, { statement: a.statement_id })}`}>
                              {a.slug ?? a.statement_id}
                            </a>
                          </li>
                        ) : null}
                        {a.endorsement_id ? (
                          <li>
                            <a href={`/admin/audit?${params(q, { endorsement: a.endorsement_id })}`}>
                              {t('staff.auditx.endorsementNo', { id: a.endorsement_id })}
                            </a>
                          </li>
                        ) : null}
                        <li>
                          <code>{a.action}</code>
                        </li>
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextBefore ? (
          <p>
            <a href={`/admin/audit?${params(q, { before: page.nextBefore })}`}>{t('staff.audit.older')}</a>
          </p>
        ) : null}
      </>,
    );
  });

  /** The filtered log as CSV (newest first, at most AUDIT_EXPORT_MAX rows); the export is itself audited. */
  route(app, 'GET /audit.csv', async (c) => {
    const i18n = c.get('i18n');
    const q = parseQuery(c);
    const filter = { ...filterOf(q), before: undefined };
    const page = await listAudit(deps.db, filter, AUDIT_EXPORT_MAX);
    const now = deps.clock.now();
    await recordAudit(
      deps.db,
      actorOf(c),
      {
        action: 'audit.export',
        details: { count: page.items.length, filter: params(q, {}), truncated: !!page.nextBefore },
      },
      now,
    );
    const body = csvDocument(
      ['at', 'actor', 'action', 'sentence', 'statement', 'endorsement', 'details'],
      page.items.map((a) => [
        a.at,
        a.actor,
        a.action,
        auditSentence(i18n as I18n, a),
        a.slug ?? '',
        a.endorsement_id ?? '',
        JSON.stringify(a.details ?? {}),
      ]),
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="audit-${now.toISOString().slice(0, 10)}.csv"`);
    return c.body(body);
  });
}

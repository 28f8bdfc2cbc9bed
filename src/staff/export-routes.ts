import { staffError } from './views/staff-page.js';
import type { Deps } from '../deps.js';
import { route } from './access.js';
import { recordAudit } from './audit.js';
import { csvDocument } from './csv.js';
import type { StaffApp } from './env.js';
import { actorOf, idParam } from './queue-routes.js';

const COLUMNS = [
  'id', 'status', 'organisation', 'type', 'country', 'city', 'website', 'members',
  'contact_name', 'contact_role', 'email', 'language', 'updates_opt_in', 'comment', 'staff_note', 'rejection_reason',
  'text_version', 'created_at', 'confirmed_at', 'verified_at', 'rejected_at', 'withdrawn_at', 'published_at',
] as const;

/** Staff export: every endorsement of a statement, with contact details (admins only; logged). */
export function exportRoutes(app: StaffApp, deps: Deps) {
  route(app, 'GET /statements/:id{[0-9]+}/endorsements.csv', async (c) => {
    const id = idParam(c);
    const statement = await deps.db.selectFrom('statements').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
    if (!statement) return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    const rows = await deps.db.selectFrom('endorsements').selectAll().where('statement_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const now = deps.clock.now();
    await recordAudit(deps.db, actorOf(c), { action: 'statement.export', statementId: id, details: { rows: rows.length } }, now);
    const body = csvDocument(
      [...COLUMNS],
      rows.map((e) => [
        e.id, e.status, e.display_name, e.org_type, e.country, e.city, e.website, e.members,
        e.contact_name, e.contact_role, e.email, e.locale, e.updates_opt_in ? 'yes' : 'no', e.comment, e.staff_note, e.rejection_reason,
        e.text_version, e.created_at, e.confirmed_at, e.verified_at, e.rejected_at, e.withdrawn_at, e.published_at,
      ]),
    );
    const filename = `${statement.slug}-endorsements-${now.toISOString().slice(0, 10)}.csv`;
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });
}

import { staffError } from './views/staff-page.js';
import type { Deps } from '../deps.js';
import { route } from './access.js';
import { endorsementsCsv, exportEndorsements } from './export.js';
import type { StaffApp } from './env.js';
import { actorOf, idParam } from './context.js';

/** Staff export: every endorsement of a statement, with contact details (admins only; logged). */
export function exportRoutes(app: StaffApp, deps: Deps) {
  route(app, 'GET /statements/:id{[0-9]+}/endorsements.csv', async (c) => {
    const id = idParam(c);
    const now = deps.clock.now();
    const exported = await exportEndorsements(deps.db, now, actorOf(c), id);
    if (!exported) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const { statement, rows } = exported;
    const body = endorsementsCsv(rows);
    const filename = `${statement.slug}-endorsements-${now.toISOString().slice(0, 10)}.csv`;
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });
}

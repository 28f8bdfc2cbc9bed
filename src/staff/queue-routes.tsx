import * as v from 'valibot';
import { ORG_TYPES } from '../db/database.js';
import type { Deps } from '../deps.js';
import { loadActivity } from '../pictures/activity.js';
import { findStatementById, listStatements } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import {
  correctEndorsement,
  noteEndorsement,
  reopenEndorsement,
  unlistEndorsement,
} from '../endorsements/lifecycle/index.js';
import { actorOf, idParam } from './context.js';
import { statementStats } from './dashboard-stats.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { countByStatus, endorsementStatus, listDecided } from './queue.js';
import { invalid, refused } from './queue-answers.js';
import { Reason } from './queue-input.js';
import { Dashboard } from './views/dashboard.js';
import { EndorsementList, LISTED_STATUSES } from './views/endorsement-list.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

const Correct = v.object({
  display_name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, 'staff.error.displayName'),
    v.maxLength(200, 'staff.error.displayName'),
  ),
  city: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(100, 'staff.error.city'),
    v.transform((s) => s || null),
  ),
  org_type: v.picklist(ORG_TYPES, 'staff.error.type'),
});
const Note = v.object({
  note: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(2000, 'staff.error.note'),
    v.transform((s) => s || null),
  ),
});
const ListDone = v.picklist(['corrected', 'noted', 'reopened', 'unlisted']);
const NamedId = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.transform(Number), v.safeInteger());

/** The dashboard, the decided endorsements and what staff do there: correct, note, reopen, unlist. */
export function queueRoutes(app: StaffApp, deps: Deps) {
  /** Back to the list the form was on (the queue, or the list of decided endorsements). */
  const backTo = async (c: StaffContext, statementId: number, done: v.InferOutput<typeof ListDone>) => {
    const id = idParam(c);
    const status = await endorsementStatus(deps.db, id);
    if (!status || status === 'confirmed') {
      return c.redirect(
        `/admin/queue?statement=${statementId}&done=${done}&id=${id}&focus=${id}#e${id}`,
        303,
      );
    }
    return c.redirect(
      `/admin/statements/${statementId}/endorsements?status=${status}&done=${done}&id=${id}#e${id}`,
      303,
    );
  };

  route(app, 'GET /', async (c) => {
    const i18n = c.get('i18n');
    const session = sessionOf(c);
    const now = deps.clock.now();
    const [listed, stats, activity] = await Promise.all([
      listStatements(deps.db, i18n.locale, ['draft', 'open', 'closed']),
      statementStats(deps.db, now),
      loadActivity(deps.db, now),
    ]);
    const statements = await Promise.all(
      listed.map(async (s) => ({ ...s, counts: await deps.live.counts(s.id) })),
    );
    const notices: Notice[] =
      c.req.query('done') === 'welcome' ? [{ kind: 'ok', text: i18n.t('staff.done.welcome') }] : [];
    return staffPage(
      c,
      i18n.t('staff.dashboard.title'),
      <Dashboard
        i18n={i18n}
        statements={statements}
        stats={stats}
        activity={activity}
        isAdmin={session.staff.role === 'admin'}
        now={now}
      />,
      { notices },
    );
  });

  route(app, 'GET /statements/:id{[0-9]+}/endorsements', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const statement = await findStatementById(deps.db, idParam(c));
    if (!statement) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const status = v.parse(v.fallback(v.picklist(LISTED_STATUSES), 'verified'), c.req.query('status'));
    const page = v.parse(
      v.fallback(v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/), v.transform(Number)), 1),
      c.req.query('page'),
    );
    const size = 100;
    const { rows, more } = await listDecided(deps.db, statement.id, status, page, size);
    const counts = await countByStatus(deps.db, statement.id, LISTED_STATUSES);
    const title = chooseText(statement.texts, i18n.locale)?.title ?? statement.slug;
    const done = v.safeParse(ListDone, c.req.query('done'));
    const notices: Notice[] = [];
    if (done.success) {
      const id = v.safeParse(NamedId, c.req.query('id'));
      const row = id.success
        ? await deps.db
            .selectFrom('endorsements')
            .select('display_name')
            .where('id', '=', id.output)
            .executeTakeFirst()
        : undefined;
      const organisation = row?.display_name ?? '';
      notices.push({
        kind: 'ok',
        text:
          done.output === 'noted'
            ? t('staff.done.noted')
            : done.output === 'corrected'
              ? t('staff.done.corrected')
              : done.output === 'unlisted'
                ? t('staff.q.done.unlisted', { organisation })
                : t('staff.q.done.reopened', { organisation }),
      });
    }
    return staffPage(
      c,
      t('staff.list.title', { title }),
      <EndorsementList
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        statement={statement}
        title={title}
        status={status}
        counts={counts}
        rows={rows}
        nextPage={more ? page + 1 : undefined}
      />,
      { notices },
    );
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/correct', async (c) => {
    const form = await formOf(c);
    const parsed = v.safeParse(Correct, {
      display_name: field(form, 'display_name'),
      city: field(form, 'city'),
      org_type: field(form, 'org_type'),
    });
    if (!parsed.success) {
      return invalid(c, parsed.issues[0].message);
    }
    const outcome = await correctEndorsement(deps, deps.clock.now(), actorOf(c), idParam(c), parsed.output);
    return outcome.kind === 'done' ? backTo(c, outcome.statementId, 'corrected') : refused(c, outcome);
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/note', async (c) => {
    const parsed = v.safeParse(Note, { note: field(await formOf(c), 'note') });
    if (!parsed.success) {
      return invalid(c, parsed.issues[0].message);
    }
    const outcome = await noteEndorsement(deps, deps.clock.now(), actorOf(c), idParam(c), parsed.output.note);
    return outcome.kind === 'done' ? backTo(c, outcome.statementId, 'noted') : refused(c, outcome);
  });

  // Later reversal, from the decided list: back to the queue for another look.
  route(app, 'POST /endorsements/:id{[0-9]+}/reopen', async (c) => {
    const outcome = await reopenEndorsement(deps, deps.clock.now(), actorOf(c), idParam(c), 'reopen');
    return outcome.kind === 'done' ? backTo(c, outcome.statementId, 'reopened') : refused(c, outcome);
  });

  // Later reversal: a listed organisation leaves the list, with a reason (and the signer told, if chosen).
  route(app, 'POST /endorsements/:id{[0-9]+}/unlist', async (c) => {
    const form = await formOf(c);
    const parsed = v.safeParse(Reason, {
      reason: field(form, 'reason'),
      tell: form.tell === undefined ? undefined : field(form, 'tell'),
    });
    if (!parsed.success) {
      return invalid(c, parsed.issues[0].message);
    }
    const outcome = await unlistEndorsement(
      deps,
      deps.clock.now(),
      actorOf(c),
      idParam(c),
      parsed.output.reason,
      !!parsed.output.tell,
    );
    return outcome.kind === 'done' ? backTo(c, outcome.statementId, 'unlisted') : refused(c, outcome);
  });
}

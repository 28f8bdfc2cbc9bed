import * as v from 'valibot';
import { ORG_TYPES } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { MessageKey } from '../i18n/i18n.js';
import { loadActivity } from '../pictures/activity.js';
import { findStatementById, listStatements } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import {
  correctEndorsement,
  noteEndorsement,
  rejectEndorsement,
  verifyEndorsement,
  type DecisionOutcome,
} from '../endorsements/lifecycle/index.js';
import { actorOf, idParam } from './context.js';
import { field, fields, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { belongsTo, endorsementStatus, listDecided, loadQueue, queueCounts } from './queue.js';
import { Dashboard } from './views/dashboard.js';
import { statusLabel } from './views/labels.js';
import { QueuePage } from './views/queue-page.js';
import { EndorsementList, LISTED_STATUSES } from './views/endorsement-list.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

const Id = v.pipe(
  v.string(),
  v.regex(/^[1-9][0-9]{0,15}$/),
  v.transform(Number),
  v.number(),
  v.safeInteger(),
);
const BulkIds = v.pipe(v.array(Id), v.minLength(1), v.maxLength(200));
const Reject = v.object({
  reason: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'staff.error.reason'),
    v.maxLength(1000, 'staff.error.reason'),
  ),
  tell: v.optional(v.string()),
});
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
const Done = v.picklist(['verified', 'rejected', 'corrected', 'noted', 'bulk', 'welcome']);

/** The dashboard and the verification queue with its decisions (verifiers and admins). */
export function queueRoutes(app: StaffApp, deps: Deps) {
  const backToQueue = (c: StaffContext, statementId: number, done: v.InferOutput<typeof Done>, extra = '') =>
    c.redirect(`/admin/statements/${statementId}/queue?done=${done}${extra}`, 303);

  /** Back to the list the form was on (the queue, or the list of decided endorsements). */
  const backTo = async (c: StaffContext, statementId: number, done: 'corrected' | 'noted') => {
    const id = idParam(c);
    const status = await endorsementStatus(deps.db, id);
    if (!status || status === 'confirmed') {
      return backToQueue(c, statementId, done);
    }
    return c.redirect(
      `/admin/statements/${statementId}/endorsements?status=${status}&done=${done}#e${id}`,
      303,
    );
  };

  /** A decision that could not be made: said plainly, with the way back. */
  const refused = (c: StaffContext, outcome: Exclude<DecisionOutcome, { kind: 'done' }>) => {
    const t = c.get('i18n').t;
    if (outcome.kind === 'not-found') {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const text =
      outcome.kind === 'already-decided'
        ? outcome.by
          ? t('staff.conflict.already', { name: outcome.by, status: statusLabel(t, outcome.status) })
          : t('staff.conflict.alreadyNobody', { status: statusLabel(t, outcome.status) })
        : outcome.kind === 'organisation-public'
          ? t('staff.conflict.orgPublic')
          : t('staff.conflict.notEditable', { status: statusLabel(t, outcome.status) });
    return staffPage(
      c,
      t('staff.conflict.title'),
      <>
        <h1>{t('staff.conflict.title')}</h1>
        <p class="notice warn" role="alert">
          {text}
        </p>
        <p>
          <a href={`/admin/statements/${outcome.statementId}/queue`}>{t('staff.conflict.back')}</a>
        </p>
      </>,
      { status: 409 },
    );
  };

  const invalid = (c: StaffContext, message: string) => {
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.invalid.title'),
      <>
        <h1>{t('staff.invalid.title')}</h1>
        <p class="notice error" role="alert">
          {t(message as MessageKey)}
        </p>
        <p>{t('staff.invalid.back')}</p>
      </>,
      { status: 422 },
    );
  };

  route(app, 'GET /', async (c) => {
    const i18n = c.get('i18n');
    const session = sessionOf(c);
    const [listed, counts, activity] = await Promise.all([
      listStatements(deps.db, i18n.locale, ['draft', 'open', 'closed']),
      queueCounts(deps.db),
      loadActivity(deps.db, deps.clock.now()),
    ]);
    const statements = await Promise.all(
      listed.map(async (s) => ({ ...s, total: (await deps.live.counts(s.id)).total })),
    );
    const done = v.safeParse(Done, c.req.query('done'));
    const notices: Notice[] =
      done.success && done.output === 'welcome' ? [{ kind: 'ok', text: i18n.t('staff.done.welcome') }] : [];
    return staffPage(
      c,
      i18n.t('staff.dashboard.title'),
      <Dashboard
        i18n={i18n}
        statements={statements}
        counts={counts}
        activity={activity}
        isAdmin={session.staff.role === 'admin'}
        now={deps.clock.now()}
      />,
      { notices },
    );
  });

  route(app, 'GET /statements/:id{[0-9]+}/queue', async (c) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const session = sessionOf(c);
    const statement = await findStatementById(deps.db, idParam(c));
    if (!statement) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const title = chooseText(statement.texts, i18n.locale)?.title ?? statement.slug;
    const { items, total } = await loadQueue(deps.db, statement.id);
    const notices: Notice[] = [];
    const done = v.safeParse(Done, c.req.query('done'));
    if (done.success) {
      const n = (k: string) => i18n.number(Number(c.req.query(k)) || 0);
      notices.push(
        done.output === 'bulk'
          ? {
              kind: Number(c.req.query('skipped')) ? 'warn' : 'ok',
              text: t('staff.done.bulk', { verified: n('verified'), skipped: n('skipped') }),
            }
          : { kind: 'ok', text: t(`staff.done.${done.output}` as MessageKey) },
      );
    }
    return staffPage(
      c,
      t('staff.queue.title', { title }),
      <QueuePage
        i18n={i18n}
        csrf={session.csrfToken}
        statement={statement}
        title={title}
        items={items}
        total={total}
        isAdmin={session.staff.role === 'admin'}
      />,
      { notices },
    );
  });

  route(app, 'GET /statements/:id{[0-9]+}/endorsements', async (c) => {
    const i18n = c.get('i18n');
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
    const title = chooseText(statement.texts, i18n.locale)?.title ?? statement.slug;
    return staffPage(
      c,
      i18n.t('staff.list.title', { title }),
      <EndorsementList
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        statement={statement}
        title={title}
        status={status}
        rows={rows}
        nextPage={more ? page + 1 : undefined}
      />,
      {
        notices: ['corrected', 'noted'].includes(c.req.query('done') ?? '')
          ? [
              {
                kind: 'ok',
                text: i18n.t(c.req.query('done') === 'noted' ? 'staff.done.noted' : 'staff.done.corrected'),
              },
            ]
          : [],
      },
    );
  });

  route(app, 'POST /statements/:id{[0-9]+}/queue/verify', async (c) => {
    const statementId = idParam(c);
    const ids = v.safeParse(BulkIds, fields(await formOf(c), 'ids'));
    if (!ids.success) {
      return invalid(c, 'staff.error.noneSelected');
    }
    let verified = 0;
    let skipped = 0;
    // One transaction per endorsement: one that was decided meanwhile does not hold back the others.
    for (const id of new Set(ids.output)) {
      const outcome = (await belongsTo(deps.db, id, statementId))
        ? await verifyEndorsement(deps, deps.clock.now(), actorOf(c), id)
        : undefined;
      if (outcome?.kind === 'done') {
        verified++;
      } else {
        skipped++;
      }
    }
    return backToQueue(c, statementId, 'bulk', `&verified=${verified}&skipped=${skipped}`);
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/verify', async (c) => {
    const outcome = await verifyEndorsement(deps, deps.clock.now(), actorOf(c), idParam(c));
    return outcome.kind === 'done' ? backToQueue(c, outcome.statementId, 'verified') : refused(c, outcome);
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/reject', async (c) => {
    const form = await formOf(c);
    const parsed = v.safeParse(Reject, {
      reason: field(form, 'reason'),
      tell: form.tell === undefined ? undefined : field(form, 'tell'),
    });
    if (!parsed.success) {
      return invalid(c, parsed.issues[0].message);
    }
    const outcome = await rejectEndorsement(
      deps,
      deps.clock.now(),
      actorOf(c),
      idParam(c),
      parsed.output.reason,
      !!parsed.output.tell,
    );
    return outcome.kind === 'done' ? backToQueue(c, outcome.statementId, 'rejected') : refused(c, outcome);
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
}

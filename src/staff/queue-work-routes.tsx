import * as v from 'valibot';
import type { Deps } from '../deps.js';
import {
  canUndo,
  rejectEndorsement,
  reopenEndorsement,
  resendConfirmation,
  UNDO_WINDOW_MS,
  verifyEndorsement,
} from '../endorsements/lifecycle/index.js';
import { RESEND_CAP } from '../endorsements/queries.js';
import type { MessageKey } from '../i18n/i18n.js';
import { findStatementById, listStatements } from '../statements/queries.js';
import { isAcceptingEndorsements } from '../statements/rules.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import { actorOf, idParam } from './context.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { belongsTo } from './queue.js';
import { invalid, refused } from './queue-answers.js';
import { backFilter, queueAfter, type Form } from './queue-back.js';
import { parseQueueFilter, queueQuery, type QueueFilter } from './queue-filter.js';
import { Id, idsOf, nextOf, Reason } from './queue-input.js';
import { countQueue, searchQueue } from './queue-search.js';
import { DECISION_KINDS, type DecisionNotice } from './views/queue-notice.js';
import { QueuePage, type QueueStatement } from './views/queue-page.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

const Done = v.picklist([...DECISION_KINDS, 'corrected', 'noted', 'reopened']);
const Ids = v.pipe(
  v.string(),
  v.regex(/^[1-9][0-9]{0,15}(\.[1-9][0-9]{0,15}){0,199}$/),
  v.transform((s) => s.split('.').map(Number)),
);

/**
 * The verification queue (verifiers and admins): one statement's or every open statement's, with
 * search and filters; each decision answers on the same list with a notice naming the organisation,
 * an Undo button while UNDO_WINDOW_MS lasts, and the next row in view.
 */
export function queueWorkRoutes(app: StaffApp, deps: Deps) {
  const render = async (c: StaffContext, filter: QueueFilter) => {
    const i18n = c.get('i18n');
    const t = i18n.t;
    const session = sessionOf(c);
    const now = deps.clock.now();
    const open = await listStatements(deps.db, i18n.locale, ['open']);
    const statements: QueueStatement[] = open.map((s) => ({ id: s.id, title: s.title }));
    let statement: QueueStatement | undefined;
    if (filter.statementId) {
      statement = statements.find((s) => s.id === filter.statementId);
      if (!statement) {
        // A draft or closed statement's own queue: reachable from its page, not in the combined one.
        const s = await findStatementById(deps.db, filter.statementId);
        if (!s) {
          return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
        }
        statement = { id: s.id, title: chooseText(s.texts, i18n.locale)?.title ?? s.slug };
        statements.push(statement);
      }
    }
    const statementIds = open.map((s) => s.id);
    const other: QueueFilter = { ...filter, tab: filter.tab === 'waiting' ? 'unconfirmed' : 'waiting' };
    const [result, otherCount, notice] = await Promise.all([
      searchQueue(deps.db, filter, { statementIds }),
      countQueue(deps.db, other, statementIds),
      decisionNotice(c, now),
    ]);
    const focus = v.safeParse(Id, c.req.query('focus') ?? '');
    const notices = await simpleNotices(c);
    return staffPage(
      c,
      statement ? t('staff.queue.title', { title: statement.title }) : t('staff.q.allTitle'),
      <QueuePage
        i18n={i18n}
        csrf={session.csrfToken}
        filter={filter}
        statement={statement}
        statements={statements}
        result={result}
        otherCount={otherCount}
        focusId={focus.success ? focus.output : undefined}
        notice={notice}
        isAdmin={session.staff.role === 'admin'}
        undoMinutes={UNDO_WINDOW_MS / 60_000}
        resendCap={RESEND_CAP}
      />,
      { notices },
    );
  };

  /** After a correction, a note or a reopening from the decided list (which names the organisation). */
  const simpleNotices = async (c: StaffContext): Promise<Notice[]> => {
    const t = c.get('i18n').t;
    const done = v.safeParse(v.picklist(['corrected', 'noted', 'reopened']), c.req.query('done'));
    if (!done.success) {
      return [];
    }
    if (done.output !== 'reopened') {
      return [{ kind: 'ok', text: t(done.output === 'noted' ? 'staff.done.noted' : 'staff.done.corrected') }];
    }
    const id = v.safeParse(Id, c.req.query('id') ?? '');
    const row = id.success
      ? await deps.db
          .selectFrom('endorsements')
          .select('display_name')
          .where('id', '=', id.output)
          .executeTakeFirst()
      : undefined;
    return [{ kind: 'ok', text: t('staff.q.done.reopened', { organisation: row?.display_name ?? '' }) }];
  };

  /** The notice of the decision just made (from the redirect's query), with what may still be undone. */
  const decisionNotice = async (c: StaffContext, now: Date): Promise<DecisionNotice | undefined> => {
    const done = v.safeParse(Done, c.req.query('done'));
    if (
      !done.success ||
      done.output === 'corrected' ||
      done.output === 'noted' ||
      done.output === 'reopened'
    ) {
      return undefined;
    }
    const ids = v.safeParse(Ids, c.req.query('ids') ?? '');
    const rows = ids.success
      ? await deps.db
          .selectFrom('endorsements')
          .select(['id', 'display_name', 'status', 'decided_by', 'verified_at', 'rejected_at'])
          .where('id', 'in', ids.output)
          .orderBy('id')
          .execute()
      : [];
    const me = sessionOf(c).staff.id;
    const skipped = Number(c.req.query('skipped')) || 0;
    return {
      kind: done.output,
      names: rows.map((r) => r.display_name),
      undoIds: ['verified', 'rejected', 'bulk'].includes(done.output)
        ? rows.filter((r) => canUndo(r, me, now)).map((r) => r.id)
        : [],
      skipped: Math.min(Math.max(0, skipped), 200),
    };
  };

  route(app, 'GET /queue', (c) => render(c, parseQueueFilter(c.req.query())));

  route(app, 'GET /statements/:id{[0-9]+}/queue', (c) =>
    render(c, { ...parseQueueFilter(c.req.query()), statementId: idParam(c) }),
  );

  /** Verify the ticked endorsements, one transaction each: one decided meanwhile does not hold back the others. */
  const bulkVerify = async (c: StaffContext, form: Form, statementId?: number) => {
    const filter = backFilter(form, statementId);
    const ids = idsOf(form);
    if (!ids.success) {
      return invalid(c, 'staff.error.noneSelected', `/admin/queue?${queueQuery(filter)}`);
    }
    const done: number[] = [];
    let skipped = 0;
    for (const id of new Set(ids.output)) {
      const outcome =
        statementId === undefined || (await belongsTo(deps.db, id, statementId))
          ? await verifyEndorsement(deps, deps.clock.now(), actorOf(c), id)
          : undefined;
      if (outcome?.kind === 'done') {
        done.push(id);
      } else {
        skipped++;
      }
    }
    return c.redirect(queueAfter(filter, 'bulk', { ids: done, skipped }), 303);
  };

  route(app, 'POST /queue/verify', async (c) => bulkVerify(c, await formOf(c)));

  route(app, 'POST /statements/:id{[0-9]+}/queue/verify', async (c) =>
    bulkVerify(c, await formOf(c), idParam(c)),
  );

  route(app, 'POST /endorsements/:id{[0-9]+}/verify', async (c) => {
    const form = await formOf(c);
    const id = idParam(c);
    const outcome = await verifyEndorsement(deps, deps.clock.now(), actorOf(c), id);
    if (outcome.kind !== 'done') {
      return refused(c, outcome);
    }
    const filter = backFilter(form, outcome.statementId);
    return c.redirect(queueAfter(filter, 'verified', { ids: [id], next: nextOf(form) }), 303);
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/reject', async (c) => {
    const form = await formOf(c);
    const id = idParam(c);
    const parsed = v.safeParse(Reason, {
      reason: field(form, 'reason'),
      tell: form.tell === undefined ? undefined : field(form, 'tell'),
    });
    if (!parsed.success) {
      return invalid(c, parsed.issues[0].message as MessageKey);
    }
    const duplicateOf = v.safeParse(Id, field(form, 'duplicate_of'));
    const outcome = await rejectEndorsement(
      deps,
      deps.clock.now(),
      actorOf(c),
      id,
      parsed.output.reason,
      !!parsed.output.tell,
      duplicateOf.success ? duplicateOf.output : undefined,
    );
    if (outcome.kind !== 'done') {
      return refused(c, outcome);
    }
    const filter = backFilter(form, outcome.statementId);
    return c.redirect(queueAfter(filter, 'rejected', { ids: [id], next: nextOf(form) }), 303);
  });

  // Undo from the notice: each decision back to the queue, within the window, by whoever took it.
  route(app, 'POST /queue/undo', async (c) => {
    const form = await formOf(c);
    const filter = backFilter(form);
    const ids = idsOf(form);
    if (!ids.success) {
      return invalid(c, 'staff.error.noneSelected', `/admin/queue?${queueQuery(filter)}`);
    }
    const undone: number[] = [];
    let last: Awaited<ReturnType<typeof reopenEndorsement>> | undefined;
    for (const id of new Set(ids.output)) {
      last = await reopenEndorsement(deps, deps.clock.now(), actorOf(c), id, 'undo');
      if (last.kind === 'done') {
        undone.push(id);
      }
    }
    if (!undone.length && last && last.kind !== 'done') {
      return refused(c, last, `/admin/queue?${queueQuery(filter)}`);
    }
    return c.redirect(
      queueAfter(filter, 'undone', {
        ids: undone,
        skipped: ids.output.length - undone.length,
        next: undone[0],
      }),
      303,
    );
  });

  // "Resend the link" to a sign-up not confirmed yet: within the endorsement's cap, audited.
  route(app, 'POST /endorsements/:id{[0-9]+}/resend', async (c) => {
    const form = await formOf(c);
    const id = idParam(c);
    const row = await deps.db
      .selectFrom('endorsements')
      .select(['statement_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    const statement = row ? await findStatementById(deps.db, row.statement_id) : undefined;
    if (!row || !statement) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const filter = { ...backFilter(form, statement.id), tab: 'unconfirmed' as const };
    const now = deps.clock.now();
    const sent =
      row.status === 'pending' &&
      isAcceptingEndorsements(statement, now) &&
      (await resendConfirmation(deps, now, statement, { endorsementId: id }, actorOf(c)));
    return c.redirect(queueAfter(filter, sent ? 'resent' : 'resendRefused', { ids: [id] }), 303);
  });
}

import * as v from 'valibot';
import { setReconfirmDeadline } from '../amendments/deadline.js';
import { amendmentState } from '../amendments/queries.js';
import type { Deps } from '../deps.js';
import { removeOutdatedEndorsements } from '../endorsements/lifecycle/index.js';
import type { MessageKey } from '../i18n/i18n.js';
import { findStatementById } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import { actorOf, idParam } from './context.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { ClosesAt } from './statement-admin.js';
import { AmendmentPage } from './views/amendment-page.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

/** The deadline field reads like a closing date: a date (end of that day, UTC) or a date and time; empty clears it. */
const Deadline = ClosesAt;

/**
 * After a substantive change (README "Amending a statement"): who has not endorsed the current
 * version (verifiers and admins see it), the deadline, and removing them after it (admins).
 * Routes only parse and answer: the work is in amendments/ and the endorsement lifecycle.
 */
export function amendmentRoutes(app: StaffApp, deps: Deps) {
  const notFound = (c: StaffContext) => staffError(c, 404, 'error.notFound.title', 'error.notFound.body');

  async function render(
    c: StaffContext,
    id: number,
    opts: {
      notices?: Notice[];
      status?: 200 | 409 | 422;
      deadlineValue?: string;
      deadlineError?: MessageKey;
    } = {},
  ) {
    const [s, state] = await Promise.all([findStatementById(deps.db, id), amendmentState(deps.db, id)]);
    if (!s || !state) {
      return notFound(c);
    }
    const i18n = c.get('i18n');
    const title = chooseText(s.texts, i18n.locale)?.title ?? s.slug;
    return staffPage(
      c,
      i18n.t('staff.amend.title', { title }),
      <AmendmentPage
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        statementId={s.id}
        title={title}
        state={state}
        now={deps.clock.now()}
        deadlineValue={opts.deadlineValue}
        deadlineError={opts.deadlineError ? i18n.t(opts.deadlineError) : undefined}
      />,
      { status: opts.status ?? 200, notices: opts.notices ?? [] },
    );
  }

  route(app, 'GET /statements/:id{[0-9]+}/amendment', (c) => {
    const t = c.get('i18n').t;
    const done = c.req.query('done');
    const removed = Number(c.req.query('removed') ?? '0');
    const notices: Notice[] =
      done === 'deadline'
        ? [{ kind: 'ok', text: t('staff.amend.done.deadline') }]
        : done === 'removed' && Number.isSafeInteger(removed)
          ? [{ kind: 'ok', text: t('staff.amend.done.removed', { count: c.get('i18n').number(removed) }) }]
          : [];
    return render(c, idParam(c), { notices });
  });

  route(app, 'POST /statements/:id{[0-9]+}/amendment/deadline', async (c) => {
    const id = idParam(c);
    const raw = field(await formOf(c), 'deadline');
    const parsed = v.safeParse(Deadline, raw);
    if (!parsed.success) {
      return render(c, id, { status: 422, deadlineValue: raw, deadlineError: 'staff.error.deadline' });
    }
    const done = await setReconfirmDeadline(deps, deps.clock.now(), actorOf(c), id, parsed.output);
    if (!done) {
      return (await findStatementById(deps.db, id))
        ? staffError(c, 409, 'staff.invalid.title', 'staff.amend.none')
        : notFound(c);
    }
    return c.redirect(`/admin/statements/${id}/amendment?done=deadline`, 303);
  });

  route(app, 'POST /statements/:id{[0-9]+}/amendment/remove', async (c) => {
    const id = idParam(c);
    const r = await removeOutdatedEndorsements(deps, deps.clock.now(), actorOf(c), id);
    const i18n = c.get('i18n');
    switch (r.kind) {
      case 'not-found':
        return notFound(c);
      case 'no-amendment':
        return staffError(c, 409, 'staff.invalid.title', 'staff.amend.none');
      case 'before-deadline':
        return render(c, id, {
          status: 409,
          notices: [
            {
              kind: 'error',
              text: r.deadline
                ? i18n.t('staff.amend.remove.tooEarly', { date: i18n.dateTime(r.deadline) })
                : i18n.t('staff.amend.remove.noDeadline'),
            },
          ],
        });
      case 'removed':
        return c.redirect(`/admin/statements/${id}/amendment?done=removed&removed=${r.count}`, 303);
    }
  });
}

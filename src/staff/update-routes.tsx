import type { Deps } from '../deps.js';
import type { EndorserUpdateRow } from '../db/database.js';
import {
  addMilestone,
  deleteMilestone,
  editMilestone,
  findMilestone,
  listMilestones,
  parseMilestone,
} from '../milestones/milestones.js';
import { renderMarkdown } from '../statements/markdown.js';
import { findStatementById, type StatementWithTexts } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { milestoneUpdate } from '../updates/from-milestone.js';
import {
  authoritativeLocale,
  createUpdate,
  findUpdate,
  listUpdates,
  parseUpdate,
  recipientCount,
  saveUpdate,
  sendTest,
  sendUpdate,
  updateProgress,
} from '../updates/updates.js';
import { route } from './access.js';
import { actorOf, idParam } from './context.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { UpdatePage, UpdatesPage, type UpdateValues } from './views/update-pages.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

type Form = Record<string, string | string[]>;

/** The languages a form may carry: the statement's. */
const localesOf = (s: StatementWithTexts) => s.texts.map((x) => x.locale);

function updateValuesOf(form: Form, s: StatementWithTexts): UpdateValues & { audienceRaw: string } {
  const texts: UpdateValues['texts'] = {};
  for (const l of localesOf(s)) {
    texts[l] = { subject: field(form, `subject_${l}`), body: field(form, `body_${l}`) };
  }
  const audienceRaw = field(form, 'audience');
  return { audience: audienceRaw === 'all_endorsers' ? 'all_endorsers' : 'opted_in', audienceRaw, texts };
}

/**
 * Updates to endorsers and milestones (README "Updates to endorsers", "Milestones"): write a draft,
 * preview it, count its recipients, test it on oneself, send it, watch it drain. Routes parse and
 * answer; the work (and the audit entries) is in updates/ and milestones/.
 */
export function updateRoutes(app: StaffApp, deps: Deps) {
  const notFound = (c: StaffContext) => staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
  const titleOf = (c: StaffContext, s: StatementWithTexts) =>
    chooseText(s.texts, c.get('i18n').locale)?.title ?? s.slug;

  async function updatesPage(
    c: StaffContext,
    s: StatementWithTexts,
    opts: { values?: UpdateValues; error?: string; milestoneError?: string; status?: 200 | 422 } = {},
  ) {
    const authoritative = authoritativeLocale(s);
    const t = c.get('i18n').t;
    const [updates, milestones] = await Promise.all([
      listUpdates(deps.db, s.id),
      listMilestones(deps.db, s.id),
    ]);
    return staffPage(
      c,
      t('staff.updates.title', { title: titleOf(c, s) }),
      <UpdatesPage
        i18n={c.get('i18n')}
        csrf={sessionOf(c).csrfToken}
        statement={s}
        title={titleOf(c, s)}
        authoritative={authoritative}
        updates={updates}
        milestones={milestones}
        values={opts.values ?? { audience: 'opted_in', texts: {} }}
        error={opts.error}
        milestoneError={opts.milestoneError}
      />,
      { status: opts.status ?? 200 },
    );
  }

  async function updatePage(
    c: StaffContext,
    u: EndorserUpdateRow,
    opts: { values?: UpdateValues; error?: string; notices?: Notice[]; status?: 200 | 409 | 422 } = {},
  ) {
    const s = await findStatementById(deps.db, u.statement_id);
    if (!s) {
      return notFound(c);
    }
    const authoritative = authoritativeLocale(s);
    const order = [authoritative, ...Object.keys(u.texts).filter((l) => l !== authoritative)];
    const previews = order
      .filter((l) => u.texts[l])
      .map((l) => ({ locale: l, subject: u.texts[l]!.subject, html: renderMarkdown(u.texts[l]!.body) }));
    const [recipients, progress] = await Promise.all([
      u.status === 'draft' ? recipientCount(deps.db, u) : Promise.resolve(u.recipients ?? 0),
      updateProgress(deps.db, u.id),
    ]);
    return staffPage(
      c,
      previews[0]?.subject ?? '',
      <UpdatePage
        i18n={c.get('i18n')}
        csrf={sessionOf(c).csrfToken}
        statement={s}
        authoritative={authoritative}
        update={u}
        previews={previews}
        recipients={recipients}
        progress={progress}
        staffEmail={sessionOf(c).staff.email}
        values={opts.values ?? { audience: u.audience, texts: u.texts }}
        error={opts.error}
      />,
      { status: opts.status ?? 200, notices: opts.notices ?? [] },
    );
  }

  const loadStatement = (c: StaffContext) => findStatementById(deps.db, idParam(c));

  route(app, 'GET /statements/:id{[0-9]+}/updates', async (c) => {
    const s = await loadStatement(c);
    return s && s.texts.length ? updatesPage(c, s) : notFound(c);
  });

  route(app, 'POST /statements/:id{[0-9]+}/updates', async (c) => {
    const s = await loadStatement(c);
    if (!s || !s.texts.length) {
      return notFound(c);
    }
    const values = updateValuesOf(await formOf(c), s);
    const parsed = parseUpdate(s, { audience: values.audienceRaw, texts: values.texts });
    if (!parsed.ok) {
      const t = c.get('i18n');
      return updatesPage(c, s, {
        values,
        status: 422,
        error: t.t('staff.updates.error.text', { language: t.languageName(parsed.missing) }),
      });
    }
    const id = await createUpdate(deps, deps.clock.now(), actorOf(c), s.id, parsed.input);
    return c.redirect(`/admin/updates/${id}`, 303);
  });

  const loadUpdate = (c: StaffContext) => findUpdate(deps.db, idParam(c));

  route(app, 'GET /updates/:id{[0-9]+}', async (c) => {
    const u = await loadUpdate(c);
    if (!u) {
      return notFound(c);
    }
    const justSent = c.req.query('sent') === '1' && u.status === 'sent';
    const text = c.get('i18n').t('staff.updates.sending', { count: c.get('i18n').number(u.recipients ?? 0) });
    return updatePage(c, u, justSent ? { notices: [{ kind: 'ok', text }] } : {});
  });

  route(app, 'GET /updates/:id{[0-9]+}/progress', async (c) => {
    const u = await loadUpdate(c);
    if (!u) {
      return c.json({ error: 'not found' }, 404);
    }
    return c.json({ ...(await updateProgress(deps.db, u.id)), recipients: u.recipients ?? 0 });
  });

  route(app, 'POST /updates/:id{[0-9]+}', async (c) => {
    const u = await loadUpdate(c);
    const s = u && (await findStatementById(deps.db, u.statement_id));
    if (!u || !s) {
      return notFound(c);
    }
    const i18n = c.get('i18n');
    if (u.status !== 'draft') {
      return updatePage(c, u, {
        status: 409,
        notices: [{ kind: 'error', text: i18n.t('staff.updates.error.sent') }],
      });
    }
    const values = updateValuesOf(await formOf(c), s);
    const parsed = parseUpdate(s, { audience: values.audienceRaw, texts: values.texts });
    if (!parsed.ok) {
      return updatePage(c, u, {
        values,
        status: 422,
        error: i18n.t('staff.updates.error.text', { language: i18n.languageName(parsed.missing) }),
      });
    }
    const saved = await saveUpdate(deps, deps.clock.now(), actorOf(c), u.id, parsed.input);
    if (!saved) {
      const now = await loadUpdate(c);
      return now
        ? updatePage(c, now, {
            status: 409,
            notices: [{ kind: 'error', text: i18n.t('staff.updates.error.sent') }],
          })
        : notFound(c);
    }
    return c.redirect(`/admin/updates/${u.id}`, 303);
  });

  route(app, 'POST /updates/:id{[0-9]+}/test', async (c) => {
    const u = await loadUpdate(c);
    if (!u) {
      return notFound(c);
    }
    const email = sessionOf(c).staff.email;
    await sendTest(deps, deps.clock.now(), actorOf(c), u, email);
    return updatePage(c, u, {
      notices: [{ kind: 'ok', text: c.get('i18n').t('staff.updates.testSent', { email }) }],
    });
  });

  route(app, 'POST /updates/:id{[0-9]+}/send', async (c) => {
    const u = await loadUpdate(c);
    if (!u) {
      return notFound(c);
    }
    const t = c.get('i18n').t;
    const r = await sendUpdate(deps, deps.clock.now(), actorOf(c), u.id);
    switch (r.kind) {
      case 'missing':
        return notFound(c);
      case 'already-sent':
        return updatePage(c, (await loadUpdate(c)) ?? u, {
          status: 409,
          notices: [{ kind: 'error', text: t('staff.updates.error.sent') }],
        });
      case 'nobody':
        return updatePage(c, u, {
          status: 409,
          notices: [{ kind: 'error', text: t('staff.updates.error.nobody') }],
        });
      case 'sent':
        return c.redirect(`/admin/updates/${u.id}?sent=1`, 303);
    }
  });

  // ---- Milestones -------------------------------------------------------------------------------

  function milestoneOf(form: Form, s: StatementWithTexts) {
    const texts: Record<string, string> = {};
    for (const l of localesOf(s)) {
      texts[l] = field(form, `text_${l}`);
    }
    return parseMilestone({ date: field(form, 'date'), texts }, authoritativeLocale(s));
  }

  const milestoneError = (c: StaffContext, s: StatementWithTexts) => {
    const i18n = c.get('i18n');
    return updatesPage(c, s, {
      status: 422,
      milestoneError: i18n.t('staff.milestones.error', {
        language: i18n.languageName(authoritativeLocale(s)),
      }),
    });
  };

  route(app, 'POST /statements/:id{[0-9]+}/milestones', async (c) => {
    const s = await loadStatement(c);
    if (!s || !s.texts.length) {
      return notFound(c);
    }
    const form = await formOf(c);
    const input = milestoneOf(form, s);
    if (!input) {
      return milestoneError(c, s);
    }
    const now = deps.clock.now();
    await addMilestone(deps, now, actorOf(c), s.id, input);
    if (field(form, 'send') === '1') {
      // A draft to every endorser, to preview and send from its page.
      const id = await createUpdate(deps, now, actorOf(c), s.id, milestoneUpdate(s, input));
      return c.redirect(`/admin/updates/${id}`, 303);
    }
    return c.redirect(`/admin/statements/${s.id}/updates#milestones`, 303);
  });

  route(app, 'POST /milestones/:id{[0-9]+}', async (c) => {
    const m = await findMilestone(deps.db, idParam(c));
    const s = m && (await findStatementById(deps.db, m.statement_id));
    if (!m || !s) {
      return notFound(c);
    }
    const input = milestoneOf(await formOf(c), s);
    if (!input) {
      return milestoneError(c, s);
    }
    await editMilestone(deps, deps.clock.now(), actorOf(c), m.id, input);
    return c.redirect(`/admin/statements/${s.id}/updates#milestones`, 303);
  });

  route(app, 'POST /milestones/:id{[0-9]+}/delete', async (c) => {
    const statementId = await deleteMilestone(deps, deps.clock.now(), actorOf(c), idParam(c));
    return statementId ? c.redirect(`/admin/statements/${statementId}/updates#milestones`, 303) : notFound(c);
  });
}

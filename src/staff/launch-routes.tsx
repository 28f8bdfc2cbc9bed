import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { EndorsementSource } from '../db/database.js';
import {
  entryFromCells,
  readImportFile,
  type Column,
  type ImportProblem,
} from '../endorsements/import/rows.js';
import { enterEndorsements, planEntries, setInitiator } from '../endorsements/lifecycle/index.js';
import { isLocale, type I18n } from '../i18n/i18n.js';
import { launchStatement, setLaunchDate } from '../launch/launch.js';
import { findStatementById, type StatementWithTexts } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import { actorOf, idParam } from './context.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { ClosesAt } from './statement-admin.js';
import {
  ADD_FIELDS,
  AddEndorsementPage,
  ImportPage,
  type AddValues,
  type ImportPreview,
} from './views/launch-pages.js';
import { staffError, staffPage } from './views/staff-page.js';

/** An import file's size limit on the web page (README "Launching a statement"). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const problemText = (t: I18n['t'], p: ImportProblem) =>
  `${t('staff.import.line')} ${p.line}: ${p.field}: ${t(p.key, p.params)}`;

/**
 * Launching a statement (README "Launching a statement"): the embargo's date and "Launch now"
 * (admins); initiators, and endorsements entered by staff one by one or imported (verifiers).
 * Routes only parse and answer: the work is in launch/ and the endorsement lifecycle.
 */
export function launchRoutes(app: StaffApp, deps: Deps) {
  const load = (c: StaffContext) => findStatementById(deps.db, idParam(c));
  const titleOf = (c: StaffContext, s: StatementWithTexts) =>
    chooseText(s.texts, c.get('i18n').locale)?.title ?? s.slug;
  const notFound = (c: StaffContext) => staffError(c, 404, 'error.notFound.title', 'error.notFound.body');

  route(app, 'POST /statements/:id{[0-9]+}/launch-at', async (c) => {
    const s = await load(c);
    if (!s) {
      return notFound(c);
    }
    const parsed = v.safeParse(ClosesAt, field(await formOf(c), 'launch_at'));
    if (!parsed.success || s.launched_at) {
      return staffError(
        c,
        422,
        'staff.invalid.title',
        s.launched_at ? 'staff.launch.error.launched' : 'staff.launch.error.launchAt',
      );
    }
    const done = await setLaunchDate(deps, deps.clock.now(), actorOf(c), s.id, parsed.output);
    return done ? c.redirect(`/admin/statements/${s.id}?done=settings#launch-heading`, 303) : notFound(c);
  });

  route(app, 'POST /statements/:id{[0-9]+}/launch', async (c) => {
    const r = await launchStatement(deps, deps.clock.now(), actorOf(c), idParam(c));
    if (r.kind === 'not-found') {
      return notFound(c);
    }
    if (r.kind === 'not-embargoed') {
      return staffError(c, 409, 'staff.conflict.title', 'staff.launch.error.notEmbargoed');
    }
    const t = c.get('i18n').t;
    return staffPage(
      c,
      t('staff.launch.heading'),
      <>
        <h1>{t('staff.launch.heading')}</h1>
        <p class="notice ok" role="status">
          {t('staff.launch.done.launched', { count: c.get('i18n').number(r.mails) })}
        </p>
        <p>
          <a href={`/admin/statements/${r.statementId}`}>{t('staff.conflict.back')}</a> ·{' '}
          <a href={`/s/${r.slug}`}>{t('staff.statement.publicPage')}</a>
        </p>
      </>,
    );
  });

  route(app, 'POST /endorsements/:id{[0-9]+}/initiator', async (c) => {
    const on = field(await formOf(c), 'initiator') === 'yes';
    const r = await setInitiator(deps, deps.clock.now(), actorOf(c), idParam(c), on);
    if (r.kind !== 'done') {
      return notFound(c);
    }
    const id = idParam(c);
    const row = await deps.db
      .selectFrom('endorsements')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    return c.redirect(
      `/admin/statements/${r.statementId}/endorsements?status=${row?.status ?? 'verified'}#e${id}`,
      303,
    );
  });

  const renderAdd = (c: StaffContext, s: StatementWithTexts, values: AddValues, errors = {}, status = 200) =>
    staffPage(
      c,
      c.get('i18n').t('staff.add.title'),
      <AddEndorsementPage
        i18n={c.get('i18n')}
        csrf={sessionOf(c).csrfToken}
        statementId={s.id}
        title={titleOf(c, s)}
        values={values}
        errors={errors}
      />,
      { status: status as 200 | 422 },
    );

  route(app, 'GET /statements/:id{[0-9]+}/add', async (c) => {
    const s = await load(c);
    if (!s) {
      return notFound(c);
    }
    const empty = Object.fromEntries(ADD_FIELDS.map((f) => [f, ''])) as AddValues;
    return renderAdd(c, s, { ...empty, locale: s.default_locale, source: 'letter', mode: 'verify' });
  });

  route(app, 'POST /statements/:id{[0-9]+}/add', async (c) => {
    const s = await load(c);
    if (!s) {
      return notFound(c);
    }
    const form = await formOf(c);
    const values = Object.fromEntries(
      ADD_FIELDS.map((f) => [f, field(form, f).slice(0, 10_000)]),
    ) as AddValues;
    const mode = values.mode === 'link' ? 'link' : 'verify';
    const t = c.get('i18n').t;
    const row = entryFromCells(
      (col: Column) =>
        (col === 'locale' && !isLocale(values.locale) ? '' : (values[col as keyof AddValues] ?? '')).trim(),
      1,
      {
        mode,
        defaultLocale: s.default_locale,
      },
    );
    const errors: Record<string, string> = {};
    for (const p of row.problems) {
      errors[p.field] ??= t(p.key, p.params);
    }
    if (!values.source || !row.entry?.source) {
      errors.source ??= t('staff.add.error.source');
    }
    if (!row.entry || Object.keys(errors).length) {
      return renderAdd(c, s, values, errors, 422);
    }
    const entry = { ...row.entry, source: values.source as EndorsementSource };
    const r = await enterEndorsements(deps, deps.clock.now(), actorOf(c), s, [entry], mode);
    if (r.ids.length === 0) {
      return renderAdd(
        c,
        s,
        values,
        r.skip[0]?.reason === 'pending'
          ? { email: t('staff.import.reason.pending') }
          : { org_name: t('staff.add.error.listed') },
        422,
      );
    }
    return staffPage(
      c,
      t('staff.add.title'),
      <>
        <h1>{t('staff.add.title')}</h1>
        <p class="notice ok" role="status">
          {t(mode === 'link' ? 'staff.add.done.link' : 'staff.add.done.verified', {
            organisation: entry.orgName,
          })}
        </p>
        <p>
          <a href={`/admin/statements/${s.id}/add`}>{t('staff.add.link')}</a> ·{' '}
          <a
            href={`/admin/statements/${s.id}/endorsements?status=${mode === 'link' ? 'verified' : 'verified'}`}
          >
            {t('staff.statement.queueLink')}
          </a>
        </p>
      </>,
    );
  });

  const renderImport = (
    c: StaffContext,
    s: StatementWithTexts,
    opts: { preview?: ImportPreview; error?: string; status?: 200 | 413 | 422 } = {},
  ) =>
    staffPage(
      c,
      c.get('i18n').t('staff.import.title'),
      <ImportPage
        i18n={c.get('i18n')}
        csrf={sessionOf(c).csrfToken}
        statementId={s.id}
        title={titleOf(c, s)}
        preview={opts.preview}
        error={opts.error}
      />,
      { status: opts.status ?? 200 },
    );

  route(app, 'GET /statements/:id{[0-9]+}/import', async (c) => {
    const s = await load(c);
    return s ? renderImport(c, s) : notFound(c);
  });

  route(app, 'POST /statements/:id{[0-9]+}/import', async (c) => {
    const s = await load(c);
    if (!s) {
      return notFound(c);
    }
    const t = c.get('i18n').t;
    const body = await c.req.parseBody();
    const file = body.file;
    const csv =
      typeof body.csv === 'string'
        ? body.csv
        : file instanceof File && file.size > 0
          ? await file.text()
          : '';
    if (Buffer.byteLength(csv) > IMPORT_MAX_BYTES || (file instanceof File && file.size > IMPORT_MAX_BYTES)) {
      return renderImport(c, s, { error: t('staff.import.tooLarge'), status: 413 });
    }
    if (!csv) {
      return renderImport(c, s, { error: t('staff.import.noFile'), status: 422 });
    }
    const mode = body.send_links === 'yes' ? 'link' : 'verify';
    const read = readImportFile(csv, { mode, defaultLocale: s.default_locale });
    if (!read.ok) {
      return renderImport(c, s, {
        status: 422,
        preview: { csv: '', mode, add: [], skip: [], problems: read.problems.map((p) => problemText(t, p)) },
      });
    }
    if (body.action === 'confirm') {
      const r = await enterEndorsements(deps, deps.clock.now(), actorOf(c), s, read.entries, mode, {
        file: file instanceof File ? file.name.slice(0, 200) : 'upload',
      });
      return staffPage(
        c,
        t('staff.import.title'),
        <>
          <h1>{t('staff.import.title')}</h1>
          <p class="notice ok" role="status">
            {t('staff.import.done', { added: r.ids.length, skipped: r.skip.length })}
          </p>
          <p>
            <a href={`/admin/statements/${s.id}/endorsements?status=verified`}>
              {t('staff.statement.queueLink')}
            </a>
          </p>
        </>,
      );
    }
    const plan = await planEntries(deps.db, s.id, read.entries, mode);
    return renderImport(c, s, {
      preview: {
        csv,
        mode,
        add: plan.add.map((i) => ({
          line: read.lines[i]!,
          name: read.entries[i]!.orgName,
          country: read.entries[i]!.country,
          initiator: read.entries[i]!.initiator,
        })),
        skip: plan.skip.map((x) => ({
          line: read.lines[x.index]!,
          name: read.entries[x.index]!.orgName,
          reason: x.reason,
        })),
        problems: [],
      },
    });
  });
}

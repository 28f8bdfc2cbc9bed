import type { Context } from 'hono';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import type { MessageKey } from '../i18n/i18n.js';
import { renderMarkdown } from '../statements/markdown.js';
import { renderStatementPage } from '../pages/statement-page.js';
import { changeSettings, createStatement } from '../statements/editor.js';
import { saveTextWithChange, type Change } from '../amendments/amend.js';
import { countConfirmedEndorsements } from '../endorsements/queries.js';
import { findStatementById } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import { field, formOf, sessionOf, type StaffApp, type StaffContext } from './env.js';
import { actorOf, idParam } from './context.js';
import { fieldErrors } from './staff-input.js';
import { ChangeInput, NewStatement, StatementSettings, TextInput, suggestSlug } from './statement-admin.js';
import { ConfirmDraftPage } from './views/share-pages.js';
import { fromZone, staffTimeZone, validTimeZone } from './time-zone.js';
import { assetUrl } from '../http/assets.js';
import {
  NewStatementPage,
  StatementEditPage,
  TextEditorPage,
  type NewStatementValues,
} from './views/statement-pages.js';
import { staffError, staffPage, type Notice } from './views/staff-page.js';

/** A closing date typed in the form's time zone (UTC when none or not a zone) → the moment. */
const zoned = (d: Date | null, tz: string) => (d ? fromZone(d, validTimeZone(tz) ?? 'UTC') : null);

const translate = (c: StaffContext, errors: Record<string, string>) => {
  const t = c.get('i18n').t;
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, t(m as MessageKey)]));
};

/** Statement editor (admins): create, settings, texts and translations, draft preview. */
export function statementRoutes(app: StaffApp, deps: Deps) {
  const load = (id: number) => findStatementById(deps.db, id);
  const titleOf = (c: StaffContext, s: NonNullable<Awaited<ReturnType<typeof load>>>) =>
    chooseText(s.texts, c.get('i18n').locale)?.title ?? s.slug;

  const renderNew = (
    c: StaffContext,
    values: NewStatementValues,
    errors: Record<string, string> = {},
    preview?: string,
    status: 200 | 422 = 200,
  ) =>
    staffPage(
      c,
      c.get('i18n').t('staff.statement.new'),
      <NewStatementPage
        t={c.get('i18n').t}
        tz={staffTimeZone(c)}
        languageName={c.get('i18n').languageName}
        csrf={sessionOf(c).csrfToken}
        values={values}
        errors={translate(c, errors)}
        preview={preview}
      />,
      { status, scripts: [assetUrl('staff-form.js')] },
    );

  route(app, 'GET /statements/new', (c) =>
    renderNew(c, {
      slug: '',
      locale: c.get('i18n').locale,
      title: '',
      body: '',
      publish_on: 'verified',
      closes_at: '',
    }),
  );

  route(app, 'POST /statements/new', async (c) => {
    const form = await formOf(c);
    const values: NewStatementValues = {
      slug: field(form, 'slug'),
      locale: field(form, 'locale'),
      title: field(form, 'title'),
      body: field(form, 'body'),
      publish_on: field(form, 'publish_on'),
      closes_at: field(form, 'closes_at'),
    };
    // Title first: an empty web address is made from the title.
    const parsed = v.safeParse(NewStatement, {
      ...values,
      slug: values.slug.trim() || suggestSlug(values.title),
    });
    if (!parsed.success) {
      return renderNew(c, values, fieldErrors(parsed.issues), undefined, 422);
    }
    // The closing date was typed in the zone the form showed (README.md "Statements").
    const input = { ...parsed.output, closes_at: zoned(parsed.output.closes_at, field(form, 'tz')) };
    // A closing date in the past would close the statement as soon as it opens.
    if (input.closes_at && input.closes_at <= deps.clock.now()) {
      return renderNew(c, values, { closes_at: 'staff.form.closesAtPast' }, undefined, 422);
    }
    if (field(form, 'action') === 'preview') {
      return renderNew(c, values, {}, renderMarkdown(input.body));
    }
    const created = await createStatement(deps, deps.clock.now(), actorOf(c), {
      slug: input.slug,
      locale: input.locale,
      title: input.title,
      body: input.body,
      publishOn: input.publish_on,
      closesAt: input.closes_at,
    });
    if (created === 'taken') {
      return renderNew(c, values, { slug: 'staff.error.slugTaken' }, undefined, 422);
    }
    return c.redirect(`/admin/statements/${created.statementId}?done=created`, 303);
  });

  const renderEdit = async (
    c: StaffContext,
    id: number,
    errors: Record<string, string> = {},
    notices: Notice[] = [],
    status: 200 | 422 = 200,
  ) => {
    const s = await load(id);
    if (!s) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const title = titleOf(c, s);
    return staffPage(
      c,
      title,
      <StatementEditPage
        i18n={c.get('i18n')}
        tz={staffTimeZone(c)}
        csrf={sessionOf(c).csrfToken}
        statement={s}
        texts={s.texts}
        title={title}
        errors={translate(c, errors)}
        now={deps.clock.now()}
      />,
      { status, notices, scripts: [assetUrl('staff-form.js')] },
    );
  };

  route(app, 'GET /statements/:id{[0-9]+}', (c) => {
    const done = c.req.query('done');
    const t = c.get('i18n').t;
    const notices: Notice[] =
      done === 'created'
        ? [{ kind: 'ok', text: t('staff.done.created') }]
        : done === 'saved'
          ? [{ kind: 'ok', text: t('staff.done.saved') }]
          : done === 'settings'
            ? [{ kind: 'ok', text: t('staff.done.settings') }]
            : done === 'amended'
              ? [{ kind: 'ok', text: t('staff.done.amended') }]
              : [];
    return renderEdit(c, idParam(c), {}, notices);
  });

  route(app, 'POST /statements/:id{[0-9]+}', async (c) => {
    const id = idParam(c);
    const form = await formOf(c);
    const parsed = v.safeParse(StatementSettings, {
      status: field(form, 'status'),
      publish_on: field(form, 'publish_on'),
      closes_at: field(form, 'closes_at'),
      authoritative: field(form, 'authoritative'),
    });
    if (!parsed.success) {
      return renderEdit(c, id, fieldErrors(parsed.issues), [], 422);
    }
    // Back to draft hides the public page and its list: asked once more, with what it hides.
    const current = await load(id);
    if (
      current &&
      current.status !== 'draft' &&
      parsed.output.status === 'draft' &&
      field(form, 'confirm') !== 'yes'
    ) {
      const t = c.get('i18n').t;
      const count = await countConfirmedEndorsements(deps.db, id);
      return staffPage(
        c,
        t('staff.draft.confirmTitle'),
        <ConfirmDraftPage
          t={t}
          csrf={sessionOf(c).csrfToken}
          statementId={id}
          count={c.get('i18n').number(count)}
          fields={{
            status: 'draft',
            publish_on: field(form, 'publish_on'),
            closes_at: field(form, 'closes_at'),
            tz: field(form, 'tz'),
            authoritative: field(form, 'authoritative'),
          }}
        />,
      );
    }
    const found = await changeSettings(deps, deps.clock.now(), actorOf(c), id, {
      ...parsed.output,
      closes_at: zoned(parsed.output.closes_at, field(form, 'tz')),
    });
    if (!found) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    return c.redirect(`/admin/statements/${id}?done=settings`, 303);
  });

  const renderText = async (
    c: StaffContext,
    id: number,
    locale: string,
    draft?: {
      title: string;
      body: string;
      errors?: Record<string, string>;
      preview?: string;
      change?: { kind: string; summary: string };
    },
    status: 200 | 422 = 200,
  ) => {
    const s = await load(id);
    if (!s) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const text = s.texts.find((x) => x.locale === locale);
    const original = s.texts.find((x) => x.authoritative);
    const confirmedCount = await countConfirmedEndorsements(deps.db, id);
    const i18n = c.get('i18n');
    return staffPage(
      c,
      text
        ? i18n.t('staff.text.editTitle', { language: i18n.languageName(locale) })
        : i18n.t('staff.text.addTitle', { language: i18n.languageName(locale) }),
      <TextEditorPage
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        statement={s}
        locale={locale}
        exists={!!text}
        authoritative={!!text?.authoritative}
        title={draft?.title ?? text?.title ?? ''}
        body={draft?.body ?? text?.body_md ?? ''}
        errors={translate(c, draft?.errors ?? {})}
        preview={draft?.preview}
        endorsements={confirmedCount}
        change={draft?.change}
        original={
          original && original.locale !== locale
            ? { locale: original.locale, title: original.title, body: original.body_md }
            : undefined
        }
      />,
      { status },
    );
  };

  route(app, 'GET /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}', (c) =>
    renderText(c, idParam(c), c.req.param('locale')!),
  );

  route(app, 'POST /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}', async (c) => {
    const id = idParam(c);
    const locale = c.req.param('locale')!;
    const form = await formOf(c);
    const change = { kind: field(form, 'change') || 'minor', summary: field(form, 'summary') };
    const draft = { title: field(form, 'title'), body: field(form, 'body'), change };
    const parsed = v.safeParse(TextInput, draft);
    const how = v.safeParse(ChangeInput, { change: change.kind, summary: change.summary });
    if (!parsed.success || !how.success) {
      const errors = {
        ...(parsed.success ? {} : fieldErrors(parsed.issues)),
        ...(how.success ? {} : { summary: 'staff.error.summary' }),
      };
      return renderText(c, id, locale, { ...draft, errors }, 422);
    }
    if (field(form, 'action') === 'preview') {
      return renderText(c, id, locale, { ...draft, preview: renderMarkdown(parsed.output.body) });
    }
    const kind: Change =
      how.output.change === 'substantive'
        ? { kind: 'substantive', summary: how.output.summary }
        : { kind: 'minor' };
    const saved = await saveTextWithChange(
      deps,
      deps.clock.now(),
      actorOf(c),
      id,
      locale,
      parsed.output,
      kind,
    );
    if (!saved) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    if ('kind' in saved) {
      return renderText(c, id, locale, { ...draft, errors: { summary: 'staff.error.notAmendable' } }, 422);
    }
    return c.redirect(`/admin/statements/${id}?done=${saved.amended ? 'amended' : 'saved'}`, 303);
  });

  route(app, 'GET /statements/:id{[0-9]+}/preview', async (c) => {
    const s = await load(idParam(c));
    if (!s || s.texts.length === 0) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    // The public page as readers will see it, drafts included (the public /s/:slug hides drafts).
    // Links, the list and the language of the text stay inside the preview (README.md "Statements").
    const path = `/admin/statements/${s.id}/preview`;
    return renderStatementPage(c as unknown as Context<AppEnv>, deps, s, {
      preview: { path, note: c.get('i18n').t('staff.preview.note') },
    });
  });
}

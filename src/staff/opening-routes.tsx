import QRCode from 'qrcode';
import type { Deps } from '../deps.js';
import type { I18n } from '../i18n/i18n.js';
import { embedCodes } from '../live/views/signatories-section.js';
import { findStatementById } from '../statements/queries.js';
import { openStatement, openingChecklist } from '../statements/opening.js';
import { chooseText } from '../statements/text.js';
import { route } from './access.js';
import { actorOf, idParam } from './context.js';
import { sessionOf, type StaffApp } from './env.js';
import { NowLivePage, OpenPage } from './views/share-pages.js';
import { staffError, staffPage } from './views/staff-page.js';
import { assetUrl } from '../http/assets.js';

/** The statement's public address, as shared (the bare URL negotiates the reader's language). */
const publicUrlOf = (deps: Deps, slug: string) => `${deps.config.publicUrl}/s/${slug}`;

/** A QR code of the public address, as SVG drawn on the server (print it on leaflets and posters). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** Opening a statement (checklist, then one button) and the "Now live" sharing panel. */
export function openingRoutes(app: StaffApp, deps: Deps) {
  const load = (id: number) => findStatementById(deps.db, id);
  const titleOf = (i18n: I18n, s: NonNullable<Awaited<ReturnType<typeof load>>>) =>
    chooseText(s.texts, i18n.locale)?.title ?? s.slug;

  route(app, 'GET /statements/:id{[0-9]+}/open', async (c) => {
    const s = await load(idParam(c));
    if (!s) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    if (s.status === 'open') {
      return c.redirect(`/admin/statements/${s.id}/live`, 303);
    }
    const i18n = c.get('i18n');
    const title = titleOf(i18n, s);
    return staffPage(
      c,
      i18n.t('staff.open.title', { title }),
      <OpenPage
        i18n={i18n}
        csrf={sessionOf(c).csrfToken}
        statementId={s.id}
        title={title}
        checks={openingChecklist(s, s.texts, deps.clock.now())}
      />,
    );
  });

  route(app, 'POST /statements/:id{[0-9]+}/open', async (c) => {
    const id = idParam(c);
    const outcome = await openStatement(deps, deps.clock.now(), actorOf(c), id);
    if (outcome === 'missing') {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    if (outcome === 'blocked') {
      return staffError(c, 409, 'staff.conflict.title', 'staff.open.blocked');
    }
    return c.redirect(`/admin/statements/${id}/live?done=${outcome}`, 303);
  });

  route(app, 'GET /statements/:id{[0-9]+}/live', async (c) => {
    const s = await load(idParam(c));
    if (!s || s.texts.length === 0) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    const i18n = c.get('i18n');
    const title = titleOf(i18n, s);
    const url = publicUrlOf(deps, s.slug);
    const { iframe, badge } = embedCodes(i18n, deps.config.publicUrl, s.slug, title);
    const done = c.req.query('done');
    return staffPage(
      c,
      i18n.t('staff.live.title', { title }),
      <NowLivePage
        i18n={i18n}
        statementId={s.id}
        title={title}
        url={url}
        open={s.status === 'open'}
        iframe={iframe}
        badge={badge}
        qrSvg={await qrSvg(url)}
      />,
      {
        notices: done === 'opened' ? [{ kind: 'ok', text: i18n.t('staff.live.opened', { title }) }] : [],
        scripts: [assetUrl('staff-share.js')],
      },
    );
  });

  route(app, 'GET /statements/:id{[0-9]+}/qr.svg', async (c) => {
    const s = await load(idParam(c));
    if (!s) {
      return staffError(c, 404, 'error.notFound.title', 'error.notFound.body');
    }
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="qr-${s.slug}.svg"`);
    return c.body(await qrSvg(publicUrlOf(deps, s.slug)));
  });
}

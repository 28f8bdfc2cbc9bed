import { raw } from 'hono/html';
import type { I18n, MessageKey } from '../../i18n/i18n.js';
import type { OpeningCheck } from '../../statements/opening.js';
import { CsrfField } from './staff-page.js';

/** The "Open for endorsements" step: the checklist, then one button (none while an item blocks). */
export function OpenPage(props: {
  i18n: I18n;
  csrf: string;
  statementId: number;
  title: string;
  checks: OpeningCheck[];
}) {
  const { i18n, checks } = props;
  const t = i18n.t;
  const base = `/admin/statements/${props.statementId}`;
  const blocked = checks.some((c) => c.state === 'block');
  const mark = { ok: '✓', warn: '!', block: '✗' } as const;
  return (
    <>
      <p>
        <a href={base}>{t('staff.statement.back')}</a>
      </p>
      <h1>{t('staff.open.title', { title: props.title })}</h1>
      <p>{t('staff.open.intro')}</p>
      <ul class="checklist">
        {checks.map((c) => (
          <li class={`open-item is-${c.state}`}>
            <span class="check-mark" aria-hidden="true">
              {mark[c.state]}
            </span>{' '}
            <strong>{t(`staff.open.item.${c.item}` as MessageKey)}</strong>
            <span class="visually-hidden"> ({t(`staff.open.state.${c.state}` as MessageKey)})</span>:{' '}
            {t(c.key as MessageKey, c.params)}{' '}
            <a href={c.item === 'text' || c.item === 'translations' ? `${base}#texts` : `${base}#settings`}>
              {t('staff.open.change')}
            </a>
          </li>
        ))}
      </ul>
      {blocked ? (
        <p class="notice error" role="alert">
          {t('staff.open.blocked')}
        </p>
      ) : (
        <form method="post" action={`${base}/open`}>
          <CsrfField token={props.csrf} />
          <button type="submit">{t('staff.open.submit')}</button>
        </form>
      )}
    </>
  );
}

/** A copyable value: a read-only field, and a Copy button that staff-share.js shows and wires. */
function Copyable(props: { i18n: I18n; id: string; label: string; value: string; rows?: number }) {
  const t = props.i18n.t;
  return (
    <div class="field copyable">
      <label for={props.id}>{props.label}</label>
      {props.rows ? (
        <textarea id={props.id} readonly rows={props.rows} data-select-all>
          {props.value}
        </textarea>
      ) : (
        <input type="text" id={props.id} readonly value={props.value} data-select-all />
      )}
      <button
        type="button"
        class="secondary small"
        hidden
        data-copy={props.id}
        data-copied={t('staff.live.copied')}
      >
        {t('staff.live.copy')}
      </button>
    </div>
  );
}

/** "Now live": everything an organiser needs to share a statement that is open. */
export function NowLivePage(props: {
  i18n: I18n;
  statementId: number;
  title: string;
  url: string;
  open: boolean;
  iframe: string;
  badge: string;
  qrSvg: string;
}) {
  const { i18n, url, title } = props;
  const t = i18n.t;
  const e = encodeURIComponent;
  const share: Array<[string, string]> = [
    [t('staff.live.shareEmail'), `mailto:?subject=${e(title)}&body=${e(`${title}\n${url}`)}`],
    ['WhatsApp', `https://wa.me/?text=${e(`${title} ${url}`)}`],
    ['Telegram', `https://t.me/share/url?url=${e(url)}&text=${e(title)}`],
    ['Bluesky', `https://bsky.app/intent/compose?text=${e(`${title} ${url}`)}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`],
    ['LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}`],
  ];
  const base = `/admin/statements/${props.statementId}`;
  return (
    <>
      <p>
        <a href={base}>{t('staff.statement.back')}</a>
      </p>
      <h1>{t(props.open ? 'staff.live.title' : 'staff.live.titleNotOpen', { title })}</h1>
      {props.open ? null : <p class="notice warn">{t('staff.live.notOpen')}</p>}
      <section class="now-live" aria-labelledby="live-url">
        <h2 id="live-url">{t('staff.live.url')}</h2>
        <Copyable i18n={i18n} id="share-url" label={t('staff.live.urlLabel')} value={url} />
        <p>
          <a href={url}>{t('staff.live.open')}</a>
        </p>
        <p class="sr-status visually-hidden" role="status" aria-live="polite" data-copy-status></p>
      </section>
      <section aria-labelledby="live-share">
        <h2 id="live-share">{t('staff.live.share')}</h2>
        <ul class="inline-list share-links">
          {share.map(([name, href]) => (
            <li>
              <a href={href} rel="noopener noreferrer" target="_blank">
                {name}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="live-embed">
        <h2 id="live-embed">{t('staff.live.embed')}</h2>
        <p>{t('staff.live.embedIntro')}</p>
        <Copyable
          i18n={i18n}
          id="share-iframe"
          label={t('staff.live.iframe')}
          value={props.iframe}
          rows={4}
        />
        <Copyable i18n={i18n} id="share-badge" label={t('staff.live.badge')} value={props.badge} rows={3} />
      </section>
      <section aria-labelledby="live-qr" class="qr-section">
        <h2 id="live-qr">{t('staff.live.qr')}</h2>
        <p>{t('staff.live.qrIntro')}</p>
        <figure class="qr" role="img" aria-label={t('staff.live.qrAlt', { url })}>
          {raw(props.qrSvg)}
        </figure>
        <p>
          <a href={`${base}/qr.svg`} download={`qr-${props.statementId}.svg`}>
            {t('staff.live.qrDownload')}
          </a>
        </p>
      </section>
    </>
  );
}

/** "Back to draft?": the public page and its list disappear; the same settings are posted again with confirm=yes. */
export function ConfirmDraftPage(props: {
  t: I18n['t'];
  csrf: string;
  statementId: number;
  count: string;
  fields: Record<string, string>;
}) {
  const { t } = props;
  const base = `/admin/statements/${props.statementId}`;
  return (
    <>
      <h1>{t('staff.draft.confirmTitle')}</h1>
      <p>{t('staff.draft.confirmBody', { count: props.count })}</p>
      <form method="post" action={base} class="actions">
        <CsrfField token={props.csrf} />
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          {t('staff.draft.confirm')}
        </button>{' '}
        <a href={base}>{t('staff.accounts.cancel')}</a>
      </form>
    </>
  );
}

import type { I18n } from '../../i18n/i18n.js';
import { Layout } from '../../views/layout.js';
import { TableWrap } from '../../views/table-wrap.js';
import { findLinks } from '../dev-mailbox.js';
import type { DevMailboxMessage } from '../transport.js';

/** Plain text with its links made clickable; everything else stays text (escaped by JSX). */
function LinkedText(props: { text: string }) {
  const parts: unknown[] = [];
  let rest = props.text;
  for (const link of findLinks(props.text)) {
    const at = rest.indexOf(link);
    if (at < 0) {
      continue;
    }
    parts.push(rest.slice(0, at), <a href={link}>{link}</a>);
    rest = rest.slice(at + link.length);
  }
  parts.push(rest);
  return <pre class="mail-text">{parts as never}</pre>;
}

/**
 * GET /dev/mail/:id: headers, the plain-text part with clickable links, and the HTML part in a
 * sandboxed frame whose document (GET /dev/mail/:id/html) has its own strict CSP: no scripts, and
 * a link opens in the whole window.
 */
export function MailMessage(props: { i18n: I18n; message: DevMailboxMessage }) {
  const { i18n, message: m } = props;
  const t = i18n.t;
  return (
    <Layout i18n={i18n} meta={{ title: m.subject, path: `/dev/mail/${m.id}`, robots: 'noindex' }}>
      <link rel="stylesheet" href="/dev/mail/mailbox.css" />
      <p>
        <a href="/dev/mail">{t('mail.dev.back')}</a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="mail-headers">
        <dt>{t('mail.dev.from')}</dt>
        <dd>{m.from}</dd>
        <dt>{t('mail.dev.to')}</dt>
        <dd>{m.to}</dd>
        <dt>{t('mail.dev.time')}</dt>
        <dd>
          <time datetime={m.sentAt.toISOString()}>{i18n.dateTime(m.sentAt)}</time>
        </dd>
      </dl>
      <h2>{t('mail.dev.textPart')}</h2>
      <TableWrap label={t('mail.dev.textPart')}>
        <LinkedText text={m.text} />
      </TableWrap>
      <h2>{t('mail.dev.htmlPart')}</h2>
      <iframe
        src={`/dev/mail/${m.id}/html`}
        title={t('mail.dev.htmlFrame')}
        sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        class="mail-frame"
        width="100%"
        height="600"
      ></iframe>
      <p>
        <a href={`/dev/mail/${m.id}/html`}>{t('mail.dev.openHtml')}</a>
      </p>
    </Layout>
  );
}

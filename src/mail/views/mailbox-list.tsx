import type { I18n } from '../../i18n/i18n.js';
import { Layout } from '../../views/layout.js';
import { TableWrap } from '../../views/table-wrap.js';
import type { DevMailboxMessage } from '../transport.js';

/** GET /dev/mail: every kept message, newest first, or a plain empty state. */
export function MailboxList(props: { i18n: I18n; messages: DevMailboxMessage[] }) {
  const { i18n, messages } = props;
  const t = i18n.t;
  return (
    <Layout i18n={i18n} meta={{ title: t('mail.dev.title'), path: '/dev/mail', robots: 'noindex' }}>
      <link rel="stylesheet" href="/dev/mail/mailbox.css" />
      <h1>{t('mail.dev.title')}</h1>
      <p class="notice">{t('mail.dev.intro')}</p>
      {messages.length === 0 ? (
        <p class="notice" id="mailbox-empty">
          {t('mail.dev.empty')}
        </p>
      ) : (
        <TableWrap label={t('mail.dev.listCaption')}>
          <table class="mailbox">
            <caption>{t('mail.dev.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.dev.time')}</th>
                <th scope="col">{t('mail.dev.to')}</th>
                <th scope="col">{t('mail.dev.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>
                    <time datetime={m.sentAt.toISOString()}>{i18n.dateTime(m.sentAt)}</time>
                  </td>
                  <td>{m.to}</td>
                  <td>
                    <a href={`/dev/mail/${m.id}`}>{m.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

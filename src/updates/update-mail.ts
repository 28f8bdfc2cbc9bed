import type { EndorserUpdateRow } from '../db/database.js';
import type { Deps } from '../deps.js';
import { unsubscribeUrl, withdrawUrl } from '../endorsements/tokens.js';
import { isLocale } from '../i18n/i18n.js';
import type { QueuedMail } from '../mail/outbox.js';
import type { StatementWithTexts } from '../statements/queries.js';
import { chooseText } from '../statements/text.js';
import { updateTextFor } from './texts.js';

/** emails/endorser-update.*: an update, its links, and why the reader gets it. */
export const UPDATE_TEMPLATE = 'endorser-update';

/** Who a mail goes to: a recipient of the update, or (endorsementId null) a staff member's test. */
export interface MailTarget {
  endorsementId: number | null;
  email: string;
  locale: string;
  organisation: string;
}

/**
 * One update mail, in the reader's language (the words around it; the update's own text is theirs
 * if written, else the authoritative one). It carries signed unsubscribe and withdraw links for the
 * endorsement; `listUnsubscribe` makes the worker add the RFC 8058 headers. A test (no endorsement)
 * links to the statement instead and has no List-Unsubscribe.
 */
export function updateMail(
  deps: Pick<Deps, 'config' | 'secret'>,
  statement: StatementWithTexts,
  update: Pick<EndorserUpdateRow, 'texts' | 'audience'>,
  to: MailTarget,
  now: Date,
): QueuedMail {
  const base = deps.config.publicUrl;
  const locale = isLocale(to.locale) ? to.locale : statement.default_locale;
  const { text } = updateTextFor(update, statement, locale);
  const statementUrl = `${base}/s/${statement.slug}${isLocale(locale) ? `?lang=${locale}` : ''}`;
  const id = to.endorsementId;
  const unsubscribe = id ? unsubscribeUrl(base, deps.secret, id, now) : statementUrl;
  return {
    template: UPDATE_TEMPLATE,
    locale,
    to: to.email,
    endorsementId: id,
    data: {
      subject: text.subject,
      body: text.body,
      statementTitle: chooseText(statement.texts, locale)?.title ?? statement.slug,
      organisation: to.organisation,
      statementUrl,
      unsubscribeUrl: unsubscribe,
      withdrawUrl: id ? withdrawUrl(base, deps.secret, id, now) : statementUrl,
      news: update.audience === 'opted_in',
      ...(id ? { listUnsubscribe: unsubscribe } : {}),
    },
  };
}

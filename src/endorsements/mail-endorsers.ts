import type { Expression, SqlBool } from 'kysely';
import type { DbOrTx } from '../db/database.js';
import { isLocale } from '../i18n/i18n.js';
import { enqueueMails } from '../mail/outbox-batch.js';
import type { MailData } from '../mail/templates.js';
import { chooseText } from '../statements/text.js';
import { withdrawUrl } from './tokens.js';

/** One endorser a statement-wide mail goes to, with what every such mail says. */
export interface EndorserToMail {
  id: number;
  locale: string;
  organisation: string;
  /** The statement's title in the endorser's language (or the nearest text). */
  statementTitle: string;
  /** The statement's page in the endorser's language. */
  statementUrl: string;
  withdrawUrl: string;
}

/**
 * Queue one mail per endorsement of a statement that matches `where` and can be written to (an
 * address, not erased) — the launch and amendment mails — in the endorser's language, in the
 * caller's transaction. `data` adds what is particular to the message. Returns how many were queued.
 */
export async function mailEndorsers(
  trx: DbOrTx,
  opts: {
    statementId: number;
    slug: string;
    publicUrl: string;
    secret: Buffer;
    template: string;
    where: Expression<SqlBool>;
    data: (e: EndorserToMail) => MailData;
  },
  now: Date,
): Promise<number> {
  const texts = await trx
    .selectFrom('statement_texts')
    .select(['locale', 'title', 'authoritative'])
    .where('statement_id', '=', opts.statementId)
    .execute();
  const rows = await trx
    .selectFrom('endorsements as e')
    .select(['e.id', 'e.email', 'e.locale', 'e.display_name'])
    .where('e.statement_id', '=', opts.statementId)
    .where(opts.where)
    .where('e.email', 'is not', null)
    .where('e.erased_at', 'is', null)
    .orderBy('e.id')
    .execute();
  const base = opts.publicUrl;
  await enqueueMails(
    trx,
    rows.map((e) => ({
      template: opts.template,
      locale: e.locale,
      to: e.email!,
      endorsementId: e.id,
      data: opts.data({
        id: e.id,
        locale: e.locale,
        organisation: e.display_name,
        statementTitle: chooseText(texts, e.locale)?.title ?? opts.slug,
        statementUrl: `${base}/s/${opts.slug}${isLocale(e.locale) ? `?lang=${e.locale}` : ''}`,
        withdrawUrl: withdrawUrl(base, opts.secret, e.id, now),
      }),
    })),
    now,
  );
  return rows.length;
}

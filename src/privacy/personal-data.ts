import { toAddress } from '../mail/outbox.js';
import type { DbOrTx } from '../db/database.js';

/** Every endorsement held for this address (normalised), with the slug of its statement, oldest first. */
export async function endorsementsOfEmail(db: DbOrTx, emailNormalised: string) {
  return db
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .selectAll('e')
    .select('s.slug as statement_slug')
    .where('e.email_normalised', '=', emailNormalised)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/**
 * Everything held about one email address (right of access): its endorsements with every field,
 * the mail queued or sent to it, and the audit entries about those endorsements.
 */
export async function exportPersonalData(db: DbOrTx, emailNormalised: string, now: Date) {
  const endorsements = await endorsementsOfEmail(db, emailNormalised);
  const ids = endorsements.map((e) => e.id);
  const emails = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where((eb) =>
      ids.length
        ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', ids)])
        : toAddress(emailNormalised),
    )
    .orderBy('id')
    .execute();
  const audit = ids.length
    ? await db
        .selectFrom('audit_log')
        .select(['id', 'at', 'actor', 'action', 'statement_id', 'endorsement_id', 'details'])
        .where('endorsement_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  return { email: emailNormalised, generatedAt: now.toISOString(), endorsements, emails, audit };
}

/** How much an erasure would touch, for the confirmation step. */
export async function countMailsOf(
  db: DbOrTx,
  emailNormalised: string,
  endorsementIds: number[],
): Promise<number> {
  const r = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) =>
      endorsementIds.length
        ? eb.or([toAddress(emailNormalised), eb('endorsement_id', 'in', endorsementIds)])
        : toAddress(emailNormalised),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

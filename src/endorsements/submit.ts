import type { Deps } from '../deps.js';
import { pickText, type StatementWithTexts } from '../statements/queries.js';
import type { EndorseInput } from './form-schema.js';
import { findOrCreateOrganisation, isOrganisationPublic } from './organisations.js';
import { enqueueAlreadyListedMail, enqueueConfirmMail } from './mails.js';
import { countResend, findPendingByEmail, retryOnUniqueViolation } from './queries.js';

/**
 * What happened to a submission. The sender always sees the same "check your email" page; only
 * the mailbox learns which it was (DESIGN §8: never reveal who signed).
 */
export type SubmitOutcome =
  | { kind: 'created'; endorsementId: number }
  | { kind: 'resent'; endorsementId: number }
  | { kind: 'resend-capped'; endorsementId: number }
  | { kind: 'already-listed' };

/**
 * Store a valid submission and queue its email in ONE transaction (DESIGN §1): an organisation
 * already public on the statement gets an "already listed" email and no row; the same address
 * while pending gets its link again (up to a cap) instead of a second row; otherwise a new pending
 * endorsement. Wakes the mail worker after commit.
 */
export async function submitEndorsement(
  deps: Deps,
  statement: StatementWithTexts,
  input: EndorseInput,
  locale: string,
  ipHash: string | null,
): Promise<SubmitOutcome> {
  const now = deps.clock.now();
  const outcome = await retryOnUniqueViolation(() =>
    deps.db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
      const target = { statementId: statement.id, slug: statement.slug, locale, to: input.email, organisation: input.orgName, title: pickText(statement, locale).text.title };

      if (await isOrganisationPublic(trx, statement.id, input.orgName, input.country)) {
        await enqueueAlreadyListedMail(trx, deps, { ...target, endorsementId: null }, now);
        return { kind: 'already-listed' };
      }

      const pending = await findPendingByEmail(trx, statement.id, input.emailNormalised);
      if (pending) {
        // The link confirms what was first entered; the email shows it, so the signer can tell.
        if (!(await countResend(trx, pending.id, now))) return { kind: 'resend-capped', endorsementId: pending.id };
        await enqueueConfirmMail(
          trx,
          deps,
          {
            ...target,
            endorsementId: pending.id,
            locale: pending.locale,
            title: pickText(statement, pending.locale).text.title,
            to: pending.email ?? input.email,
            organisation: pending.display_name,
          },
          now,
        );
        return { kind: 'resent', endorsementId: pending.id };
      }

      const organisationId = await findOrCreateOrganisation(trx, input.orgName, input.country, now);
      const row = await trx
        .insertInto('endorsements')
        .values({
          statement_id: statement.id,
          organisation_id: organisationId,
          display_name: input.orgName,
          org_type: input.orgType,
          country: input.country,
          city: input.city,
          website: input.website,
          members: input.members,
          contact_name: input.contactName,
          contact_role: input.contactRole,
          email: input.email,
          email_normalised: input.emailNormalised,
          comment: input.comment,
          updates_opt_in: input.updates,
          locale,
          status: 'pending',
          ip_hash: ipHash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueConfirmMail(trx, deps, { ...target, endorsementId: row.id }, now);
      return { kind: 'created', endorsementId: row.id };
    }),
  );
  if (outcome.kind !== 'resend-capped') deps.mailSignal();
  return outcome;
}

/**
 * POST /s/:slug/resend: re-send the pending link of this address (or of the endorsement an expired
 * link named), within the cap. Resolves the same way whether or not there was anything to send.
 */
export async function resendConfirmation(
  deps: Deps,
  statement: StatementWithTexts,
  by: { emailNormalised: string } | { endorsementId: number },
): Promise<boolean> {
  const now = deps.clock.now();
  const sent = await deps.db.transaction().execute(async (trx) => {
    const pending =
      'endorsementId' in by
        ? await trx
            .selectFrom('endorsements')
            .select(['id', 'resend_count', 'display_name', 'email', 'locale'])
            .where('id', '=', by.endorsementId)
            .where('statement_id', '=', statement.id)
            .where('status', '=', 'pending')
            .forUpdate()
            .executeTakeFirst()
        : await findPendingByEmail(trx, statement.id, by.emailNormalised);
    if (!pending || !pending.email) return false;
    if (!(await countResend(trx, pending.id, now))) return false;
    await enqueueConfirmMail(
      trx,
      deps,
      { endorsementId: pending.id, statementId: statement.id, slug: statement.slug, locale: pending.locale, to: pending.email, organisation: pending.display_name },
      now,
    );
    return true;
  });
  if (sent) deps.mailSignal();
  return sent;
}

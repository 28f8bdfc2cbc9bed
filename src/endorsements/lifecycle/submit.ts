import { recordAudit, type Actor } from '../../audit/audit.js';
import { sql } from 'kysely';
import { isUniqueViolation, retryOnUniqueViolation } from '../../db/unique.js';
import { MAIL_CHANNEL } from '../../mail/outbox.js';
import { pickText } from '../../statements/text.js';
import type { StatementWithTexts } from '../../statements/queries.js';
import type { EndorseInput } from '../form-schema.js';
import {
  findOrCreateOrganisation,
  isOrganisationPublic,
  organisationKey,
  organisationPublicQuery,
} from '../organisations.js';
import { confirmMail, enqueueAlreadyListedMail, enqueueConfirmMail } from '../mails.js';
import { countResend, findPendingByEmail } from '../queries.js';
import type { LifecycleDeps } from './context.js';

/**
 * What happened to a submission. The sender always sees the same "check your email" page; only
 * the mailbox learns which it was: the website never reveals who signed (README "Duplicates").
 */
export type SubmitOutcome =
  | { kind: 'created'; endorsementId: number }
  | { kind: 'resent'; endorsementId: number }
  | { kind: 'resend-capped'; endorsementId: number }
  | { kind: 'already-listed' };

/** Who a submission's mail goes to and about what, in the form's language. */
function mailTarget(statement: StatementWithTexts, input: EndorseInput, locale: string) {
  return {
    statementId: statement.id,
    slug: statement.slug,
    locale,
    to: input.email,
    organisation: input.orgName,
    title: pickText(statement, locale).text.title,
  };
}

/**
 * Transition: (nothing) → pending. Store a valid submission and queue its email in ONE transaction,
 * so an answered "check your email" is never lost: an organisation
 * already public on the statement gets an "already listed" email and no row; the same address
 * while pending gets its link again (up to a cap) instead of a second row; otherwise a new pending
 * endorsement. Wakes the mail worker after commit.
 */
export async function submitEndorsement(
  deps: LifecycleDeps,
  now: Date,
  statement: StatementWithTexts,
  input: EndorseInput,
  locale: string,
  ipHash: string | null,
): Promise<SubmitOutcome> {
  const created = await submitNew(deps, now, statement, input, locale, ipHash);
  if (created) {
    deps.mailSignal();
    return created;
  }
  const outcome = await retryOnUniqueViolation(() =>
    deps.db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
      const target = mailTarget(statement, input, locale);

      if (await isOrganisationPublic(trx, statement.id, input.orgName, input.country)) {
        await enqueueAlreadyListedMail(trx, deps, { ...target, endorsementId: null }, now);
        return { kind: 'already-listed' };
      }

      const pending = await findPendingByEmail(trx, statement.id, input.emailNormalised);
      if (pending) {
        // The link confirms what was first entered; the email shows it, so the signer can tell.
        if (!(await countResend(trx, pending.id, now))) {
          return { kind: 'resend-capped', endorsementId: pending.id };
        }
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
  if (outcome.kind !== 'resend-capped') {
    deps.mailSignal();
  }
  return outcome;
}

/**
 * POST /s/:slug/resend: re-send the pending link of this address (or of the endorsement an expired
 * link named, or staff from the queue), within the cap. Resolves the same way whether or not there
 * was anything to send.
 */
export async function resendConfirmation(
  deps: LifecycleDeps,
  now: Date,
  statement: StatementWithTexts,
  by: { emailNormalised: string } | { endorsementId: number },
  /** A staff member asking from the queue: audited with the resend, in its transaction. */
  staff?: Actor,
): Promise<boolean> {
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
    if (!pending || !pending.email) {
      return false;
    }
    if (!(await countResend(trx, pending.id, now))) {
      return false;
    }
    await enqueueConfirmMail(
      trx,
      deps,
      {
        endorsementId: pending.id,
        statementId: statement.id,
        slug: statement.slug,
        locale: pending.locale,
        to: pending.email,
        organisation: pending.display_name,
      },
      now,
    );
    if (staff) {
      await recordAudit(
        trx,
        staff,
        {
          action: 'endorsement.resend',
          statementId: statement.id,
          endorsementId: pending.id,
          details: { organisation: pending.display_name },
        },
        now,
      );
    }
    return true;
  });
  if (sent) {
    deps.mailSignal();
  }
  return sent;
}

/**
 * The common case — a new organisation and address — in two round trips instead of the
 * transaction's eight (README "Benchmarks"): one query asks whether the organisation is already
 * public and the address already pending and draws the new row's id; one statement then creates
 * the organisation (if new), the endorsement and its confirmation mail, and wakes the mail workers —
 * atomic, as a single statement is. An organisation already listed is answered here as well, its
 * mail queued in one statement. Anything else (pending, a race lost to another submission) answers
 * undefined and takes the full transaction above, which decides it.
 */
async function submitNew(
  deps: LifecycleDeps,
  now: Date,
  statement: StatementWithTexts,
  input: EndorseInput,
  locale: string,
  ipHash: string | null,
): Promise<SubmitOutcome | undefined> {
  const { db } = deps;
  const probe = await sql<{ listed: boolean; pending: boolean; next_id: string | number }>`
    select exists (${organisationPublicQuery(db, statement.id, input.orgName, input.country)}) as listed,
      exists (select 1 from endorsements where statement_id = ${statement.id}
        and email_normalised = ${input.emailNormalised} and status = 'pending') as pending,
      nextval(pg_get_serial_sequence('endorsements', 'id')) as next_id`.execute(db);
  const p = probe.rows[0];
  if (p?.listed) {
    // Already on the list: the mailbox is told, in one statement — about as quick as a new
    // submission, so the time taken does not tell who has signed (README "Security").
    await enqueueAlreadyListedMail(
      db,
      deps,
      { ...mailTarget(statement, input, locale), endorsementId: null },
      now,
    );
    return { kind: 'already-listed' };
  }
  if (!p || p.pending) {
    return undefined;
  }
  const id = Number(p.next_id);
  const mail = confirmMail(deps, { ...mailTarget(statement, input, locale), endorsementId: id }, now);
  const key = organisationKey(input.orgName);
  try {
    await sql`
      with org_new as (
        insert into organisations (normalised_name, country, name, created_at)
        values (${key}, ${input.country}, ${input.orgName}, ${now})
        on conflict (normalised_name, country) do nothing
        returning id),
      org as (
        (select id from org_new)
        union all
        (select id from organisations where normalised_name = ${key} and country = ${input.country})
        limit 1),
      e as (
        insert into endorsements (id, statement_id, organisation_id, display_name, org_type, country, city,
          website, members, contact_name, contact_role, email, email_normalised, comment, updates_opt_in,
          locale, status, ip_hash, created_at, updated_at)
        overriding system value
        values (${id}, ${statement.id}, (select id from org), ${input.orgName}, ${input.orgType},
          ${input.country}, ${input.city}, ${input.website}, ${input.members}, ${input.contactName},
          ${input.contactRole}, ${input.email}, ${input.emailNormalised}, ${input.comment}, ${input.updates},
          ${locale}, 'pending', ${ipHash}, ${now}, ${now})
        returning id),
      m as (
        insert into email_outbox (template, locale, to_address, data, endorsement_id, next_attempt_at, created_at)
        values (${mail.template}, ${mail.locale}, ${mail.to}, ${JSON.stringify(mail.data)}, (select id from e),
          ${now}, ${now})
        returning id)
      select pg_notify(${MAIL_CHANNEL}, '') from m`.execute(db);
  } catch (err) {
    // The same address or organisation arrived a moment before (a unique index, or an organisation
    // this statement's snapshot cannot see yet): the transaction decides with fresh eyes.
    if (isUniqueViolation(err) || (err as { code?: string }).code === '23502') {
      return undefined;
    }
    throw err;
  }
  return { kind: 'created', endorsementId: id };
}

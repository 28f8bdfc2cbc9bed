import { recordAudit, type Actor } from '../../audit/audit.js';
import { transact } from '../../changes/transact.js';
import type { DbOrTx, EndorsementSource, OrgType } from '../../db/database.js';
import { isLocale } from '../../i18n/i18n.js';
import type { QueuedMail } from '../../mail/outbox.js';
import { enqueueMails } from '../../mail/outbox-batch.js';
import type { StatementWithTexts } from '../../statements/queries.js';
import { isEmbargoed } from '../../statements/rules.js';
import { chooseText, pickText } from '../../statements/text.js';
import { DECISION_TEMPLATES, TEMPLATES, formatDays, formatMoment } from '../mails.js';
import { organisationKey } from '../organisations.js';
import { CONFIRM_TTL_MS, confirmUrl, withdrawUrl } from '../tokens.js';
import type { LifecycleDeps } from './context.js';
import { publicSql } from './states.js';

/**
 * An endorsement received another way (a letter, a meeting, a phone call) or from an import: the
 * public form's fields, plus how it came and the evidence. The address is optional when staff
 * record it as verified themselves; a confirmation link needs one.
 */
export interface StaffEntry {
  orgName: string;
  orgType: OrgType;
  country: string;
  city: string | null;
  website: string | null;
  members: number | null;
  contactName: string | null;
  contactRole: string | null;
  email: string | null;
  emailNormalised: string | null;
  locale: string;
  initiator: boolean;
  source: EndorsementSource | null;
  evidence: string | null;
}

/** `verify`: listed at once, verified by the staff member. `link`: pending, the contact confirms by email. */
export type EntryMode = 'verify' | 'link';

export interface EntryPlan {
  /** Indexes of the entries that will be added. */
  add: number[];
  /** Entries left out, and why: the organisation is listed already, or a link is already waiting for that address. */
  skip: Array<{ index: number; reason: 'listed' | 'pending' }>;
}

export interface EntryResult extends EntryPlan {
  /** Ids of the new endorsements, in the order of `add`. */
  ids: number[];
}

const BATCH = 1000;

/**
 * What entering these would do, without writing: the one-public-endorsement-per-organisation rule
 * (an organisation already listed is skipped, so importing a file twice adds nothing the second
 * time) and, for links, the one-pending-link-per-address rule. Two queries whatever the count.
 */
export async function planEntries(
  db: DbOrTx,
  statementId: number,
  entries: readonly StaffEntry[],
  mode: EntryMode,
): Promise<EntryPlan> {
  const listed = new Set(
    (
      await db
        .selectFrom('endorsements as e')
        .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
        .select(['o.normalised_name', 'o.country'])
        .where('e.statement_id', '=', statementId)
        .where(publicSql('e'))
        .execute()
    ).map((r) => `${r.country}|${r.normalised_name}`),
  );
  const pending =
    mode === 'link'
      ? new Set(
          (
            await db
              .selectFrom('endorsements')
              .select('email_normalised')
              .where('statement_id', '=', statementId)
              .where('status', '=', 'pending')
              .execute()
          ).map((r) => r.email_normalised),
        )
      : new Set<string | null>();
  const plan: EntryPlan = { add: [], skip: [] };
  entries.forEach((e, index) => {
    if (listed.has(`${e.country}|${organisationKey(e.orgName)}`)) {
      plan.skip.push({ index, reason: 'listed' });
    } else if (mode === 'link' && pending.has(e.emailNormalised)) {
      plan.skip.push({ index, reason: 'pending' });
    } else {
      plan.add.push(index);
    }
  });
  return plan;
}

/**
 * Transition: (nothing) → verified by this staff member, or → pending with a confirmation link
 * (README "Launching a statement"). All entries in ONE transaction, inserted a thousand at a time:
 * organisations, endorsements, their mail, the audit entry and the announcement commit together or
 * not at all. One entry is audited as `endorsement.enter`; several (an import) as one
 * `endorsement.import` naming the count. Listed organisations are skipped (planEntries).
 */
export async function enterEndorsements(
  deps: LifecycleDeps,
  now: Date,
  actor: Actor,
  statement: StatementWithTexts,
  entries: readonly StaffEntry[],
  mode: EntryMode,
  audit: { file?: string } = {},
): Promise<EntryResult> {
  const result = await transact(deps, async (trx, announce) => {
    // One writer per statement at a time: two imports at once cannot both add the same organisation.
    // The version read under that lock: an amendment waits for it (README "Amending a statement").
    const locked = await trx
      .selectFrom('statements')
      .select(['id', 'version'])
      .where('id', '=', statement.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const plan = await planEntries(trx, statement.id, entries, mode);
    const chosen = plan.add.map((i) => entries[i]!);
    const orgIds = await organisationIds(trx, chosen, now);
    const version = pickText(statement, statement.default_locale).authoritative.version;
    const ids: number[] = [];
    for (let i = 0; i < chosen.length; i += BATCH) {
      const rows = await trx
        .insertInto('endorsements')
        .values(
          chosen.slice(i, i + BATCH).map((e) => ({
            statement_id: statement.id,
            organisation_id: orgIds.get(orgKey(e))!,
            display_name: e.orgName,
            org_type: e.orgType,
            country: e.country,
            city: e.city,
            website: e.website,
            members: e.members,
            contact_name: e.contactName,
            contact_role: e.contactRole,
            email: e.email,
            email_normalised: e.emailNormalised,
            locale: e.locale,
            initiator: e.initiator,
            source: e.source,
            evidence: e.evidence,
            entered_by: actor.id,
            statement_version: locked.version,
            created_at: now,
            updated_at: now,
            ...(mode === 'verify'
              ? {
                  status: 'verified' as const,
                  verified_at: now,
                  published_at: now,
                  decided_by: actor.id,
                  text_version: version,
                }
              : { status: 'pending' as const }),
          })),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => Number(r.id)));
    }
    await enqueueMails(trx, mailsFor(deps, statement, chosen, ids, mode, now), now);
    if (ids.length === 1 && entries.length === 1) {
      const e = chosen[0]!;
      await recordAudit(
        trx,
        actor,
        {
          action: 'endorsement.enter',
          statementId: statement.id,
          endorsementId: ids[0]!,
          details: { organisation: e.orgName, source: e.source, evidence: e.evidence, mode },
        },
        now,
      );
      if (mode === 'verify') {
        await announce({ kind: 'published', statementId: statement.id, endorsementId: ids[0]! });
      }
    } else if (ids.length) {
      await recordAudit(
        trx,
        actor,
        {
          action: 'endorsement.import',
          statementId: statement.id,
          details: { added: ids.length, skipped: plan.skip.length, mode, file: audit.file ?? null },
        },
        now,
      );
      if (mode === 'verify') {
        await announce({ kind: 'reset', statementId: statement.id });
      }
    }
    return { ...plan, ids };
  });
  if (result.ids.length) {
    deps.mailSignal();
  }
  return result;
}

const orgKey = (e: StaffEntry) => `${e.country}|${organisationKey(e.orgName)}`;

/** The organisation of every entry, created on first use: a thousand per statement, not two per row. */
async function organisationIds(trx: DbOrTx, entries: readonly StaffEntry[], now: Date) {
  const ids = new Map<string, number>();
  const unique = [...new Map(entries.map((e) => [orgKey(e), e])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    await trx
      .insertInto('organisations')
      .values(
        chunk.map((e) => ({
          normalised_name: organisationKey(e.orgName),
          country: e.country,
          name: e.orgName,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['normalised_name', 'country']).doNothing())
      .execute();
    const rows = await trx
      .selectFrom('organisations')
      .select(['id', 'normalised_name', 'country'])
      .where(
        'normalised_name',
        'in',
        chunk.map((e) => organisationKey(e.orgName)),
      )
      .execute();
    for (const r of rows) {
      ids.set(`${r.country}|${r.normalised_name}`, r.id);
    }
  }
  return ids;
}

/**
 * Verified: the "now listed" mail, with the withdraw link — except under embargo, where the
 * launch mail says it when the list goes public. Link: the confirmation link, as the form sends it.
 */
function mailsFor(
  deps: LifecycleDeps,
  statement: StatementWithTexts,
  entries: readonly StaffEntry[],
  ids: readonly number[],
  mode: EntryMode,
  now: Date,
): QueuedMail[] {
  if (mode === 'verify' && isEmbargoed(statement)) {
    return [];
  }
  const base = deps.config.publicUrl;
  const expires = new Date(now.getTime() + CONFIRM_TTL_MS);
  const mails: QueuedMail[] = [];
  entries.forEach((e, i) => {
    const id = ids[i]!;
    if (!e.email) {
      return;
    }
    const common = {
      statementTitle: chooseText(statement.texts, e.locale)?.title ?? statement.slug,
      organisation: e.orgName,
      statementUrl: `${base}/s/${statement.slug}${isLocale(e.locale) ? `?lang=${e.locale}` : ''}`,
    };
    mails.push(
      mode === 'verify'
        ? {
            template: DECISION_TEMPLATES.published,
            locale: e.locale,
            to: e.email,
            endorsementId: id,
            data: { ...common, withdrawUrl: withdrawUrl(base, deps.secret, id, now) },
          }
        : {
            template: TEMPLATES.confirm,
            locale: e.locale,
            to: e.email,
            endorsementId: id,
            data: {
              ...common,
              confirmUrl: confirmUrl(base, deps.secret, id, now),
              validFor: formatDays(e.locale, Math.round(CONFIRM_TTL_MS / 86_400_000)),
              expiresAt: formatMoment(e.locale, expires),
            },
          },
    );
  });
  return mails;
}

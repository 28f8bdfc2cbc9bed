import type { Transaction } from 'kysely';
import { recordAudit, type Actor } from '../audit/audit.js';
import { transact, type Announce, type LocalCaches } from '../changes/transact.js';
import type { Database, Db } from '../db/database.js';
import type { Deps } from '../deps.js';
import { publicSql } from '../endorsements/lifecycle/index.js';
import { mailEndorsers } from '../endorsements/mail-endorsers.js';

/** The email every public endorser gets when the list goes public (emails/statement-launched.*). */
export const LAUNCHED_TEMPLATE = 'statement-launched';

/** What launching needs: the database, and the secret and public URL for the links in the mail. */
export type LaunchDeps = Pick<Deps, 'db' | 'config' | 'secret'> & {
  live?: LocalCaches | undefined;
  mailSignal?: (() => void) | undefined;
};

export type LaunchOutcome =
  | { kind: 'launched'; statementId: number; slug: string; mails: number }
  | { kind: 'not-found' }
  /** No embargo to end: never had a launch date, or launched already (by whom: the audit log). */
  | { kind: 'not-embargoed'; statementId: number; launchedAt: Date | null };

/**
 * End a statement's embargo, in the caller's transaction: one guarded UPDATE (… WHERE launched_at
 * IS NULL), so of several processes, the CLI and a staff member acting at once exactly one
 * launches; the audit entry says who; one `statement-launched` mail per public endorsement with an
 * address, in its language; and the `launched` announcement, which empties every process's caches
 * and tells open pages to reload the list (SSE `reset`, then `count`).
 */
export async function launchInTransaction(
  trx: Transaction<Database>,
  announce: Announce,
  deps: Pick<LaunchDeps, 'config' | 'secret'>,
  now: Date,
  actor: Actor,
  statementId: number,
): Promise<LaunchOutcome> {
  const launched = await trx
    .updateTable('statements')
    .set({ launched_at: now, updated_at: now })
    .where('id', '=', statementId)
    .where('launch_at', 'is not', null)
    .where('launched_at', 'is', null)
    .returning(['id', 'slug', 'launch_at'])
    .executeTakeFirst();
  if (!launched) {
    const row = await trx
      .selectFrom('statements')
      .select(['id', 'launched_at'])
      .where('id', '=', statementId)
      .executeTakeFirst();
    return row ? { kind: 'not-embargoed', statementId, launchedAt: row.launched_at } : { kind: 'not-found' };
  }
  const mails = await queueLaunchMails(trx, deps, statementId, launched.slug, now);
  await recordAudit(
    trx,
    actor,
    {
      action: 'statement.launch',
      statementId,
      details: { launch_at: launched.launch_at?.toISOString() ?? null, mails },
    },
    now,
  );
  await announce({ kind: 'reset', statementId });
  return { kind: 'launched', statementId, slug: launched.slug, mails };
}

/** Launch one statement now (the CLI, the editor's "Launch now"), in its own transaction. */
export async function launchStatement(
  deps: LaunchDeps,
  now: Date,
  actor: Actor,
  statementId: number,
): Promise<LaunchOutcome> {
  const outcome = await transact(deps, (trx, announce) =>
    launchInTransaction(trx, announce, deps, now, actor, statementId),
  );
  if (outcome.kind === 'launched') {
    deps.mailSignal?.();
  }
  return outcome;
}

/**
 * Set or clear the embargo's date (the statement editor), audited and announced: the list hides or
 * shows, and the page's noindex changes, in every process's cache. False once launched (a public
 * list is never hidden again) or when there is no such statement.
 */
export async function setLaunchDate(
  deps: Pick<LaunchDeps, 'db' | 'live'>,
  now: Date,
  actor: Actor,
  statementId: number,
  launchAt: Date | null,
): Promise<boolean> {
  return transact(deps, async (trx, announce) => {
    const before = await trx
      .selectFrom('statements')
      .select('launch_at')
      .where('id', '=', statementId)
      .where('launched_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!before) {
      return false;
    }
    await trx
      .updateTable('statements')
      .set({ launch_at: launchAt, updated_at: now })
      .where('id', '=', statementId)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'statement.launch-at',
        statementId,
        details: { from: before.launch_at?.toISOString() ?? null, to: launchAt?.toISOString() ?? null },
      },
      now,
    );
    await announce({ kind: 'reset', statementId });
    return true;
  });
}

/** Open statements whose launch date has come and that are still under embargo (the timed task). */
export async function dueLaunches(trx: Transaction<Database> | Db, now: Date): Promise<number[]> {
  const rows = await trx
    .selectFrom('statements')
    .select('id')
    .where('status', 'in', ['open', 'closed'])
    .where('launch_at', '<=', now)
    .where('launched_at', 'is', null)
    .orderBy('launch_at')
    .execute();
  return rows.map((r) => r.id);
}

/** One mail per public endorsement with an address, in its language (queued in batches). */
async function queueLaunchMails(
  trx: Transaction<Database>,
  deps: Pick<LaunchDeps, 'config' | 'secret'>,
  statementId: number,
  slug: string,
  now: Date,
): Promise<number> {
  return mailEndorsers(
    trx,
    {
      statementId,
      slug,
      publicUrl: deps.config.publicUrl,
      secret: deps.secret,
      template: LAUNCHED_TEMPLATE,
      where: publicSql('e'),
      data: (e) => ({
        statementTitle: e.statementTitle,
        organisation: e.organisation,
        statementUrl: e.statementUrl,
        withdrawUrl: e.withdrawUrl,
      }),
    },
    now,
  );
}

import type { DbOrTx } from '../../db/database.js';

/** An endorsement with what every transition asks of its statement, read inside the transition's transaction. */
export async function loadForTransition(trx: DbOrTx, id: number, opts: { lock?: boolean } = {}) {
  let q = trx
    .selectFrom('endorsements as e')
    .innerJoin('statements as s', 's.id', 'e.statement_id')
    .select([
      'e.id',
      'e.statement_id',
      'e.organisation_id',
      'e.status',
      'e.published_at',
      'e.email',
      'e.locale',
      'e.display_name',
      'e.city',
      'e.org_type',
      'e.staff_note',
      'e.erased_at',
      'e.statement_version',
      'e.verified_at',
      'e.rejected_at',
      'e.decided_by',
      's.slug',
      's.version as current_version',
      's.publish_on',
      's.status as statement_status',
      's.closes_at',
    ])
    .where('e.id', '=', id);
  if (opts.lock) {
    // The endorsement's row only: a statement row shared by every transition must not become a hot lock.
    q = q.forUpdate('e');
  }
  return q.executeTakeFirst();
}

export type TransitionRow = NonNullable<Awaited<ReturnType<typeof loadForTransition>>>;

/** The mail target of an endorsement, for its emails. */
export const mailTargetOf = (e: TransitionRow, to: string) => ({
  endorsementId: e.id,
  statementId: e.statement_id,
  slug: e.slug,
  locale: e.locale,
  to,
  organisation: e.display_name,
});

import { sql } from 'kysely';
import { transact, type LocalCaches } from '../changes/transact.js';
import type { Db } from '../db/database.js';

/**
 * The statement's ceiling was reached: require proof-of-work on its form for `minutes` instead of
 * refusing everyone (README "Security"). Stored on the statement, announced like any statement
 * change so every process drops its cached copy and page. Extended only once half the cool-down
 * has passed, so a flood does not turn into a stream of writes. True when this call switched it on.
 */
export async function requirePowFor(
  deps: { db: Db; live?: LocalCaches | undefined },
  statementId: number,
  now: Date,
  minutes: number,
): Promise<boolean> {
  const until = new Date(now.getTime() + minutes * 60_000);
  const halfway = new Date(now.getTime() + (minutes * 60_000) / 2);
  return transact(deps, async (trx, announce) => {
    const updated = await trx
      .updateTable('statements')
      .set({ pow_required_until: until })
      .where('id', '=', statementId)
      .where((eb) => eb.or([eb('pow_required_until', 'is', null), eb('pow_required_until', '<', halfway)]))
      .returning(sql<boolean>`true`.as('switched'))
      .executeTakeFirst();
    if (updated) {
      await announce({ kind: 'changed', statementId });
    }
    return updated !== undefined;
  });
}

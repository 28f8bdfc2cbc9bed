import type { DbOrTx } from '../db/database.js';

/**
 * The key that makes "CGT", "C.G.T." and "  cgt " the same organisation in one country:
 * Unicode-normalised, accents and punctuation removed, case and spaces folded.
 */
export function normaliseOrgName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The organisation row for a name in a country, created on first use (race-safe via the unique key). */
export async function findOrCreateOrganisation(trx: DbOrTx, name: string, country: string, now: Date): Promise<number> {
  const normalised = normaliseOrgName(name) || name.trim().toLowerCase();
  const inserted = await trx
    .insertInto('organisations')
    .values({ normalised_name: normalised, country, name, created_at: now })
    .onConflict((oc) => oc.columns(['normalised_name', 'country']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await trx
    .selectFrom('organisations')
    .select('id')
    .where('normalised_name', '=', normalised)
    .where('country', '=', country)
    .executeTakeFirstOrThrow();
  return existing.id;
}

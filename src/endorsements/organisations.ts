import type { DbOrTx } from '../db/database.js';
import { publicSql } from './lifecycle/states.js';

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

/** The stored key: the normalised name, or (for a name made only of punctuation) its lower-cased self. */
export function organisationKey(name: string): string {
  return normaliseOrgName(name) || name.trim().toLowerCase();
}

/**
 * Is this organisation (by normalised name + country) already on the public list of a statement?
 * Used to answer a second endorsement with "already listed" instead of a duplicate row.
 */
export async function isOrganisationPublic(
  trx: DbOrTx,
  statementId: number,
  name: string,
  country: string,
): Promise<boolean> {
  const row = await organisationPublicQuery(trx, statementId, name, country).executeTakeFirst();
  return row !== undefined;
}

/** The query behind isOrganisationPublic, to embed in a larger one (`exists (…)`). */
export function organisationPublicQuery(trx: DbOrTx, statementId: number, name: string, country: string) {
  return trx
    .selectFrom('endorsements as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select('e.id')
    .where('e.statement_id', '=', statementId)
    .where('o.normalised_name', '=', organisationKey(name))
    .where('o.country', '=', country)
    .where(publicSql('e'))
    .limit(1);
}

/**
 * Another endorsement of the same organisation already public on the statement (one public endorsement per
 * organisation per statement). Confirming and verifying both ask before publishing.
 */
export async function otherPublicEndorsement(
  trx: DbOrTx,
  statementId: number,
  organisationId: number,
  exceptId: number,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('endorsements')
    .select('id')
    .where('statement_id', '=', statementId)
    .where('organisation_id', '=', organisationId)
    .where('id', '!=', exceptId)
    .where(publicSql())
    .executeTakeFirst();
  return row?.id;
}

/** The organisation row for a name in a country, created on first use (race-safe via the unique key). */
export async function findOrCreateOrganisation(
  trx: DbOrTx,
  name: string,
  country: string,
  now: Date,
): Promise<number> {
  const normalised = organisationKey(name);
  const inserted = await trx
    .insertInto('organisations')
    .values({ normalised_name: normalised, country, name, created_at: now })
    .onConflict((oc) => oc.columns(['normalised_name', 'country']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    return inserted.id;
  }
  const existing = await trx
    .selectFrom('organisations')
    .select('id')
    .where('normalised_name', '=', normalised)
    .where('country', '=', country)
    .executeTakeFirstOrThrow();
  return existing.id;
}

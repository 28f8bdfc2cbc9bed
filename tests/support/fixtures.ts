import type { Db, EndorsementStatus, OrgType } from '../../src/db/database.js';
import { findOrCreateOrganisation } from '../../src/endorsements/organisations.js';
import { transact, type LocalCaches } from '../../src/changes/transact.js';

export interface EndorsementFixture {
  name?: string;
  type?: OrgType;
  country?: string;
  city?: string | null;
  website?: string | null;
  members?: number | null;
  contactName?: string;
  contactRole?: string | null;
  email?: string;
  comment?: string | null;
  locale?: string;
  status?: EndorsementStatus;
  /** When it became public; defaults to `at` for verified endorsements (and confirmed when `public` is set). */
  publishedAt?: Date | null;
  at?: Date;
  textVersion?: string | null;
}

let seq = 0;

/**
 * Where a fixture writes: the test's deps (its database and live hub, which is told at once, as after
 * the app's own writes), or a bare database (other processes hear through NOTIFY only).
 */
export type Writer = Db | { db: Db; live?: LocalCaches | undefined };

export function asDeps(to: Writer): { db: Db; live?: LocalCaches | undefined } {
  return 'db' in to && typeof (to as { selectFrom?: unknown }).selectFrom !== 'function'
    ? (to as { db: Db })
    : { db: to as Db };
}

/**
 * An endorsement straight into the database, in any state, for tests of what comes after the form
 * (staff queue, public list). The form's own tests go through the form.
 */
export async function insertEndorsement(
  to: Writer,
  statementId: number,
  f: EndorsementFixture = {},
): Promise<number> {
  const n = ++seq;
  const at = f.at ?? new Date('2026-01-15T10:00:00Z');
  const status = f.status ?? 'verified';
  const name = f.name ?? `Test Union ${n}`;
  const country = f.country ?? 'FR';
  const email = f.email ?? `officer${n}@union${n}.example.org`;
  const publishedAt = f.publishedAt !== undefined ? f.publishedAt : status === 'verified' ? at : null;
  // A public row is announced in its transaction, as the app's own write paths do, so cached counts and pages follow.
  const isPublicRow = !!publishedAt && (status === 'verified' || status === 'confirmed');
  return transact(asDeps(to), async (trx, announce) => {
    const organisationId = await findOrCreateOrganisation(trx, name, country, at);
    const row = await trx
      .insertInto('endorsements')
      .values({
        statement_id: statementId,
        organisation_id: organisationId,
        display_name: name,
        org_type: f.type ?? 'union',
        country,
        city: f.city === undefined ? 'Lyon' : f.city,
        website: f.website === undefined ? `https://union${n}.example.org` : f.website,
        members: f.members === undefined ? 1000 : f.members,
        contact_name: f.contactName ?? `Contact Person ${n}`,
        contact_role: f.contactRole === undefined ? 'General secretary' : f.contactRole,
        email,
        email_normalised: email.toLowerCase(),
        comment: f.comment ?? null,
        locale: f.locale ?? 'en',
        status,
        text_version: f.textVersion ?? null,
        created_at: at,
        confirmed_at: status === 'pending' ? null : at,
        verified_at: status === 'verified' ? at : null,
        published_at: publishedAt,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (isPublicRow) {
      await announce({ kind: 'published', statementId, endorsementId: row.id });
    }
    return row.id;
  });
}

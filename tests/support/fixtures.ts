import type { Db, EndorsementStatus, OrgType } from '../../src/db/database.js';
import { findOrCreateOrganisation } from '../../src/endorsements/organisations.js';
import { notifyLiveChange } from '../../src/live/notify.js';

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
 * An endorsement straight into the database, in any state, for tests of what comes after the form
 * (staff queue, public list). The form's own tests go through the form.
 */
export async function insertEndorsement(db: Db, statementId: number, f: EndorsementFixture = {}): Promise<number> {
  const n = ++seq;
  const at = f.at ?? new Date('2026-01-15T10:00:00Z');
  const status = f.status ?? 'verified';
  const name = f.name ?? `Test Union ${n}`;
  const country = f.country ?? 'FR';
  const email = f.email ?? `officer${n}@union${n}.example.org`;
  const publishedAt = f.publishedAt !== undefined ? f.publishedAt : status === 'verified' ? at : null;
  const id = await db.transaction().execute(async (trx) => {
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
    return row.id;
  });
  // A public row is announced once committed, as the app's own write paths do, so cached counts and pages follow.
  if (publishedAt && (status === 'verified' || status === 'confirmed')) {
    await notifyLiveChange(db, { kind: 'published', statementId, endorsementId: id });
  }
  return id;
}

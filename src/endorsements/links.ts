import type { DbOrTx } from '../db/database.js';
import { findLinkedEndorsement, type LinkedEndorsement } from './queries.js';
import { verifyToken, type TokenPurpose } from './tokens.js';

export type OpenedLink =
  /** Altered, truncated or meant for the other button: a 400. */
  | { kind: 'invalid' }
  /** Signed by us, but the endorsement is gone (purged, or never existed): a 404. */
  | { kind: 'gone' }
  | {
      kind: 'open';
      endorsement: LinkedEndorsement;
      expired: boolean;
      /** A re-confirmation link's statement version (README "Amending a statement"). */
      version: number | undefined;
    };

/**
 * Read an emailed link: our signature and its purpose first (timing-safe), then the endorsement it
 * names. An expired link still proves which endorsement it was (the page offers a new one).
 */
export async function openLink(
  db: DbOrTx,
  secret: Buffer,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<OpenedLink> {
  const check = verifyToken(secret, token, purpose, now);
  if (!check.ok && check.reason !== 'expired') {
    return { kind: 'invalid' };
  }
  const endorsement = await findLinkedEndorsement(db, check.payload.id);
  return endorsement
    ? { kind: 'open', endorsement, expired: !check.ok, version: check.payload.v }
    : { kind: 'gone' };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../db/database.js';
import type { Log } from '../log.js';
import { countStaff } from './accounts.js';

/** settings key holding the hashes of the first-run setup links still valid. */
export const SETUP_SETTING = 'staff.setup_tokens';
const KEEP = 5;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function storedHashes(db: DbOrTx, lock = false): Promise<string[] | undefined> {
  let q = db.selectFrom('settings').select('value').where('key', '=', SETUP_SETTING);
  if (lock) {
    q = q.forUpdate();
  }
  const row = await q.executeTakeFirst();
  const value = row?.value as { hashes?: unknown } | undefined;
  return Array.isArray(value?.hashes)
    ? value.hashes.filter((h): h is string => typeof h === 'string')
    : row
      ? []
      : undefined;
}

/**
 * First run: while no staff account exists, make a one-time link to create the first admin in the
 * browser and log it (the embedded setup needs no CLI). Only the token's hash is stored; each start
 * adds a fresh link (the last few stay valid, so several processes starting together do not cancel
 * each other's). Returns the link, or undefined once staff exist.
 */
export async function announceSetupLink(
  db: Db,
  publicUrl: string,
  log: Log,
  now: Date,
): Promise<string | undefined> {
  if ((await countStaff(db)) > 0) {
    return undefined;
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    const hashes = (await storedHashes(trx, true)) ?? [];
    const value = JSON.stringify({ hashes: [...hashes, hashToken(token)].slice(-KEEP) });
    await trx
      .insertInto('settings')
      .values({ key: SETUP_SETTING, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  });
  const url = `${publicUrl}/admin/setup?token=${token}`;
  log.info(
    `First run: no staff account yet. Create the first admin at ${url} (one use), or run: npm run cli -- staff add --email E --name N --role admin`,
  );
  return url;
}

/** Whether a setup link is valid right now (the page shows the form only then). */
export async function isSetupTokenValid(db: DbOrTx, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 100) {
    return false;
  }
  return ((await storedHashes(db)) ?? []).includes(hashToken(token));
}

/**
 * Use up the setup links: one guarded DELETE, so of two simultaneous posts only one gets the row.
 * Returns false if the token was not valid (or already used).
 */
export async function consumeSetupToken(trx: DbOrTx, token: string): Promise<boolean> {
  if (!(await isSetupTokenValid(trx, token))) {
    return false;
  }
  const deleted = await trx
    .deleteFrom('settings')
    .where('key', '=', SETUP_SETTING)
    .returning('key')
    .executeTakeFirst();
  return !!deleted;
}

import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx, StaffRole } from '../db/database.js';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 3600 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE = 'undersigned_staff';

/** The signed-in staff member, as every /admin handler sees them. */
export interface StaffSession {
  idHash: string;
  csrfToken: string;
  staff: { id: number; email: string; name: string; role: StaffRole };
}

/** Only the hash is stored: a database leak does not hand out live sessions. */
export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Start a session; the returned id goes into the cookie and nowhere else. */
export async function createSession(
  db: DbOrTx,
  staffId: number,
  now: Date,
  userAgent: string | undefined,
): Promise<{ id: string; csrfToken: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('staff_sessions')
    .values({
      id_hash: hashSessionId(id),
      staff_id: staffId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, csrfToken };
}

/**
 * The live session for a cookie value, or undefined. Expired sessions (idle or absolute) and
 * sessions of disabled accounts are deleted on sight, so they can never come back.
 */
export async function loadSession(
  db: DbOrTx,
  cookieId: string | undefined,
  now: Date,
): Promise<StaffSession | undefined> {
  if (!cookieId || cookieId.length > 100) {
    return undefined;
  }
  const idHash = hashSessionId(cookieId);
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_id')
    .select([
      's.id_hash',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.disabled_at',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const t = now.getTime();
  if (row.disabled_at || t >= row.expires_at.getTime() || t - row.last_seen_at.getTime() >= SESSION_IDLE_MS) {
    await deleteSession(db, idHash);
    return undefined;
  }
  if (t - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    csrfToken: row.csrf_token,
    staff: { id: row.id, email: row.email, name: row.name, role: row.role },
  };
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
}

/** Expired sessions are deleted when met; this sweeps the ones never met again. */
export async function purgeExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        eb('last_seen_at', '<=', new Date(now.getTime() - SESSION_IDLE_MS)),
      ]),
    )
    .execute();
}

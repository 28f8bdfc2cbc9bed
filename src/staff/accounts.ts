import { isUniqueViolation } from '../db/unique.js';
import { sql } from 'kysely';
import type { DbOrTx, StaffRole, StaffUser } from '../db/database.js';
import {
  dummyHash,
  generatePassword,
  hashPassword,
  OWASP_SCRYPT,
  paramsOf,
  type ScryptParams,
} from './passwords.js';
import type { NewStaffInput } from './staff-input.js';

export class DuplicateStaffEmailError extends Error {
  constructor(email: string) {
    super(`a staff account with the email ${email} already exists`);
  }
}

/**
 * Hash the chosen password, or generate one (returned so it can be shown exactly once). Done before
 * any transaction opens: scrypt at OWASP cost takes a few hundred milliseconds.
 */
export async function preparePassword(
  given: string | undefined,
  params?: ScryptParams,
): Promise<{ hash: string; generated: string | undefined }> {
  const generated = given ? undefined : generatePassword();
  return { hash: await hashPassword(given || generated!, params), generated };
}

/** Create a staff account. Emails are unique case-insensitively (the index on lower(email)). */
export async function createStaffUser(
  db: DbOrTx,
  input: Omit<NewStaffInput, 'password'>,
  passwordHash: string,
  now: Date,
): Promise<StaffUser> {
  const password_hash = passwordHash;
  const existing = await findStaffByEmail(db, input.email);
  if (existing) {
    throw new DuplicateStaffEmailError(input.email);
  }
  try {
    const user = await db
      .insertInto('staff_users')
      .values({ email: input.email, name: input.name, role: input.role, password_hash, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return user;
  } catch (err) {
    if (isUniqueViolation(err, 'staff_users_email_idx')) {
      throw new DuplicateStaffEmailError(input.email);
    }
    throw err;
  }
}

export function findStaffByEmail(db: DbOrTx, email: string): Promise<StaffUser | undefined> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/**
 * The hash an unknown account's password is checked against: one made with the cost parameters of
 * the newest account's hash (OWASP's when there is none), so "no such account" costs what a real
 * one does — also when accounts were made with other parameters.
 */
export async function dummyHashLikeAccounts(db: DbOrTx): Promise<string> {
  const newest = await db
    .selectFrom('staff_users')
    .select('password_hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return dummyHash((newest && paramsOf(newest.password_hash)) ?? OWASP_SCRYPT);
}

export function findStaffById(db: DbOrTx, id: number): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countStaff(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listStaff(db: DbOrTx): Promise<StaffUser[]> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .orderBy('disabled_at', (o) => o.desc().nullsFirst())
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Disable or enable; a disabled account's sessions are deleted so it is out at once. Guarded: returns false if nothing changed. */
export async function setStaffDisabled(
  trx: DbOrTx,
  id: number,
  disabled: boolean,
  now: Date,
): Promise<boolean> {
  const q = trx
    .updateTable('staff_users')
    .set({ disabled_at: disabled ? now : null })
    .where('id', '=', id);
  const res = await (
    disabled ? q.where('disabled_at', 'is', null) : q.where('disabled_at', 'is not', null)
  ).executeTakeFirst();
  if (disabled) {
    await trx.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  }
  return Number(res.numUpdatedRows) > 0;
}

/** New password; every session of the account ends, so a leaked session dies with the old password. */
export async function setStaffPassword(trx: DbOrTx, id: number, passwordHash: string): Promise<boolean> {
  const res = await trx
    .updateTable('staff_users')
    .set({ password_hash: passwordHash })
    .where('id', '=', id)
    .executeTakeFirst();
  await trx.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  return Number(res.numUpdatedRows) > 0;
}

/** One's own new password: every other session of the account ends, the one in use goes on. */
export async function changeOwnPassword(
  trx: DbOrTx,
  id: number,
  passwordHash: string,
  keepSession: string,
): Promise<void> {
  await trx.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  await trx
    .deleteFrom('staff_sessions')
    .where('staff_id', '=', id)
    .where('id_hash', '!=', keepSession)
    .execute();
}

/**
 * Another account's role. Guarded (nothing happens when the role is already that), and the last
 * enabled administrator cannot be made a verifier. Returns the role it had, or undefined.
 */
export async function setStaffRole(
  trx: DbOrTx,
  id: number,
  role: StaffRole,
): Promise<{ from: StaffRole } | undefined> {
  const user = await trx
    .selectFrom('staff_users')
    .select(['role'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!user || user.role === role) {
    return undefined;
  }
  if (user.role === 'admin') {
    const admins = await trx
      .selectFrom('staff_users')
      .select(sql<number>`count(*)`.as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .where('id', '!=', id)
      .executeTakeFirstOrThrow();
    if (Number(admins.n) === 0) {
      return undefined;
    }
  }
  await trx.updateTable('staff_users').set({ role }).where('id', '=', id).execute();
  return { from: user.role };
}

export const roleRank: Record<StaffRole, number> = { verifier: 1, admin: 2 };

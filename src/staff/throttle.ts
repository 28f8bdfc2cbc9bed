import { countHits, uncountHits } from '../security/rate-limit.js';
import type { DbOrTx } from '../db/database.js';

/** Sign-in attempts allowed per window, per account and per client address. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_IP = 20;
/** Throttled addresses written to the audit log per window; past that, one line says more were. */
export const LOGIN_AUDIT_ADDRESSES_PER_WINDOW = 20;

const WINDOW_SECONDS = LOGIN_WINDOW_MS / 1000;

export type ThrottleScope = 'account' | 'address';

export interface LoginAttempt {
  allowed: boolean;
  /** Seconds until the window ends (Retry-After). */
  retryAfter: number;
  windowStart: Date;
  /** Attempts counted so far in this window, this one included. */
  counts: Record<ThrottleScope, number>;
  /** The limits this very attempt went over first: each happens once per key and window. */
  tripped: ThrottleScope[];
  keys: Record<ThrottleScope, string>;
}

/**
 * Count a sign-in attempt against its account and its client address (one upsert, shared by every
 * process) BEFORE any password is checked, so a hundred guesses sent at once get no more password
 * checks than a hundred sent one after the other: the limit+1-th and later are refused.
 */
export async function countLoginAttempt(
  db: DbOrTx,
  keys: Record<ThrottleScope, string>,
  now: Date,
): Promise<LoginAttempt> {
  const { counts, windowStart, retryAfter } = await countHits(
    db,
    [keys.account, keys.address],
    WINDOW_SECONDS,
    now,
  );
  const account = counts.get(keys.account) ?? 1;
  const address = counts.get(keys.address) ?? 1;
  const tripped: ThrottleScope[] = [];
  if (account === LOGIN_LIMIT_PER_ACCOUNT + 1) {
    tripped.push('account');
  }
  if (address === LOGIN_LIMIT_PER_IP + 1) {
    tripped.push('address');
  }
  return {
    allowed: account <= LOGIN_LIMIT_PER_ACCOUNT && address <= LOGIN_LIMIT_PER_IP,
    retryAfter,
    windowStart,
    counts: { account, address },
    tripped,
    keys,
  };
}

/** A successful sign-in gives its attempt back, so people are never locked out by their own successes. */
export async function giveBackLoginAttempt(db: DbOrTx, attempt: LoginAttempt): Promise<void> {
  await uncountHits(db, [attempt.keys.account, attempt.keys.address], attempt.windowStart);
}

/**
 * Whether this throttled address may still have its own line in the audit log in this window
 * ('yes'), is the first one past the cap ('last': write one line saying so), or not ('no'). Keeps
 * anonymous traffic from growing the append-only log without bound, however many addresses send it.
 */
export async function auditAddressSlot(db: DbOrTx, now: Date): Promise<'yes' | 'last' | 'no'> {
  const key = 'staff-login:audited-addresses';
  const n = (await countHits(db, [key], WINDOW_SECONDS, now)).counts.get(key) ?? 1;
  return n <= LOGIN_AUDIT_ADDRESSES_PER_WINDOW
    ? 'yes'
    : n === LOGIN_AUDIT_ADDRESSES_PER_WINDOW + 1
      ? 'last'
      : 'no';
}

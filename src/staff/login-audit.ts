import type { DbOrTx, StaffUser } from '../db/database.js';
import { findStaffByEmail } from './accounts.js';
import { recordAudit } from '../audit/audit.js';
import {
  auditAddressSlot,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_IP,
  type LoginAttempt,
} from './throttle.js';

/** Who the audit log names for a sign-in by nobody in particular (never what they typed). */
export const ANONYMOUS = 'anonymous';

/**
 * The audit lines a throttled sign-in leaves: only when it is the attempt that went over a limit,
 * so at most one per account and per client address in each window, with the count so far. An
 * account nobody has (whatever was typed) leaves nothing; an address is named by nothing, and only
 * so many addresses a window get a line of their own. Anonymous traffic cannot grow the log.
 */
export async function auditThrottledLogin(
  db: DbOrTx,
  email: string,
  attempt: LoginAttempt,
  now: Date,
): Promise<void> {
  const window = { windowStart: attempt.windowStart.toISOString() };
  if (attempt.tripped.includes('account')) {
    const user = await findStaffByEmail(db, email);
    if (user) {
      await recordAudit(
        db,
        { id: null, name: user.email },
        {
          action: 'staff.login.throttled',
          details: {
            limit: 'account',
            staffId: user.id,
            attempts: attempt.counts.account,
            allowed: LOGIN_LIMIT_PER_ACCOUNT,
            ...window,
          },
        },
        now,
      );
    }
  }
  if (attempt.tripped.includes('address')) {
    const slot = await auditAddressSlot(db, now);
    if (slot !== 'no') {
      await recordAudit(
        db,
        { id: null, name: ANONYMOUS },
        {
          action: 'staff.login.throttled',
          details:
            slot === 'yes'
              ? { limit: 'address', attempts: attempt.counts.address, allowed: LOGIN_LIMIT_PER_IP, ...window }
              : { limit: 'address', moreAddresses: true, ...window },
        },
        now,
      );
    }
  }
}

/**
 * A failed sign-in of an existing account (bounded by the per-account limit). Failures for an
 * account that does not exist are not written: anyone can type anything, as often as the limits let them.
 */
export async function auditFailedLogin(db: DbOrTx, user: StaffUser, now: Date): Promise<void> {
  await recordAudit(
    db,
    { id: null, name: user.email },
    {
      action: 'staff.login.failed',
      details: { staffId: user.id, reason: user.disabled_at ? 'disabled' : 'wrong-password' },
    },
    now,
  );
}

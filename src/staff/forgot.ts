import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.js';
import { countHits } from '../security/rate-limit.js';
import { findStaffByEmail } from './accounts.js';
import { issueStaffLink } from './staff-links.js';

/** "Forgot your password?" requests allowed per window: per typed address, and per client address. */
export const FORGOT_WINDOW_SECONDS = 3600;
export const FORGOT_LIMIT_PER_ACCOUNT = 3;
export const FORGOT_LIMIT_PER_IP = 10;
/**
 * Every answer takes at least this long, known address or not: the work differs (a link and a
 * mail are written only for a real account), the time a client measures does not.
 */
export const FORGOT_ANSWER_MS = 400;

export type ForgotOutcome = { kind: 'answered' } | { kind: 'throttled'; retryAfter: number };

/**
 * A password-reset link by email, without telling whether the address has an account: the same
 * answer either way, in about the same time. Counted (per typed address and per client) before
 * anything is looked up; a disabled account gets nothing. The reset is audited under the account.
 */
export async function requestPasswordReset(
  deps: { db: Db; config: { publicUrl: string } },
  input: { email: string; locale: string; accountKey: string; addressKey: string },
  now: Date,
  minAnswerMs = FORGOT_ANSWER_MS,
): Promise<ForgotOutcome> {
  const started = performance.now();
  const { counts, retryAfter } = await countHits(
    deps.db,
    [input.accountKey, input.addressKey],
    FORGOT_WINDOW_SECONDS,
    now,
  );
  let outcome: ForgotOutcome = { kind: 'answered' };
  if (
    (counts.get(input.accountKey) ?? 1) > FORGOT_LIMIT_PER_ACCOUNT ||
    (counts.get(input.addressKey) ?? 1) > FORGOT_LIMIT_PER_IP
  ) {
    outcome = { kind: 'throttled', retryAfter };
  } else {
    const user = await findStaffByEmail(deps.db, input.email);
    if (user && !user.disabled_at) {
      await deps.db.transaction().execute(async (trx) => {
        await issueStaffLink(trx, deps, user, 'reset', { locale: input.locale }, now);
        await recordAudit(
          trx,
          { id: null, name: user.name },
          { action: 'staff.password.forgot', details: { staffId: user.id, email: user.email } },
          now,
        );
      });
    }
  }
  const left = minAnswerMs - (performance.now() - started);
  if (left > 0) {
    await sleep(left);
  }
  return outcome;
}

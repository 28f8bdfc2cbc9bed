import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { errorPage } from '../views/error-page.js';
import { keyedHash } from './client-ip.js';
import { firstRefusal, hitRateLimitsInOrder, type RateResult } from './rate-limit.js';

type LimitDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'secret'>;

/**
 * The public form's limits, in PostgreSQL so they hold across processes, checked per client first
 * (README "Security"): the client's own limit is counted before anything else, and a request it
 * refuses counts toward nothing wider. Only a valid submission within its client's and its email's
 * limits counts toward the statement's ceiling, so one flooding client cannot close the form.
 */

/** The per-client rule (address, IPv6 by /64) shared by the form and resend; undefined when allowed. */
export async function hitClientLimit(
  deps: LimitDeps,
  clientKey: string | null,
): Promise<RateResult | undefined> {
  if (!clientKey) {
    return undefined; // no socket to read (app.request in tests): nothing to count by
  }
  const r = deps.config.rateLimits.endorsePerIp;
  return firstRefusal(
    await hitRateLimitsInOrder(deps.db, [[{ name: 'endorse-ip', ...r }, clientKey]], deps.clock.now()),
  );
}

export type SubmissionLimit =
  | { kind: 'allowed' }
  | { kind: 'email'; retryAfter: number }
  /** The statement's ceiling is reached: the form switches to proof-of-work rather than refusing everyone. */
  | { kind: 'ceiling' };

/**
 * A valid submission from a client within its limit: its email address (keyed hash: the table never
 * holds an address), then the statement's ceiling — each counted only if the one before allowed it.
 */
export async function hitSubmissionLimits(
  deps: LimitDeps,
  statementId: number,
  emailNormalised: string,
): Promise<SubmissionLimit> {
  const r = deps.config.rateLimits;
  const emailKey = `${statementId}:${keyedHash(deps.secret, 'email', emailNormalised)}`;
  const [email, statement] = await hitRateLimitsInOrder(
    deps.db,
    [
      [{ name: 'endorse-email', ...r.endorsePerEmail }, emailKey],
      [{ name: 'endorse-statement', ...r.endorsePerStatement }, String(statementId)],
    ],
    deps.clock.now(),
  );
  if (email && !email.allowed) {
    return { kind: 'email', retryAfter: email.retryAfter };
  }
  return statement && !statement.allowed ? { kind: 'ceiling' } : { kind: 'allowed' };
}

/** A limit answers openly: 429, Retry-After, and a page in the reader's language. */
export function tooManyRequests(c: Context<AppEnv>, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const i18n = c.get('i18n');
  return errorPage(c, 429, 'error.tooMany.title', 'error.tooMany.body', undefined, {
    duration: i18n.duration(minutes, 'minute'),
  });
}

import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { errorPage } from '../views/error-page.js';
import { keyedHash } from './client-ip.js';
import { firstRefusal, hitRateLimitsInOrder, type RateResult, type RateRule } from './rate-limit.js';

type LimitDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'secret'>;

/**
 * The public form's limits, in PostgreSQL so they hold across processes, checked per client first
 * (README "Security"): the client's own limit is counted before anything else, and a request it
 * refuses counts toward nothing wider. Only a valid submission within its client's and its email's
 * limits counts toward the statement's ceiling, so one flooding client cannot close the form.
 */

/** The per-client rule (address, IPv6 by /64) shared by the form and resend. */
function clientCheck(deps: LimitDeps, clientKey: string): [RateRule, string] {
  return [{ name: 'endorse-ip', ...deps.config.rateLimits.endorsePerIp }, clientKey];
}

/** The per-client rule alone (resend, a refused form); undefined when allowed. */
export async function hitClientLimit(
  deps: LimitDeps,
  clientKey: string | null,
): Promise<RateResult | undefined> {
  if (!clientKey) {
    return undefined; // no socket to read (app.request in tests): nothing to count by
  }
  return firstRefusal(await hitRateLimitsInOrder(deps.db, [clientCheck(deps, clientKey)], deps.clock.now()));
}

export type SubmissionLimit =
  | { kind: 'allowed' }
  /** The client's own limit (only when it was counted here, see hitSubmissionLimits). */
  | { kind: 'client'; retryAfter: number }
  | { kind: 'email'; retryAfter: number }
  /** The statement's ceiling is reached: the form switches to proof-of-work rather than refusing everyone. */
  | { kind: 'ceiling' };

/**
 * A valid submission: its email address (keyed hash: the table never holds an address), then the
 * statement's ceiling — each counted only if the one before allowed it. With `clientKey`, the
 * client's own limit is counted first in the same round trip (the caller has not counted it yet);
 * without, the caller already did.
 */
export async function hitSubmissionLimits(
  deps: LimitDeps,
  statementId: number,
  emailNormalised: string,
  clientKey: string | null = null,
): Promise<SubmissionLimit> {
  const r = deps.config.rateLimits;
  const emailKey = `${statementId}:${keyedHash(deps.secret, 'email', emailNormalised)}`;
  const checks: Array<[RateRule, string]> = [
    ...(clientKey ? [clientCheck(deps, clientKey)] : []),
    [{ name: 'endorse-email', ...r.endorsePerEmail }, emailKey],
    [{ name: 'endorse-statement', ...r.endorsePerStatement }, String(statementId)],
  ];
  const results = await hitRateLimitsInOrder(deps.db, checks, deps.clock.now());
  // Counted in order and cut after the first refusal: the refused rule is the last one counted.
  const refused = results.findIndex((x) => !x.allowed);
  if (refused < 0) {
    return { kind: 'allowed' };
  }
  const name = checks[refused]![0].name;
  const retryAfter = results[refused]!.retryAfter;
  return name === 'endorse-ip'
    ? { kind: 'client', retryAfter }
    : name === 'endorse-email'
      ? { kind: 'email', retryAfter }
      : { kind: 'ceiling' };
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

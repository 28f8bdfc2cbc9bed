import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { errorPage } from '../views/error-page.js';
import { keyedHash } from './client-ip.js';
import { hitRateLimits, type RateResult, type RateRule } from './rate-limit.js';

/**
 * The public form's limits, all in PostgreSQL so they hold across processes. Per client — the
 * client's address (keyed hash) and the statement's ceiling on a flood, far above a federation's
 * burst — checked before anything else; then per email address once the form is valid.
 * Each submission counts once against each rule, in one round trip.
 */
export async function hitClientLimits(deps: Deps, statementId: number, ipHash: string | null): Promise<RateResult> {
  const r = deps.config.rateLimits;
  const rules: Array<[RateRule, string]> = [[{ name: 'endorse-statement', ...r.endorsePerStatement }, String(statementId)]];
  if (ipHash) rules.push([{ name: 'endorse-ip', ...r.endorsePerIp }, ipHash]);
  return hitRateLimits(deps.db, rules, deps.clock.now());
}

export async function hitEmailLimit(deps: Deps, statementId: number, emailNormalised: string): Promise<RateResult> {
  // Keyed hash: the rate_limits table never holds an address (nothing there to erase or leak).
  const subject = `${statementId}:${keyedHash(deps.secret, 'email', emailNormalised)}`;
  return hitRateLimits(deps.db, [[{ name: 'endorse-email', ...deps.config.rateLimits.endorsePerEmail }, subject]], deps.clock.now());
}

/** A limit answers openly: 429, Retry-After, and a page in the reader's language (DESIGN §8). */
export function tooManyRequests(c: Context<AppEnv>, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const i18n = c.get('i18n');
  return errorPage(c, 429, 'error.tooMany.title', 'error.tooMany.body', undefined, { minutes: i18n.number(minutes) });
}

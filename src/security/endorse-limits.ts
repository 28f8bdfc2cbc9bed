import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { errorPage } from '../views/error-page.js';
import { hitRateLimits, type RateResult, type RateRule } from './rate-limit.js';

/**
 * The public form's limits, all in PostgreSQL so they hold across processes: per client IP (keyed
 * hash), per email address, and per statement (a ceiling on a flood, far above a federation's burst).
 */
export async function hitEndorseLimits(
  deps: Deps,
  subject: { ipHash: string | null; statementId: number; emailNormalised?: string | undefined },
): Promise<RateResult> {
  const r = deps.config.rateLimits;
  const rules: Array<[RateRule, string]> = [[{ name: 'endorse-statement', ...r.endorsePerStatement }, String(subject.statementId)]];
  if (subject.ipHash) rules.push([{ name: 'endorse-ip', ...r.endorsePerIp }, subject.ipHash]);
  if (subject.emailNormalised) rules.push([{ name: 'endorse-email', ...r.endorsePerEmail }, `${subject.statementId}:${subject.emailNormalised}`]);
  return hitRateLimits(deps.db, rules, deps.clock.now());
}

/** A limit answers openly: 429, Retry-After, and a page in the reader's language (DESIGN §8). */
export function tooManyRequests(c: Context<AppEnv>, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const i18n = c.get('i18n');
  return errorPage(c, 429, 'error.tooMany.title', 'error.tooMany.body', undefined, { minutes: i18n.number(minutes) });
}

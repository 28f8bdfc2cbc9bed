import type { Deps } from '../deps.js';
import type { Statement } from '../db/database.js';
import { hitClientLimit, hitSubmissionLimits, type SubmissionLimit } from '../security/endorse-limits.js';
import { requirePowFor } from '../security/pow-auto.js';
import { POW_CHALLENGE_FIELD, POW_NONCE_FIELD, requiredPow, verifyPow } from '../security/pow.js';
import { HONEYPOT_FIELD, parseEndorseForm, type EndorseInput } from './form-schema.js';

/** What the guards decided about one form submission, in the order they ran. */
export type Screening =
  /** The client's own limit (429 with Retry-After). Nothing else was counted. */
  | { kind: 'client-limit'; retryAfter: number }
  /** A bot defence: answer exactly as for a success, store and send nothing. */
  | { kind: 'bot'; reason: string }
  /** Proof-of-work is on for this statement and the form came without it: ask again, keeping the answers. */
  | { kind: 'needs-pow'; powRequiredUntil: Date | null }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'email-limit'; retryAfter: number }
  /** The ceiling is reached and proof-of-work cannot be switched on (POW_AUTO_DIFFICULTY=0): refuse. */
  | { kind: 'ceiling'; retryAfter: number }
  | { kind: 'accept'; input: EndorseInput };

type ScreenDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'secret' | 'log' | 'live'>;

/**
 * The guards in front of a submission, cheapest and most specific first, so that one hostile client
 * spends only its own budget (README "Security"):
 *   1. the client's limit (address, IPv6 by /64) — counted before anything else;
 *   2. bot defences — the honeypot, a wrong or replayed proof-of-work answer;
 *   3. the form itself (422 with every problem by its field);
 *   4. the email address's limit, then the statement's ceiling — counted only for what passed.
 * When the ceiling is reached, the statement switches on proof-of-work for a cool-down instead of
 * refusing everyone: a submission that carries a solved challenge is accepted.
 */
export async function screenSubmission(
  deps: ScreenDeps,
  statement: Statement,
  raw: Record<string, string>,
  clientKey: string | null,
): Promise<Screening> {
  const now = deps.clock.now();
  const pow = requiredPow(deps.config, statement, now);
  const answered = !!(raw[POW_CHALLENGE_FIELD] || raw[POW_NONCE_FIELD]);
  if (pow.difficulty === 0 && !answered && !raw[HONEYPOT_FIELD]) {
    // The common case: no bot defence has anything to check. Parsing the form counts nothing, so it
    // may come first; a valid form then has every limit counted in order in one round trip (the
    // client's, then the email's, then the ceiling), an invalid one only the client's — as above.
    const parsed = parseEndorseForm(raw);
    if (!parsed.ok) {
      const client = await hitClientLimit(deps, clientKey);
      return client
        ? { kind: 'client-limit', retryAfter: client.retryAfter }
        : { kind: 'invalid', errors: parsed.errors };
    }
    const limit = await hitSubmissionLimits(deps, statement.id, parsed.value.emailNormalised, clientKey);
    return afterLimits(deps, statement.id, now, limit, parsed.value, false);
  }
  const client = await hitClientLimit(deps, clientKey);
  if (client) {
    return { kind: 'client-limit', retryAfter: client.retryAfter };
  }
  if (raw[HONEYPOT_FIELD]) {
    return { kind: 'bot', reason: 'honeypot' };
  }
  if (!answered && pow.auto) {
    // Sent from a page rendered before proof-of-work was switched on: a person's answers are kept.
    return { kind: 'needs-pow', powRequiredUntil: statement.pow_required_until };
  }
  const check = await verifyPow(deps.db, deps.secret, {
    challenge: raw[POW_CHALLENGE_FIELD] ?? '',
    nonce: raw[POW_NONCE_FIELD] ?? '',
    statementId: statement.id,
    difficulty: Math.max(pow.difficulty, 1),
    now,
  });
  if (!check.ok && pow.difficulty > 0) {
    return { kind: 'bot', reason: `proof-of-work ${check.reason}` };
  }
  const solved = check.ok;
  const parsed = parseEndorseForm(raw);
  if (!parsed.ok) {
    return { kind: 'invalid', errors: parsed.errors };
  }
  const limit = await hitSubmissionLimits(deps, statement.id, parsed.value.emailNormalised);
  return afterLimits(deps, statement.id, now, limit, parsed.value, solved);
}

/** What the limits decided; at the ceiling, proof-of-work goes on instead of refusing everyone. */
async function afterLimits(
  deps: ScreenDeps,
  statementId: number,
  now: Date,
  limit: SubmissionLimit,
  input: EndorseInput,
  solved: boolean,
): Promise<Screening> {
  if (limit.kind === 'client') {
    return { kind: 'client-limit', retryAfter: limit.retryAfter };
  }
  if (limit.kind === 'email') {
    return { kind: 'email-limit', retryAfter: limit.retryAfter };
  }
  if (limit.kind === 'ceiling' && !solved) {
    const { difficulty, minutes } = deps.config.powAuto;
    if (difficulty === 0) {
      return { kind: 'ceiling', retryAfter: deps.config.rateLimits.endorsePerStatement.windowSeconds };
    }
    if (await requirePowFor(deps, statementId, now, minutes)) {
      deps.log.warn('endorse: the statement reached its ceiling; proof-of-work is on for a while', {
        statementId,
        minutes,
      });
    }
    return { kind: 'needs-pow', powRequiredUntil: new Date(now.getTime() + minutes * 60_000) };
  }
  return { kind: 'accept', input };
}

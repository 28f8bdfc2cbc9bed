import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../db/database.js';

/** Form fields carrying the challenge and the client's answer. */
export const POW_CHALLENGE_FIELD = 'pow_challenge';
export const POW_NONCE_FIELD = 'pow_nonce';

/** Long enough for someone who reads the whole statement before signing; a stockpile saves an attacker no work. */
export const POW_TTL_MS = 6 * 3600_000;

/** What the form needs: the signed challenge and how many leading zero bits its answer must have. */
export interface PowChallenge {
  challenge: string;
  difficulty: number;
  /** Switched on by itself because the statement's ceiling was reached (the form says so). */
  auto?: boolean;
}

const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(`pow:${payload}`).digest('base64url');

/**
 * A fresh challenge for one statement's form: `statementId.expiresMs.difficulty.nonce.sig`.
 * Signed rather than stored, so rendering a page writes nothing; only a used answer is recorded.
 */
export function issuePowChallenge(
  secret: Buffer,
  statementId: number,
  difficulty: number,
  now: Date,
): PowChallenge {
  const payload = `${statementId}.${now.getTime() + POW_TTL_MS}.${difficulty}.${randomBytes(16).toString('base64url')}`;
  return { challenge: `${payload}.${sign(secret, payload)}`, difficulty };
}

/** Leading zero bits of a digest (what the browser's search aims for). */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** SHA-256(challenge + nonce), exactly as public/pow.js computes it. */
export const powDigest = (challenge: string, nonce: string) =>
  createHash('sha256')
    .update(challenge + nonce)
    .digest();

export type PowCheck =
  | { ok: true }
  | {
      ok: false;
      reason:
        'missing' | 'malformed' | 'signature' | 'statement' | 'expired' | 'difficulty' | 'work' | 'replay';
    };

const CHALLENGE = /^(\d{1,15})\.(\d{1,15})\.(\d{1,2})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const NONCE = /^\d{1,16}$/;

/**
 * Check an answer: our signature, this statement, not expired, at least today's difficulty, the
 * work done — and never used before (replay-proof). The used challenge is recorded in
 * rate_limits (key `pow:<nonce>`, window = its expiry), so every process sees it and the privacy
 * purge drops it a day after it could have been used anyway.
 */
export async function verifyPow(
  db: DbOrTx,
  secret: Buffer,
  input: { challenge: string; nonce: string; statementId: number; difficulty: number; now: Date },
): Promise<PowCheck> {
  if (!input.challenge || !input.nonce) {
    return { ok: false, reason: 'missing' };
  }
  const m = CHALLENGE.exec(input.challenge);
  if (!m || !NONCE.test(input.nonce)) {
    return { ok: false, reason: 'malformed' };
  }
  const [, statementId, expires, difficulty, nonce, sig] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(sign(secret, input.challenge.slice(0, -(sig.length + 1))));
  if (!timingSafeEqual(expected, Buffer.from(sig))) {
    return { ok: false, reason: 'signature' };
  }
  if (Number(statementId) !== input.statementId) {
    return { ok: false, reason: 'statement' };
  }
  const expiresAt = Number(expires);
  if (expiresAt <= input.now.getTime()) {
    return { ok: false, reason: 'expired' };
  }
  const bits = Number(difficulty);
  if (bits < input.difficulty) {
    return { ok: false, reason: 'difficulty' };
  }
  if (leadingZeroBits(powDigest(input.challenge, input.nonce)) < bits) {
    return { ok: false, reason: 'work' };
  }
  const used = await db
    .insertInto('rate_limits')
    .values({ key: `pow:${nonce}`, window_start: new Date(expiresAt), count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return used ? { ok: true } : { ok: false, reason: 'replay' };
}

/** Test and benchmark helper: the answer a browser would find (the same brute-force search). */
export function solvePow(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    if (leadingZeroBits(powDigest(challenge, String(i))) >= difficulty) {
      return String(i);
    }
  }
}

/**
 * What a statement's form requires now: the operator's POW_DIFFICULTY, or — while the cool-down
 * after its ceiling was reached lasts — the automatic difficulty, whichever is higher. 0 = none.
 */
export function requiredPow(
  config: { powDifficulty: number; powAuto: { difficulty: number } },
  statement: { pow_required_until: Date | null },
  now: Date,
): { difficulty: number; auto: boolean } {
  const auto = statement.pow_required_until !== null && statement.pow_required_until > now;
  const autoBits = auto ? config.powAuto.difficulty : 0;
  return { difficulty: Math.max(config.powDifficulty, autoBits), auto: autoBits > config.powDifficulty };
}

/** What a form shows while proof-of-work is on: how hard, and whether it switched on by itself. */
export type PowRequirement = { difficulty: number; auto: boolean };

/** The requirement a statement's form shows now, or undefined while proof-of-work is off for it. */
export function formPowRequirement(
  config: { powDifficulty: number; powAuto: { difficulty: number } },
  statement: { pow_required_until: Date | null },
  now: Date,
): PowRequirement | undefined {
  const pow = requiredPow(config, statement, now);
  return pow.difficulty > 0 ? pow : undefined;
}

/** A fresh challenge for a form (GET /s/:slug/pow), or undefined while proof-of-work is off for it. */
export function formPowChallenge(
  deps: { secret: Buffer; config: { powDifficulty: number; powAuto: { difficulty: number } } },
  statement: { id: number; pow_required_until: Date | null },
  now: Date,
): PowChallenge | undefined {
  const { difficulty, auto } = requiredPow(deps.config, statement, now);
  return difficulty > 0
    ? { ...issuePowChallenge(deps.secret, statement.id, difficulty, now), auto }
    : undefined;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'withdraw' | 'unsubscribe' | 'reconfirm';

/** How long a confirmation link is valid (docs/ARCHITECTURE.md). */
export const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000;
/** Withdraw links sit in old emails; they stay valid for a long time (withdrawing is always allowed). */
export const WITHDRAW_TTL_MS = 3 * 365 * 24 * 3600 * 1000;
/**
 * A re-confirmation link (README "Amending a statement") must outlive any deadline staff are likely
 * to set, yet not stay valid for ever: an expired one still says which endorsement it was for.
 */
export const RECONFIRM_TTL_MS = 90 * 24 * 3600 * 1000;

export interface TokenPayload {
  id: number;
  purpose: TokenPurpose;
  /** Expiry, in whole seconds since the epoch. */
  exp: number;
  /** For `reconfirm`: the statement version the link re-confirms on (an older link cannot confirm a newer text). */
  v?: number | undefined;
}

export type TokenCheck =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' }
  | { ok: false; reason: 'expired'; payload: TokenPayload };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** `base64url(payload).base64url(HMAC-SHA256(secret, payload))`. */
export function createToken(secret: Buffer, payload: TokenPayload): string {
  const body = JSON.stringify(
    payload.v === undefined
      ? { id: payload.id, p: payload.purpose, exp: payload.exp }
      : { id: payload.id, p: payload.purpose, exp: payload.exp, v: payload.v },
  );
  return `${b64(body)}.${b64(sign(secret, body))}`;
}

export function tokenFor(
  secret: Buffer,
  id: number,
  purpose: Exclude<TokenPurpose, 'reconfirm'>,
  now: Date,
): string {
  // Unsubscribe links, like withdraw links, sit in old emails and must keep working.
  const ttl = purpose === 'confirm' ? CONFIRM_TTL_MS : WITHDRAW_TTL_MS;
  return createToken(secret, { id, purpose, exp: Math.floor((now.getTime() + ttl) / 1000) });
}

/** A re-confirmation link's token: bound to the endorsement, its purpose and the version to re-confirm on. */
export function reconfirmTokenFor(secret: Buffer, id: number, version: number, now: Date): string {
  return createToken(secret, {
    id,
    purpose: 'reconfirm',
    exp: Math.floor((now.getTime() + RECONFIRM_TTL_MS) / 1000),
    v: version,
  });
}

/**
 * Check signature (timing-safe), purpose, then expiry. An expired token still says which
 * endorsement it was for, so the page can offer a fresh link.
 */
export function verifyToken(secret: Buffer, token: string, purpose: TokenPurpose, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > 512) {
    return { ok: false, reason: 'malformed' };
  }
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
    return { ok: false, reason: 'malformed' };
  }
  const body = Buffer.from(parts[0]!, 'base64url').toString('utf8');
  const given = Buffer.from(parts[1]!, 'base64url');
  const expected = sign(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const p = parsed as { id?: unknown; p?: unknown; exp?: unknown; v?: unknown };
  if (
    !Number.isSafeInteger(p.id) ||
    (p.id as number) <= 0 ||
    !Number.isSafeInteger(p.exp) ||
    (p.p !== 'confirm' && p.p !== 'withdraw' && p.p !== 'unsubscribe' && p.p !== 'reconfirm') ||
    // Only a re-confirmation names a version, and it always does.
    (p.p === 'reconfirm') !== (Number.isSafeInteger(p.v) && (p.v as number) >= 1)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const payload: TokenPayload = {
    id: p.id as number,
    purpose: p.p,
    exp: p.exp as number,
    ...(p.p === 'reconfirm' ? { v: p.v as number } : {}),
  };
  if (payload.purpose !== purpose) {
    return { ok: false, reason: 'wrong-purpose' };
  }
  if (payload.exp * 1000 <= now.getTime()) {
    return { ok: false, reason: 'expired', payload };
  }
  return { ok: true, payload };
}

/** Absolute links for emails. */
export const confirmUrl = (publicUrl: string, secret: Buffer, id: number, now: Date) =>
  `${publicUrl}/confirm/${tokenFor(secret, id, 'confirm', now)}`;
export const withdrawUrl = (publicUrl: string, secret: Buffer, id: number, now: Date) =>
  `${publicUrl}/withdraw/${tokenFor(secret, id, 'withdraw', now)}`;
/** The one-click unsubscribe link of an update (README "Unsubscribe"): bound to this purpose only. */
export const unsubscribeUrl = (publicUrl: string, secret: Buffer, id: number, now: Date) =>
  `${publicUrl}/unsubscribe/${tokenFor(secret, id, 'unsubscribe', now)}`;
export const reconfirmUrl = (publicUrl: string, secret: Buffer, id: number, version: number, now: Date) =>
  `${publicUrl}/reconfirm/${reconfirmTokenFor(secret, id, version, now)}`;

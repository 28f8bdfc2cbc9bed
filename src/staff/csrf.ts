import { randomBytes, timingSafeEqual } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import type { StaffContext } from './env.js';

/** Before sign-in there is no session; the sign-in and setup forms carry this cookie's value instead. */
export const PRE_SESSION_COOKIE = 'undersigned_staff_form';
export const CSRF_FIELD = '_csrf';

export const cookieOptions = (https: boolean) => ({
  path: '/admin',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: https,
});

/** The token for the sign-in and setup forms, set as a cookie on first sight (double submit). */
export function preSessionToken(c: StaffContext, https: boolean): string {
  const existing = getCookie(c, PRE_SESSION_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) {
    return existing;
  }
  const token = randomBytes(32).toString('base64url');
  setCookie(c, PRE_SESSION_COOKIE, token, { ...cookieOptions(https), maxAge: 3600 * 12 });
  return token;
}

/** Timing-safe comparison of the posted token with the expected one. */
export function tokensMatch(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) {
    return false;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { getCookie } from 'hono/cookie';
import type { StaffContext } from './env.js';

/**
 * The staff member's time zone, for the closing-date field (README.md "Statements"): the browser's
 * own (IANA name), remembered in a cookie by staff-form.js; UTC without JavaScript or a valid name.
 */
export const TZ_COOKIE = 'undersigned_staff_tz';

export function validTimeZone(name: string | undefined): string | undefined {
  if (!name || name.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(name)) {
    return undefined;
  }
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const staffTimeZone = (c: StaffContext): string => validTimeZone(getCookie(c, TZ_COOKIE)) ?? 'UTC';

/** How far the wall clock of a zone is ahead of UTC at a moment (ms). */
function offsetAt(date: Date, tz: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** A wall-clock time typed in a zone (given as a Date read as UTC) → the real moment. */
export function fromZone(wallAsUtc: Date, tz: string): Date {
  if (tz === 'UTC') {
    return wallAsUtc;
  }
  const guess = wallAsUtc.getTime() - offsetAt(wallAsUtc, tz);
  return new Date(wallAsUtc.getTime() - offsetAt(new Date(guess), tz));
}

/** A moment → the value of a datetime-local input showing it in a zone. */
export function toZonedInput(d: Date | null, tz: string): string {
  if (!d) {
    return '';
  }
  return new Date(d.getTime() + (tz === 'UTC' ? 0 : offsetAt(d, tz))).toISOString().slice(0, 16);
}

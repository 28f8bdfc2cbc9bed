/**
 * Retry schedule for mail that failed for a temporary reason (SMTP down, 4xx reply):
 * 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, then every 10 min, each ±25 % at random so that
 * many mails that failed together (an SMTP outage) do not all come back at the same instant.
 * After MAX_RETRY_AGE_MS from when the mail was queued, a temporary failure becomes a permanent one.
 */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;
export const JITTER = 0.25;
/** A confirmation link is valid for 7 days; a mail still undelivered after 3 days is reported as failed. */
export const MAX_RETRY_AGE_MS = 72 * 3600_000;

/** Delay before the next attempt, given how many attempts have been made (1 after the first failure). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

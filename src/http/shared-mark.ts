import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * A route answering with a response that is the same for every reader of the URL (given its
 * `Vary`) says so, with the exact body bytes it sent (null for a 304): the server may then answer
 * the next readers from it without the general chain (src/http/fast-path.ts).
 */
export function markShared(c: Context, body: Uint8Array | string | null): void {
  (c as Context<AppEnv>).set('sharedBody', body);
}

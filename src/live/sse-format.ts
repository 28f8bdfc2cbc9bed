import * as v from 'valibot';

const encoder = new TextEncoder();

/** Event names sent on /s/:slug/events (README "Endorsing a statement"), plus `reset`: "you missed too much, reload the list". */
export type LiveEventName = 'count' | 'signatory' | 'withdrawn' | 'reset';

/**
 * One event serialised once and shared by every client of the statement: 10,000 clients cost one
 * string, not 10,000. JSON.stringify never emits a raw newline, so `data:` stays one line.
 */
export function encodeEvent(id: string, event: LiveEventName, data: unknown): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A comment line: keeps proxies from closing an idle stream and exposes dead sockets. */
export const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** Tells EventSource how long to wait before reconnecting (sent on shutdown, spread out). */
export function retryHint(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.round(ms)}\n\n`);
}

/** `<epoch>-<seq>`: the epoch is per hub start, so an id from another process or a restart is never mistaken for ours. */
const EventIdSchema = v.pipe(v.string(), v.maxLength(40), v.regex(/^[a-z0-9]{1,16}-\d{1,15}$/));

export function formatEventId(epoch: string, seq: number): string {
  return `${epoch}-${seq}`;
}

/** Last-Event-ID from the browser, validated; anything malformed counts as "no id". */
export function parseEventId(raw: string | undefined | null): { epoch: string; seq: number } | undefined {
  const r = v.safeParse(EventIdSchema, raw);
  if (!r.success) {
    return undefined;
  }
  const dash = r.output.lastIndexOf('-');
  return { epoch: r.output.slice(0, dash), seq: Number(r.output.slice(dash + 1)) };
}

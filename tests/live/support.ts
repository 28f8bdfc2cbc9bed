import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { transact } from '../../src/changes/transact.js';
import { asDeps, insertEndorsement, type EndorsementFixture, type Writer } from '../support/fixtures.js';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
  at: number;
}

/**
 * A real EventSource-like reader over fetch (undici): what a browser receives, parsed by the
 * rules of the SSE spec, with a way to wait for a given event instead of sleeping.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  retry: number | undefined;
  ended = false;
  status = 0;
  headers: Headers | undefined;
  raw = '';
  private abort = new AbortController();
  private waiters = new Set<() => void>();

  constructor(
    private url: string,
    private lastEventId?: string,
    /** Extra request headers (X-Forwarded-For, to act as another client behind a trusted proxy). */
    private extraHeaders: Record<string, string> = {},
  ) {}

  async open(): Promise<this> {
    const res = await fetch(this.url, {
      headers: {
        ...this.extraHeaders,
        ...(this.lastEventId ? { 'Last-Event-ID': this.lastEventId } : {}),
        accept: 'text/event-stream',
      },
      signal: this.abort.signal,
    });
    this.status = res.status;
    this.headers = res.headers;
    void this.pump(res);
    return this;
  }

  private async pump(res: Response) {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        this.raw += value;
        buffer += value;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          this.block(buffer.slice(0, i));
          buffer = buffer.slice(i + 2);
        }
        this.wake();
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
    this.wake();
  }

  private block(text: string) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    let any = false;
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') {
        id = value;
      } else if (field === 'event') {
        event = value;
        any = true;
      } else if (field === 'data') {
        data.push(value);
        any = true;
      } else if (field === 'retry') {
        this.retry = Number(value);
      }
    }
    if (any) {
      this.events.push({ id, event, data: data.join('\n'), at: Date.now() });
    }
  }

  private wake() {
    for (const w of [...this.waiters]) {
      w();
    }
  }

  /** Resolve once `check` holds (re-checked on every chunk received), or fail after the timeout. */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const r = check();
        if (r) {
          cleanup();
          resolve(r);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `SSE: timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => `${e.event} ${e.data}`)).slice(0, 1500)}`,
          ),
        );
      }, timeoutMs);
      const waiter = () => void attempt();
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      attempt();
    });
  }

  /** The first event named `event` (after index `from`) whose data satisfies `match`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event data is whatever JSON the server sent
  next(event: string, match: (data: any) => boolean = () => true, from = 0): Promise<SseEvent> {
    return this.waitFor(
      () => this.events.slice(from).find((e) => e.event === event && match(JSON.parse(e.data))),
      `${event}`,
    );
  }

  named(event: string): SseEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  close() {
    this.abort.abort();
  }
}

/** The app on a real socket (127.0.0.1, a free port), as a browser reaches it. */
export async function listen(
  fetchFn: (req: Request, env?: unknown) => Response | Promise<Response>,
): Promise<{ url: string; server: ServerType; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: fetchFn, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) {
          server.closeAllConnections();
        }
        server.close(() => resolve());
      }),
  };
}

/** Poll a condition that has no event of its own (a server-side counter). */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Private data no public response may ever contain. */
export const SECRET = {
  contactName: 'Zebediah Quillfeather',
  contactRole: 'Secret Treasurer Role',
  email: 'zebediah.private@hidden-mailbox.example',
  comment: 'private-note-for-organisers-only',
};

/**
 * An endorsement confirmed by email, then made public by a staff-like transition: one guarded
 * UPDATE and the NOTIFY in the same transaction, exactly as the real code does it.
 */
export async function publish(to: Writer, statementId: number, f: EndorsementFixture = {}): Promise<number> {
  const id = await insertEndorsement(to, statementId, {
    ...SECRET,
    ...f,
    email: f.email ?? `x${Math.random().toString(36).slice(2)}.${SECRET.email}`,
    status: 'confirmed',
    publishedAt: null,
  });
  await transact(asDeps(to), async (trx, announce) => {
    await trx
      .updateTable('endorsements')
      .set({
        status: 'verified',
        verified_at: new Date(),
        published_at: sql`now()` as never,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .execute();
    await announce({ kind: 'published', statementId, endorsementId: id });
  });
  return id;
}

export async function withdraw(to: Writer, statementId: number, id: number): Promise<void> {
  await transact(asDeps(to), async (trx, announce) => {
    await trx
      .updateTable('endorsements')
      .set({ status: 'withdrawn', withdrawn_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['confirmed', 'verified'])
      .execute();
    await announce({ kind: 'withdrawn', statementId, endorsementId: id });
  });
}

/** A JSON body, typed loosely: the tests assert its exact shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert the exact shape
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}

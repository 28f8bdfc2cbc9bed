import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './env.js';
import { matchesEtag } from './http-cache.js';

/**
 * Pre-rendered public answers (README "Benchmarks"): a public response that is the same bytes for
 * every reader of its URL (the statement page, the API, embed, badge, CSV, pictures) is remembered —
 * status, headers and body as the general chain produced them — and the next request for that URL
 * (and the same values of the headers its `Vary` names) is answered from it at the Node server,
 * before Hono builds a Request, a Context and runs the middleware. Everything the chain does per
 * request is done here too: the Host check, the request id, the request metric. A snapshot is
 * dropped when the live hub's generation moves (any change that invalidates its caches) and after a
 * few seconds, so it is never older than what the hub itself would serve.
 */

export interface FastPathOptions {
  /** The live hub's generation: bumped by every change that invalidates a cached public value. */
  generation: () => number;
  /** Milliseconds; the hub's clock. */
  now: () => number;
  /** The Host check of the general chain (src/http/host-check.ts). */
  hostAllowed: (host: string) => boolean;
  /** The request metric, when METRICS_TOKEN is set (src/metrics/http.ts). */
  observe?:
    ((labels: { method: string; route: string; status: number }, seconds: number) => void) | undefined;
  /** How long a snapshot may serve (default 5 s, the shared caches' s-maxage). */
  maxAgeMs?: number;
}

interface Prepared {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer | null;
}

interface Variant {
  gen: number;
  at: number;
  etag: string;
  route: string;
  ok?: Prepared;
  /** HEAD: the GET headers without a body (as Hono answers HEAD). */
  head?: Prepared;
  notModified?: Prepared;
}

interface UrlEntry {
  /** Lower-case request header names the response varies on (from its `Vary`). */
  vary: string[];
  variants: Map<string, Variant>;
}

export interface FastPath {
  /** Hono middleware, first in the chain: records the shared answers the routes mark. */
  recorder(): MiddlewareHandler<AppEnv>;
  /** Wrap the Node request listener: answer from a snapshot, or hand over to the general chain. */
  wrap(
    listener: (req: IncomingMessage, res: ServerResponse) => unknown,
  ): (req: IncomingMessage, res: ServerResponse) => void;
  /** Snapshots held, and requests answered from one (for tests). */
  stats(): { size: number; hits: number };
}

/** Bounded: random query strings or header values must not grow the store without limit. */
const MAX_VARIANTS = 512;
const REQUEST_ID = /^[\w\-=]{1,255}$/;

export function createFastPath(opts: FastPathOptions): FastPath {
  const maxAgeMs = opts.maxAgeMs ?? 5000;
  const urls = new Map<string, UrlEntry>();
  let count = 0;
  let hits = 0;
  const hostVerdicts = new Map<string, boolean>();

  const hostOk = (host: string) => {
    let ok = hostVerdicts.get(host);
    if (ok === undefined) {
      ok = opts.hostAllowed(host);
      if (hostVerdicts.size < 64) {
        hostVerdicts.set(host, ok);
      }
    }
    return ok;
  };

  const variantKey = (vary: string[], get: (name: string) => string | undefined) => {
    let key = '';
    for (const name of vary) {
      key += `${get(name) ?? ''}\n`;
    }
    return key;
  };

  function record(
    url: string,
    c: Context<AppEnv>,
    gen: number,
    at: number,
    body: Uint8Array | string | null,
  ) {
    const res = c.res;
    const status = res.status;
    if (status !== 200 && status !== 304) {
      return;
    }
    const h = res.headers;
    const etag = h.get('etag');
    if (!etag || h.has('set-cookie') || !h.get('cache-control')?.startsWith('public')) {
      return;
    }
    const headers: OutgoingHttpHeaders = {};
    h.forEach((value, name) => {
      if (name !== 'x-request-id') {
        headers[name] = value;
      }
    });
    let entry = urls.get(url);
    if (status === 200) {
      const vary = (h.get('vary') ?? '')
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean);
      if (!entry || entry.vary.join() !== vary.join()) {
        count -= entry?.variants.size ?? 0;
        entry = { vary, variants: new Map() };
        urls.set(url, entry);
      }
    } else if (!entry) {
      // A 304 does not say what it varies on: only kept once its 200 has told.
      return;
    }
    const key = variantKey(entry.vary, (n) => c.req.header(n));
    let v = entry.variants.get(key);
    if (!v || v.gen !== gen || v.etag !== etag) {
      if (!v) {
        if (count >= MAX_VARIANTS) {
          urls.clear();
          count = 0;
          urls.set(url, entry);
          entry.variants.clear();
        }
        count++;
      }
      v = { gen, at, etag, route: routePath(c) };
      entry.variants.set(key, v);
    }
    if (status === 200) {
      const bytes = body === null ? Buffer.alloc(0) : Buffer.from(body);
      const withLength = { ...headers, 'content-length': String(bytes.byteLength) };
      v.ok = { status, headers: withLength, body: bytes };
      v.head = { status, headers, body: null };
    } else {
      v.notModified = { status, headers, body: null };
    }
  }

  return {
    recorder() {
      return async (c, next) => {
        const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
        if (c.req.method !== 'GET' || !incoming?.url) {
          return next();
        }
        const gen = opts.generation();
        const at = opts.now();
        await next();
        const body = c.get('sharedBody');
        if (body !== undefined) {
          record(incoming.url, c, gen, at, body);
        }
      };
    },

    wrap(listener) {
      return (req, res) => {
        const method = req.method;
        const url = req.url;
        const entry = (method === 'GET' || method === 'HEAD') && url ? urls.get(url) : undefined;
        if (!entry) {
          return void listener(req, res);
        }
        const start = opts.observe ? performance.now() : 0;
        const headers = req.headers;
        const key = variantKey(entry.vary, (n) => {
          const x = headers[n];
          return Array.isArray(x) ? x.join(', ') : x;
        });
        const v = entry.variants.get(key);
        const host = headers.host;
        if (!v || !host || !hostOk(host)) {
          return void listener(req, res);
        }
        if (v.gen !== opts.generation() || opts.now() - v.at > maxAgeMs) {
          entry.variants.delete(key);
          count--;
          return void listener(req, res);
        }
        const inm = headers['if-none-match'];
        let answer: Prepared | undefined;
        if (inm === undefined) {
          answer = method === 'GET' ? v.ok : v.head;
        } else if (method === 'GET' && matchesEtag(inm, v.etag)) {
          answer = v.notModified;
        }
        if (!answer) {
          return void listener(req, res);
        }
        const given = headers['x-request-id'];
        res.writeHead(answer.status, {
          ...answer.headers,
          'x-request-id': typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID(),
        });
        res.end(answer.body ?? undefined);
        hits++;
        opts.observe?.(
          { method: method ?? 'GET', route: v.route, status: answer.status },
          (performance.now() - start) / 1000,
        );
      };
    },

    stats: () => ({ size: count, hits }),
  };
}

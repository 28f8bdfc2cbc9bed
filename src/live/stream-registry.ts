import { readFileSync } from 'node:fs';

/**
 * The bounds on live streams (README.md, Security): one client cannot hold more than a few, the
 * process never holds more than its file descriptors allow, and no stream lives for ever.
 */
export interface StreamLimits {
  /** Open streams one client (clientKey: keyed hash of its IP, IPv6 by /64) may hold: SSE_MAX_PER_CLIENT. */
  maxPerClient: number;
  /** Open streams this process may hold: SSE_MAX (0 in the environment = from the open-files limit). */
  max: number;
  /** A stream ends itself after this long (a little less, jittered), with a `retry:` hint: SSE_MAX_AGE_SECONDS. */
  maxAgeSeconds: number;
}

/** A place held by one open stream, from admission until the stream ends. */
export interface StreamLease {
  /**
   * What to do when the stream's time is up: send the `retry:` hint of `retryMs` and close. The
   * lease is released afterwards in any case, so a stream that never attached still frees its place.
   */
  onExpiry(end: (retryMs: number) => void): void;
  /** The stream ended (however it ended): free its place. Only the first call counts. */
  release(): void;
}

export type Admission =
  | { ok: true; lease: StreamLease }
  | { ok: false; status: 429 | 503; reason: 'client' | 'process'; retryAfterSeconds: number };

/** One process's live streams, counted per client and in total. */
export interface StreamRegistry {
  /** A lease for a new stream of `client` (null: no socket to read, counted as one client), or why not. */
  admit(client: string | null): Admission;
  /** Streams open now: in the whole process, or of one client. */
  open(client?: string | null): number;
}

/** A client at its cap waits for one of its own streams to end: no point in coming back within seconds. */
const CLIENT_RETRY_AFTER_SECONDS = 30;
/** A full process: a crowd told to come back is spread over this range so it does not return at once. */
const BUSY_RETRY_AFTER_SECONDS = [5, 30] as const;
/** Lifetimes are cut by up to this share, so streams opened together (after a restart) do not end together. */
const LIFETIME_JITTER = 0.1;

/** How long an ended stream's browser waits before reconnecting: 1–5 s, spread out (as on shutdown). */
export function reconnectDelayMs(random: () => number = Math.random): number {
  return 1000 + random() * 4000;
}

/**
 * Admission and lifetime of live streams in one place, so every way a stream can end (hang-up,
 * slow client dropped, lifetime, shutdown) frees exactly the place it took.
 */
export function createStreamRegistry(
  limits: StreamLimits,
  random: () => number = Math.random,
): StreamRegistry {
  const perClient = new Map<string, number>();
  let total = 0;
  const keyOf = (client: string | null) => client ?? 'unknown';

  return {
    admit(client) {
      const key = keyOf(client);
      const mine = perClient.get(key) ?? 0;
      if (mine >= limits.maxPerClient) {
        return { ok: false, status: 429, reason: 'client', retryAfterSeconds: CLIENT_RETRY_AFTER_SECONDS };
      }
      if (total >= limits.max) {
        const [low, high] = BUSY_RETRY_AFTER_SECONDS;
        return {
          ok: false,
          status: 503,
          reason: 'process',
          retryAfterSeconds: Math.round(low + random() * (high - low)),
        };
      }
      perClient.set(key, mine + 1);
      total++;

      let released = false;
      let expired = false;
      let end: ((retryMs: number) => void) | undefined;
      const lifetimeMs = limits.maxAgeSeconds * 1000 * (1 - LIFETIME_JITTER * random());
      const timer = setTimeout(() => {
        expired = true;
        try {
          end?.(reconnectDelayMs(random));
        } finally {
          lease.release();
        }
      }, lifetimeMs);
      timer.unref();

      const lease: StreamLease = {
        onExpiry(fn) {
          end = fn;
          // Its time ran out while the stream was being prepared: end it as soon as it exists.
          if (expired) {
            fn(reconnectDelayMs(random));
          }
        },
        release() {
          if (released) {
            return;
          }
          released = true;
          clearTimeout(timer);
          total--;
          const left = (perClient.get(key) ?? 1) - 1;
          if (left > 0) {
            perClient.set(key, left);
          } else {
            perClient.delete(key);
          }
        },
      };
      return { ok: true, lease };
    },

    open(client) {
      return client === undefined ? total : (perClient.get(keyOf(client)) ?? 0);
    },
  };
}

/** Descriptors kept out of the streams' reach: database pool, SMTP, page requests, /healthz, log files. */
const FD_RESERVE = 256;
/** Share of the open-files limit streams may use; the rest is headroom for everything else. */
const FD_SHARE = 0.8;
/** Never fewer than this, however low the limit: a campaign page needs some live readers. */
const MIN_STREAMS = 64;
/**
 * Never more than this by default, however high the limit (containers often allow a million
 * descriptors): 20,000 idle streams took about 0.9 GB in the security review. Set SSE_MAX to go higher.
 */
const MAX_DEFAULT_STREAMS = 20_000;
/** When the limit cannot be read (not Linux): a number any host can hold. Set SSE_MAX on a larger one. */
const FALLBACK_STREAMS = 1000;

/**
 * The default SSE_MAX: what the open-files limit safely allows. Each stream holds one socket, and
 * running out of descriptors refuses every request — /healthz and pages included — not just streams.
 */
export function defaultMaxStreams(openFilesLimit: number | undefined): number {
  if (openFilesLimit === undefined) {
    return FALLBACK_STREAMS;
  }
  const allowed = Math.floor(openFilesLimit * FD_SHARE) - FD_RESERVE;
  return Math.min(MAX_DEFAULT_STREAMS, Math.max(MIN_STREAMS, allowed));
}

/** The soft "Max open files" of this process from /proc/self/limits (Linux); undefined elsewhere or if unlimited. */
export function openFilesLimit(limitsText: string | undefined = readProcLimits()): number | undefined {
  const m = limitsText && /^Max open files\s+(\d+)\s/m.exec(limitsText);
  return m ? Number(m[1]) : undefined;
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

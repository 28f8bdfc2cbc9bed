import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Db } from '../db/database.js';
import type { Log } from '../log.js';
import { findStatementBySlug, type StatementWithTexts } from '../statements/queries.js';
import { loadCounts, countsPayload, type Counts } from './counts.js';
import { isStatementChange, LIVE_CHANNEL, type LiveChange } from '../changes/live-change.js';
import type { LocalCaches } from '../changes/transact.js';
import { findPublicItems, isListVisible } from './signatories.js';
import { reconnectDelayMs, type StreamLease } from './stream-registry.js';
import {
  encodeEvent,
  formatEventId,
  HEARTBEAT,
  parseEventId,
  retryHint,
  type LiveEventName,
} from './sse-format.js';

export interface LiveHubOptions {
  db: Db;
  handle: Pick<DatabaseHandle, 'listen'>;
  clock: Clock;
  log: Log;
  /** Comment heartbeat to every SSE client (at least every 25 s, so proxies keep the stream open). */
  heartbeatMs?: number;
  /** At most one `count` event per statement per this window (trailing edge: the last state always goes out). */
  countIntervalMs?: number;
  /** Recent events kept per statement for Last-Event-ID resume. */
  replayEvents?: number;
  /** A client with more than this many bytes waiting is too slow: it is dropped (and reconnects). */
  clientBufferBytes?: number;
  /** Cached values older than this are rebuilt even without a NOTIFY (writes made without announcing them: SQL by hand). */
  cacheMaxAgeMs?: number;
}

/** The socket behind a stream, when there is one (@hono/node-server's ServerResponse): dropping a slow client closes it. */
export interface Connection {
  destroy(): void;
}

/** Counts per statement and the SSE clients of this process, fed by LISTEN/NOTIFY. */
export interface LiveHub extends LocalCaches {
  start(): Promise<void>;
  /** Tell every SSE client to retry elsewhere, and close. */
  stop(): Promise<void>;
  /** Counts of a statement's public list, from memory; rebuilt by one aggregate after a change. */
  counts(statementId: number): Promise<Counts>;
  /** A value (rendered HTML, a JSON body) cached until the statement's public list changes. */
  cached<T>(statementId: number, key: string, build: () => Promise<T>): Promise<T>;
  /** Same, for values that span statements (the statement index); dropped on any change. */
  cachedGlobal<T>(key: string, build: () => Promise<T>): Promise<T>;
  /**
   * Moves whenever any cached public value may have changed (every invalidation, a resync): an
   * answer kept from an older generation is stale (src/http/fast-path.ts).
   */
  generation(): number;
  /** A statement with its texts, by slug, cached until it changes. */
  statement(slug: string): Promise<StatementWithTexts | undefined>;
  /**
   * A new SSE stream for a statement; resumes after `lastEventId` when the events are still here.
   * The stream's `lease` (stream-registry.ts) is released when the stream ends, however it ends, and
   * ends the stream with a `retry:` hint when its lifetime is up.
   */
  events(
    statementId: number,
    lastEventId?: string,
    connection?: Connection,
    lease?: StreamLease,
  ): Promise<ReadableStream<Uint8Array>>;
  /** Connected SSE clients (of one statement, or all). */
  clientCount(statementId?: number): number;
}

interface CacheEntry {
  gen: number;
  at: number;
  value: Promise<unknown>;
}

interface Client {
  ctrl: ReadableStreamDefaultController<Uint8Array>;
  conn: Connection | undefined;
  lease: StreamLease | undefined;
}

interface RingEvent {
  seq: number;
  bytes: Uint8Array;
}

/** Everything this process knows about one statement. */
interface StatementState {
  id: number;
  /** Bumped on every change: cached values of an older generation are stale. */
  gen: number;
  cache: Map<string, CacheEntry>;
  seq: number;
  ring: RingEvent[];
  clients: Set<Client>;
  pending: LiveChange[];
  processing: boolean;
  countDirty: boolean;
  countRunning: boolean;
  countTimer: NodeJS.Timeout | undefined;
  lastCountAt: number;
}

const ChangeSchema = v.variant('kind', [
  v.object({
    kind: v.literal('published'),
    statementId: v.pipe(v.number(), v.integer()),
    endorsementId: v.pipe(v.number(), v.integer()),
  }),
  v.object({
    kind: v.literal('withdrawn'),
    statementId: v.pipe(v.number(), v.integer()),
    endorsementId: v.pipe(v.number(), v.integer()),
  }),
  v.object({
    kind: v.literal('changed'),
    statementId: v.pipe(v.number(), v.integer()),
    endorsementId: v.optional(v.pipe(v.number(), v.integer())),
  }),
  v.object({ kind: v.literal('reset'), statementId: v.pipe(v.number(), v.integer()) }),
]);

/** Byte-counting queue: a client's backlog is measured in bytes. One object shared by every stream. */
const BYTE_STRATEGY: QueuingStrategy<Uint8Array> = { highWaterMark: 0, size: (chunk) => chunk.byteLength };
const MAX_CACHE_ENTRIES = 500;

/**
 * The live side of one process: counts and rendered fragments cached per statement and dropped when
 * a NOTIFY says the list changed; SSE clients fed from one shared serialised copy of each event.
 */
export function createLiveHub(opts: LiveHubOptions): LiveHub {
  const { db, log, clock } = opts;
  const heartbeatMs = opts.heartbeatMs ?? 20_000;
  const countIntervalMs = opts.countIntervalMs ?? 1000;
  const replayEvents = opts.replayEvents ?? 512;
  const clientBufferBytes = opts.clientBufferBytes ?? 64 * 1024;
  const cacheMaxAgeMs = opts.cacheMaxAgeMs ?? 60_000;
  // A new epoch per start: event ids from another process or an earlier run mean "start afresh".
  const epoch = (Date.now().toString(36) + randomBytes(3).toString('hex')).slice(-14);

  const states = new Map<number, StatementState>();
  const slugCache = new Map<
    string,
    { at: number; id?: number; value: Promise<StatementWithTexts | undefined> }
  >();
  let globalGen = 0;
  const globalCache = new Map<string, CacheEntry>();
  let totalClients = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let stopped = false;

  function stateOf(id: number): StatementState {
    let s = states.get(id);
    if (!s) {
      s = {
        id,
        gen: 0,
        cache: new Map(),
        seq: 0,
        ring: [],
        clients: new Set(),
        pending: [],
        processing: false,
        countDirty: false,
        countRunning: false,
        countTimer: undefined,
        lastCountAt: 0,
      };
      states.set(id, s);
    }
    return s;
  }

  function fromCache<T>(
    cache: Map<string, CacheEntry>,
    gen: number,
    key: string,
    build: () => Promise<T>,
  ): Promise<T> {
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.gen === gen && now - hit.at < cacheMaxAgeMs) {
      return hit.value as Promise<T>;
    }
    if (cache.size >= MAX_CACHE_ENTRIES) {
      cache.clear();
    }
    const value = build();
    const entry: CacheEntry = { gen, at: now, value };
    cache.set(key, entry);
    // A failed build is not remembered: the next reader tries again.
    value.catch(() => {
      if (cache.get(key) === entry) {
        cache.delete(key);
      }
    });
    return value;
  }

  /**
   * Mark a statement's cached values stale: at once after this process commits a change, and again
   * when its NOTIFY arrives (the only news of other processes' changes). A value being built from a
   * snapshot older than the change is dropped from the cache here, so it is served to whoever asked
   * already but never kept.
   */
  function invalidate(statementId: number, statementChanged: boolean) {
    const s = stateOf(statementId);
    s.gen++;
    s.cache.clear();
    globalGen++;
    globalCache.clear();
    if (statementChanged) {
      // Entries still loading (no id yet) may have read the old row: drop them too.
      for (const [slug, entry] of slugCache) {
        if (entry.id === undefined || entry.id === statementId) {
          slugCache.delete(slug);
        }
      }
    }
  }

  // --- SSE fan-out -------------------------------------------------------------------------

  function send(s: StatementState, c: Client, bytes: Uint8Array) {
    const waiting = c.ctrl.desiredSize === null ? 0 : -c.ctrl.desiredSize;
    if (waiting > clientBufferBytes) {
      log.debug('live: dropping a slow SSE client', { statementId: s.id, waiting });
      drop(s, c, true);
      return;
    }
    try {
      c.ctrl.enqueue(bytes);
    } catch {
      drop(s, c, false);
    }
  }

  function drop(s: StatementState, c: Client, closeSocket: boolean) {
    if (!s.clients.delete(c)) {
      return;
    }
    totalClients--;
    c.lease?.release();
    try {
      c.ctrl.close();
    } catch {
      /* already closed or cancelled */
    }
    if (closeSocket) {
      c.conn?.destroy();
    }
  }

  function emit(s: StatementState, event: LiveEventName, data: unknown) {
    s.seq++;
    const bytes = encodeEvent(formatEventId(epoch, s.seq), event, data);
    s.ring.push({ seq: s.seq, bytes });
    if (s.ring.length > replayEvents) {
      s.ring.splice(0, s.ring.length - replayEvents);
    }
    for (const c of s.clients) {
      send(s, c, bytes);
    }
  }

  function eventsAfter(s: StatementState, seq: number): Uint8Array[] {
    return s.ring.filter((e) => e.seq > seq).map((e) => e.bytes);
  }

  /** Can every event after `seq` still be replayed from the ring? */
  function canReplay(s: StatementState, seq: number): boolean {
    if (seq > s.seq) {
      return false;
    }
    if (seq === s.seq) {
      return true;
    }
    const oldest = s.ring[0];
    return oldest !== undefined && oldest.seq <= seq + 1;
  }

  // --- Changes: queued per statement, items fetched in batches, counts coalesced -----------------

  function onNotification(payload: string) {
    let change: LiveChange;
    try {
      change = v.parse(ChangeSchema, JSON.parse(payload)) as LiveChange;
    } catch {
      log.warn('live: ignoring a malformed notification', { payload: payload.slice(0, 200) });
      return;
    }
    invalidate(change.statementId, isStatementChange(change));
    const s = stateOf(change.statementId);
    s.pending.push(change);
    void processChanges(s);
  }

  async function processChanges(s: StatementState) {
    if (s.processing) {
      return;
    }
    s.processing = true;
    try {
      while (s.pending.length && !stopped) {
        // Everything that arrived meanwhile goes in one batch: one query for a burst of publications.
        const batch = s.pending.splice(0);
        const ids = batch.flatMap((c) =>
          c.kind !== 'withdrawn' && c.kind !== 'reset' && c.endorsementId !== undefined
            ? [c.endorsementId]
            : [],
        );
        let items: Awaited<ReturnType<typeof findPublicItems>>;
        // Under embargo nothing of the list is news, removals included (README "Launching a statement").
        let listVisible = true;
        try {
          items = await findPublicItems(db, s.id, [...new Set(ids)]);
          const found = items;
          const removals = batch.some(
            (c) =>
              c.kind === 'withdrawn' ||
              (c.kind === 'changed' && c.endorsementId !== undefined && !found.has(c.endorsementId)),
          );
          if (removals) {
            listVisible = await isListVisible(db, s.id);
          }
        } catch (err) {
          log.warn('live: could not read published endorsements', { error: (err as Error).message });
          emit(s, 'reset', {});
          markCountDirty(s);
          continue;
        }
        for (const c of batch) {
          if (c.kind === 'reset') {
            // The list changed wholesale (a launch, an import): open pages fetch it again, the next `count` follows.
            emit(s, 'reset', {});
          } else if (c.kind === 'withdrawn') {
            if (listVisible) {
              emit(s, 'withdrawn', { id: c.endorsementId });
            }
          } else if (c.endorsementId !== undefined) {
            const item = items.get(c.endorsementId);
            if (item) {
              emit(s, 'signatory', item);
            }
            // A change that took it off the list (erased, rejected after confirmation…).
            else if (c.kind === 'changed' && listVisible) {
              emit(s, 'withdrawn', { id: c.endorsementId });
            }
          }
        }
        markCountDirty(s);
      }
    } finally {
      s.processing = false;
    }
  }

  function markCountDirty(s: StatementState) {
    s.countDirty = true;
    scheduleCount(s);
  }

  function scheduleCount(s: StatementState) {
    if (s.countTimer || s.countRunning || stopped) {
      return;
    }
    const wait = Math.max(0, s.lastCountAt + countIntervalMs - performance.now());
    s.countTimer = setTimeout(() => void runCount(s), wait);
    s.countTimer.unref();
  }

  async function runCount(s: StatementState) {
    s.countTimer = undefined;
    if (!s.countDirty || stopped) {
      return;
    }
    s.countDirty = false;
    s.countRunning = true;
    s.lastCountAt = performance.now();
    try {
      const counts = await hub.counts(s.id);
      if (!stopped) {
        emit(s, 'count', countsPayload(counts));
      }
    } catch (err) {
      log.warn('live: could not rebuild counts', { statementId: s.id, error: (err as Error).message });
      s.countDirty = true;
    } finally {
      s.countRunning = false;
      if (s.countDirty) {
        scheduleCount(s);
      }
    }
  }

  /** After the LISTEN connection came back: anything may have changed meanwhile. */
  function resync() {
    log.info('live: resynchronising after the database connection came back');
    slugCache.clear();
    globalGen++;
    for (const s of states.values()) {
      invalidate(s.id, true);
      emit(s, 'reset', {});
      markCountDirty(s);
    }
  }

  function beat() {
    for (const s of states.values()) {
      for (const c of s.clients) {
        send(s, c, HEARTBEAT);
      }
    }
  }

  const hub: LiveHub = {
    async start() {
      stopped = false;
      unlisten = await opts.handle.listen(LIVE_CHANNEL, onNotification, resync);
      heartbeat = setInterval(beat, heartbeatMs);
      heartbeat.unref();
    },

    async stop() {
      stopped = true;
      if (heartbeat) {
        clearInterval(heartbeat);
      }
      heartbeat = undefined;
      for (const s of states.values()) {
        if (s.countTimer) {
          clearTimeout(s.countTimer);
        }
        s.countTimer = undefined;
        for (const c of s.clients) {
          // Spread the reconnections of thousands of readers over a few seconds.
          try {
            c.ctrl.enqueue(retryHint(reconnectDelayMs()));
          } catch {
            /* gone */
          }
          drop(s, c, false);
        }
      }
      const u = unlisten;
      unlisten = undefined;
      await u?.().catch((err: Error) => log.warn('live: unlisten failed', { error: err.message }));
    },

    committed(changes) {
      for (const change of changes) {
        invalidate(change.statementId, isStatementChange(change));
      }
    },

    counts(statementId) {
      return hub.cached(statementId, 'counts', () => loadCounts(db, statementId));
    },

    cached(statementId, key, build) {
      const s = stateOf(statementId);
      return fromCache(s.cache, s.gen, key, build);
    },

    cachedGlobal(key, build) {
      return fromCache(globalCache, globalGen, key, build);
    },

    generation: () => globalGen,

    statement(slug) {
      const now = clock.now().getTime();
      const hit = slugCache.get(slug);
      if (hit && now - hit.at < cacheMaxAgeMs) {
        return hit.value;
      }
      if (slugCache.size >= MAX_CACHE_ENTRIES) {
        slugCache.clear();
      }
      const value = findStatementBySlug(db, slug);
      const entry: { at: number; id?: number; value: typeof value } = { at: now, value };
      slugCache.set(slug, entry);
      value.then(
        (st) => {
          if (st) {
            entry.id = st.id;
          }
          if (slugCache.get(slug) !== entry) {
            return;
          }
          // Unknown slugs are not remembered: a statement may be created by the CLI in a moment.
          if (!st) {
            slugCache.delete(slug);
          }
        },
        () => {
          if (slugCache.get(slug) === entry) {
            slugCache.delete(slug);
          }
        },
      );
      return value;
    },

    async events(statementId, lastEventId, connection, lease) {
      const s = stateOf(statementId);
      const last = parseEventId(lastEventId);
      let preamble: Uint8Array[];
      if (last && last.epoch === epoch && canReplay(s, last.seq) && !stopped) {
        preamble = eventsAfter(s, last.seq);
      } else {
        const seqAtStart = s.seq;
        const counts = await hub.counts(statementId);
        const id = formatEventId(epoch, seqAtStart);
        preamble = [];
        // Too far behind (or from another process): the list on the page may be out of date.
        if (last) {
          preamble.push(encodeEvent(id, 'reset', {}));
        }
        preamble.push(encodeEvent(id, 'count', countsPayload(counts)));
        // Whatever happened while the counts were read.
        preamble.push(...eventsAfter(s, seqAtStart));
      }
      let client: Client | undefined;
      return new ReadableStream<Uint8Array>(
        {
          start(ctrl) {
            for (const bytes of preamble) {
              ctrl.enqueue(bytes);
            }
            if (stopped) {
              ctrl.enqueue(retryHint(reconnectDelayMs()));
              ctrl.close();
              lease?.release();
              return;
            }
            const me: Client = { ctrl, conn: connection, lease };
            client = me;
            s.clients.add(me);
            totalClients++;
            // Lived its time: the browser reconnects with Last-Event-ID and resumes from the ring.
            lease?.onExpiry((retryMs) => {
              if (!s.clients.has(me)) {
                return;
              }
              try {
                ctrl.enqueue(retryHint(retryMs));
              } catch {
                /* gone */
              }
              drop(s, me, false);
            });
          },
          cancel() {
            if (client) {
              drop(s, client, false);
            }
          },
        },
        BYTE_STRATEGY,
      );
    },

    clientCount(statementId) {
      if (statementId === undefined) {
        return totalClients;
      }
      return states.get(statementId)?.clients.size ?? 0;
    },
  };
  return hub;
}

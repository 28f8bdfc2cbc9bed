import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { sql } from 'kysely';
import type { Database, Db, DbOrTx } from './database.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Log } from '../log.js';

/**
 * The PostgreSQL extensions the embedded database loads: those the migrations use (the queue's
 * nearest-name index, sql/0015_similar_names_nearest.sql). Each is @electric-sql/pglite/contrib/<name>;
 * every PGlite opened on the data directory needs them (the backup worker too).
 */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gist };

const INT8_OID = 20;

export type NotifyHandler = (payload: string) => void;

/** A session-level advisory lock held for the life of a process: others read it in pg_locks as "alive". */
export interface SessionLock {
  /** False while the connection that holds it is down (it is taken again once back). */
  held(): boolean;
  release(): Promise<void>;
}

/** The open database, its kind, and a NOTIFY subscription that survives reconnects. */
export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Subscribe to a NOTIFY channel. `onResubscribed` runs after a lost connection is back, so callers can resync. */
  listen(
    channel: string,
    onMessage: NotifyHandler,
    onResubscribed?: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Hold the advisory lock (classId, key) at session level until released or closed, so other
   * processes can tell this one is alive (README "Email"). PostgreSQL: on the dedicated LISTEN
   * connection, taken again after a reconnect; PGlite: on its one session.
   */
  holdSessionLock(classId: number, key: number): Promise<SessionLock>;
  /** Run a multi-statement SQL script (a migration) inside the given open transaction. */
  execScript(trx: DbOrTx, script: string): Promise<void>;
  /** What backups work from: the embedded database and its folder (undefined in memory), or the server's URL. */
  source: { kind: 'pglite'; client: PGlite; dir: string | undefined } | { kind: 'postgres'; url: string };
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `postgres://…`, `memory://`, or undefined for an embedded database stored in dataDir. */
  url: string | undefined;
  dataDir: string;
  log: Log;
  poolSize?: number;
  /** Called with the SQL of every query run (tests count the queries a request costs). */
  onQuery?: (sql: string) => void;
}

/** Kysely's `log` option for `onQuery`. */
function queryLogger(onQuery: ((sql: string) => void) | undefined): KyselyConfig['log'] {
  if (!onQuery) {
    return undefined;
  }
  return (event) => {
    if (event.level === 'query') {
      onQuery(event.query.sql);
    }
  };
}

/** Open PostgreSQL (pooled) or PGlite behind the same Kysely interface, so the rest of the code never knows which. */
export async function connectDatabase(opts: ConnectOptions): Promise<DatabaseHandle> {
  if (opts.url && /^postgres(ql)?:\/\//i.test(opts.url)) {
    return connectPostgres(opts.url, opts.log, opts.poolSize ?? 16, opts.onQuery);
  }
  if (opts.url === 'memory://') {
    return connectPglite(undefined, opts.log, opts.onQuery);
  }
  const dir = path.resolve(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(opts.dataDir);
  try {
    const handle = await connectPglite(dir, opts.log, opts.onQuery);
    const close = handle.close;
    return {
      ...handle,
      close: async () => {
        try {
          await close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

function int8AsNumber(value: string): number {
  return Number(value);
}

async function connectPglite(
  dataDir: string | undefined,
  log: Log,
  onQuery?: (sql: string) => void,
): Promise<DatabaseHandle> {
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8_OID]: int8AsNumber },
    extensions: PGLITE_EXTENSIONS,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client), log: queryLogger(onQuery) });
  log.debug('database: embedded PGlite', { dataDir: dataDir ?? 'memory' });
  return {
    db,
    kind: 'pglite',
    source: { kind: 'pglite', client, dir: dataDir },
    // One session, shared by everything: taken through Kysely so it never lands inside a transaction.
    async holdSessionLock(classId, key) {
      await sql`select pg_advisory_lock(${classId}::int, ${key}::int)`.execute(db);
      let released = false;
      return {
        held: () => !released && !client.closed,
        async release() {
          if (!released && !client.closed) {
            released = true;
            await sql`select pg_advisory_unlock(${classId}::int, ${key}::int)`.execute(db);
          }
        },
      };
    },
    // PGlite has one session: a script run directly lands inside the transaction Kysely holds open.
    // (Its extended-protocol query() refuses multi-statement text.)
    async execScript(_trx, script) {
      await client.exec(script);
    },
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return async () => {
        if (!client.closed) {
          await unlisten();
        }
      };
    },
    async close() {
      await db.destroy();
    },
  };
}

async function connectPostgres(
  url: string,
  log: Log,
  max: number,
  onQuery?: (sql: string) => void,
): Promise<DatabaseHandle> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? int8AsNumber : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server (a PostgreSQL restart) must not crash the process.
  pool.on('error', (err) => log.warn('database: idle connection lost', { error: err.message }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLogger(onQuery) });
  const listener = new PgListener(url, types, log);
  return {
    db,
    kind: 'postgres',
    source: { kind: 'postgres', url },
    listen: (channel, onMessage, onResubscribed) => listener.listen(channel, onMessage, onResubscribed),
    holdSessionLock: (classId, key) => listener.holdLock(classId, key),
    // Without parameters node-postgres uses the simple protocol, which accepts several statements.
    async execScript(trx, script) {
      await sql.raw(script).execute(trx);
    },
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

interface Subscription {
  channel: string;
  onMessage: NotifyHandler;
  onResubscribed: (() => void) | undefined;
}

interface HeldLock {
  classId: number;
  key: number;
  held: boolean;
}

/** While a held lock could not be taken again after a reconnect (a dead session still has it), try this often. */
const LOCK_RETRY_MS = 2000;

/**
 * One dedicated connection per process for LISTEN (README "Architecture"): a pooled connection would
 * drop subscriptions when returned. It reconnects with backoff and re-issues every LISTEN. It also
 * holds this process's session-level advisory locks: a pooled connection would hand them to whoever
 * borrows it next, and this connection already lives as long as the process (a second dedicated
 * connection would cost every process one more slot in max_connections for nothing).
 */
class PgListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private subs = new Set<Subscription>();
  private locks = new Set<HeldLock>();
  /** Lock takes run one at a time, so a lock is never taken twice on one session (they would stack). */
  private lockChain: Promise<void> = Promise.resolve();
  private lockTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(
    private url: string,
    private types: pg.CustomTypesConfig,
    private log: Log,
  ) {}

  async listen(channel: string, onMessage: NotifyHandler, onResubscribed?: () => void) {
    const sub = { channel, onMessage, onResubscribed };
    this.subs.add(sub);
    await this.ensureConnected();
    if (this.client && ![...this.subs].some((s) => s !== sub && s.channel === channel)) {
      await this.client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    return async () => {
      this.subs.delete(sub);
      if (this.client && ![...this.subs].some((s) => s.channel === channel)) {
        await this.client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
      }
    };
  }

  async holdLock(classId: number, key: number): Promise<SessionLock> {
    const lock: HeldLock = { classId, key, held: false };
    this.locks.add(lock);
    await this.ensureConnected();
    await this.takeLocks();
    return {
      held: () => lock.held,
      release: async () => {
        this.locks.delete(lock);
        const client = this.client;
        if (lock.held && client) {
          lock.held = false;
          await client
            .query('select pg_advisory_unlock($1::int, $2::int)', [classId, key])
            .catch(() => undefined);
        }
      },
    };
  }

  /** Take every registered lock not held yet, on the current connection; retry later those another session holds. */
  private takeLocks(): Promise<void> {
    const run = async () => {
      const client = this.client;
      if (!client) {
        return;
      }
      let missing = 0;
      for (const lock of this.locks) {
        if (lock.held) {
          continue;
        }
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::int, $2::int) as ok', [
          lock.classId,
          lock.key,
        ]);
        // Still ours only if this connection is still the live one and the lock was not released meanwhile.
        if (r.rows[0]?.ok && this.client === client && this.locks.has(lock)) {
          lock.held = true;
        } else if (r.rows[0]?.ok) {
          await client
            .query('select pg_advisory_unlock($1::int, $2::int)', [lock.classId, lock.key])
            .catch(() => undefined);
        } else {
          missing++;
        }
      }
      if (missing && !this.lockTimer && !this.closed) {
        this.log.warn('database: a session lock is still held by a lost connection; will try again', {
          missing,
        });
        this.lockTimer = setTimeout(() => {
          this.lockTimer = undefined;
          void this.takeLocks();
        }, LOCK_RETRY_MS);
        this.lockTimer.unref();
      }
    };
    const next = this.lockChain.then(run).catch((err: Error) => {
      this.log.warn('database: could not take a session lock', { error: err.message });
    });
    this.lockChain = next;
    return next;
  }

  private ensureConnected(): Promise<void> {
    if (this.client) {
      return Promise.resolve();
    }
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, types: this.types, keepAlive: true });
    client.on('notification', (msg) => {
      for (const s of this.subs) {
        if (s.channel === msg.channel) {
          s.onMessage(msg.payload ?? '');
        }
      }
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    const channels = new Set([...this.subs].map((s) => s.channel));
    for (const ch of channels) {
      await client.query(`LISTEN ${quoteIdent(ch)}`);
    }
    this.client = client;
    await this.takeLocks();
    if (this.attempt > 0) {
      this.log.info('database: LISTEN connection restored', { channels: [...channels] });
      for (const s of this.subs) {
        s.onResubscribed?.();
      }
    }
    this.attempt = 0;
  }

  private lost(client: pg.Client, err: Error) {
    // Errors before `connect()` resolved reject it instead; only the live client triggers a reconnect.
    if (this.client !== client) {
      return;
    }
    this.client = undefined;
    // Its session, and every lock on it, is gone (or soon will be).
    for (const lock of this.locks) {
      lock.held = false;
    }
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) {
      return;
    }
    this.log.warn('database: LISTEN connection lost, reconnecting', { error: err.message });
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.retryTimer || this.closed) {
      return;
    }
    const delay = Math.min(5000, 100 * 2 ** this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ensureConnected().catch((err: Error) => {
        this.log.warn('database: LISTEN reconnect failed', { error: err.message });
        this.scheduleReconnect();
      });
    }, delay);
    this.retryTimer.unref();
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
    }
    if (this.lockTimer) {
      clearTimeout(this.lockTimer);
    }
    for (const lock of this.locks) {
      lock.held = false;
    }
    const c = this.client;
    this.client = undefined;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

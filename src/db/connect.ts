import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { sql } from 'kysely';
import type { Database, Db, DbOrTx } from './database.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Log } from '../log.js';

const INT8_OID = 20;

export type NotifyHandler = (payload: string) => void;

/** The open database, its kind, and a NOTIFY subscription that survives reconnects. */
export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Subscribe to a NOTIFY channel. `onResubscribed` runs after a lost connection is back, so callers can resync. */
  listen(channel: string, onMessage: NotifyHandler, onResubscribed?: () => void): Promise<() => Promise<void>>;
  /** Run a multi-statement SQL script (a migration) inside the given open transaction. */
  execScript(trx: DbOrTx, script: string): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `postgres://…`, `memory://`, or undefined for an embedded database stored in dataDir. */
  url: string | undefined;
  dataDir: string;
  log: Log;
  poolSize?: number;
}

/** Open PostgreSQL (pooled) or PGlite behind the same Kysely interface, so the rest of the code never knows which. */
export async function connectDatabase(opts: ConnectOptions): Promise<DatabaseHandle> {
  if (opts.url && /^postgres(ql)?:\/\//i.test(opts.url)) return connectPostgres(opts.url, opts.log, opts.poolSize ?? 16);
  if (opts.url === 'memory://') return connectPglite(undefined, opts.log);
  const dir = path.resolve(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(opts.dataDir);
  try {
    const handle = await connectPglite(dir, opts.log);
    const close = handle.close;
    return { ...handle, close: async () => { try { await close(); } finally { release(); } } };
  } catch (err) {
    release();
    throw err;
  }
}

function int8AsNumber(value: string): number {
  return Number(value);
}

async function connectPglite(dataDir: string | undefined, log: Log): Promise<DatabaseHandle> {
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8_OID]: int8AsNumber },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  log.debug('database: embedded PGlite', { dataDir: dataDir ?? 'memory' });
  return {
    db,
    kind: 'pglite',
    // PGlite has one session: a script run directly lands inside the transaction Kysely holds open.
    // (Its extended-protocol query() refuses multi-statement text.)
    async execScript(_trx, script) {
      await client.exec(script);
    },
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return async () => { if (!client.closed) await unlisten(); };
    },
    async close() {
      await db.destroy();
    },
  };
}

async function connectPostgres(url: string, log: Log, max: number): Promise<DatabaseHandle> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? int8AsNumber : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server (a PostgreSQL restart) must not crash the process.
  pool.on('error', (err) => log.warn('database: idle connection lost', { error: err.message }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PgListener(url, types, log);
  return {
    db,
    kind: 'postgres',
    listen: (channel, onMessage, onResubscribed) => listener.listen(channel, onMessage, onResubscribed),
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

interface Subscription { channel: string; onMessage: NotifyHandler; onResubscribed: (() => void) | undefined }

/**
 * One dedicated connection per process for LISTEN (DESIGN §6): a pooled connection would drop
 * subscriptions when returned. It reconnects with backoff and re-issues every LISTEN.
 */
class PgListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private subs = new Set<Subscription>();
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(private url: string, private types: pg.CustomTypesConfig, private log: Log) {}

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

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => { this.connecting = undefined; });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, types: this.types, keepAlive: true });
    client.on('notification', (msg) => {
      for (const s of this.subs) if (s.channel === msg.channel) s.onMessage(msg.payload ?? '');
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    const channels = new Set([...this.subs].map((s) => s.channel));
    for (const ch of channels) await client.query(`LISTEN ${quoteIdent(ch)}`);
    this.client = client;
    if (this.attempt > 0) {
      this.log.info('database: LISTEN connection restored', { channels: [...channels] });
      for (const s of this.subs) s.onResubscribed?.();
    }
    this.attempt = 0;
  }

  private lost(client: pg.Client, err: Error) {
    // Errors before `connect()` resolved reject it instead; only the live client triggers a reconnect.
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.log.warn('database: LISTEN connection lost, reconnecting', { error: err.message });
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.retryTimer || this.closed) return;
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = undefined;
    if (c) { c.removeAllListeners('end'); await c.end().catch(() => undefined); }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

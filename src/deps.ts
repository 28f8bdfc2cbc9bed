import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import type { Log } from './log.js';
import type { LiveHub } from './live/hub.js';
import type { MailTransport } from './mail/transport.js';
import type { Metrics } from './metrics/metrics.js';
import type { BackupDownloads } from './backup/downloads.js';

/**
 * Everything the app needs from outside, passed in (never imported as singletons) so tests
 * can build the app on a throw-away database with a fake clock.
 */
export interface Deps {
  db: Db;
  dbKind: 'postgres' | 'pglite';
  config: Config;
  clock: Clock;
  log: Log;
  /** HMAC key for tokens, sessions and IP hashes (≥ 32 bytes). */
  secret: Buffer;
  /** Wakes the mail worker when a message is queued in this process (it also polls and LISTENs). */
  mailSignal: () => void;
  /** The outgoing transport; the development mailbox page reads from it. */
  mailer: MailTransport;
  /** Counts, signatory cache and SSE clients of this process. */
  live: LiveHub;
  /** This process's Prometheus metrics (GET /metrics when METRICS_TOKEN is set). */
  metrics: Metrics;
  /** The admin's "Download a backup": only on an embedded database stored on disk. */
  backups?: BackupDownloads;
}

import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Db } from '../db/database.js';
import type { Log } from '../log.js';

export interface LiveHubOptions {
  db: Db;
  handle: Pick<DatabaseHandle, 'listen'>;
  clock: Clock;
  log: Log;
}

/** Counts per statement and the SSE clients of this process, fed by LISTEN/NOTIFY. */
export interface LiveHub {
  start(): Promise<void>;
  /** Tell every SSE client to retry elsewhere, and close. */
  stop(): Promise<void>;
}

// STUB — replaced by the live feature.
export function createLiveHub(_opts: LiveHubOptions): LiveHub {
  return { async start() {}, async stop() {} };
}

import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Db } from '../db/database.js';
import type { Log } from '../log.js';
import type { TemplateSet } from './templates.js';
import type { MailTransport } from './transport.js';

export interface MailWorkerOptions {
  db: Db;
  handle: Pick<DatabaseHandle, 'listen'>;
  transport: MailTransport;
  templates: TemplateSet;
  config: Config;
  clock: Clock;
  log: Log;
}

export interface MailWorker {
  start(): Promise<void>;
  /** Finish the mail in hand, then stop. */
  stop(): Promise<void>;
  /** Look for due mail now (a message was queued in this process). */
  wake(): void;
  /** Send every message that is due now, once, and resolve with how many were sent (tests, CLI). */
  runOnce(): Promise<number>;
}

// STUB — replaced by the endorsement/mail feature (claims with FOR UPDATE SKIP LOCKED, retries with backoff).
export function createMailWorker(_opts: MailWorkerOptions): MailWorker {
  return { async start() {}, async stop() {}, wake() {}, async runOnce() { return 0; } };
}

import * as v from 'valibot';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { DatabaseHandle, SessionLock } from '../db/connect.js';
import type { Db, OutboxRow } from '../db/database.js';
import type { Log } from '../log.js';
import { MAX_RETRY_AGE_MS, retryDelayMs } from './backoff.js';
import { LANE, MAIL_CHANNEL } from './outbox.js';
import {
  claimDueMail,
  MAIL_WORKER_LOCK,
  markFailed,
  markRetry,
  markSent,
  nextWorkerNumber,
  releaseDeadClaims,
} from './outbox-queries.js';
import { classifySendError, type SendFailure } from './send-error.js';
import type { RenderedMail, TemplateSet } from './templates.js';
import type { MailTransport } from './transport.js';

export interface MailWorkerOptions {
  db: Db;
  handle: Pick<DatabaseHandle, 'listen' | 'holdSessionLock'>;
  transport: MailTransport;
  templates: TemplateSet;
  config: Config;
  clock: Clock;
  log: Log;
  /** Mails sent at once (default 10: twice the SMTP pool, so a connection never waits for the database). */
  concurrency?: number;
  /**
   * Slots bulk mail (updates) may never take, kept free for a confirmation that arrives while an
   * update drains (default: a fifth of `concurrency`, at least 1; none when concurrency is 1).
   */
  reservedSlots?: number;
  /** Fallback poll for due mail when no NOTIFY arrives (retries, other processes); default 2 s. */
  pollMs?: number;
  /**
   * How long a claim holds a mail whatever happens; past it, another worker re-sends. The last resort:
   * a claim of a worker whose process died is taken over as soon as its advisory lock is seen free.
   * Default 5 min.
   */
  leaseMs?: number;
  /** A dead worker's claim is taken over once it is at least this old (default 5 s; see releaseDeadClaims). */
  deadClaimMinAgeMs?: number;
  /** Told each result (metrics). */
  onOutcome?: (outcome: 'sent' | 'retry' | 'failed') => void;
  /** Randomness for the backoff jitter (tests). */
  random?: () => number;
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

const MailData = v.record(
  v.string(),
  v.union([v.string(), v.boolean(), v.pipe(v.number(), v.transform(String))]),
);

type Outcome = 'sent' | 'retry' | 'failed' | 'lost';

/** Retries for recording a result after the mail went out: a lost "sent" would mean sending it twice. */
const RECORD_ATTEMPTS = 5;

/**
 * The only sender of email (nothing lost, each mail sent once: docs/ARCHITECTURE.md). Mail is claimed from
 * the outbox in one short statement, sent with no transaction open, and the result recorded by a guarded
 * update. It wakes on wake() (same process), on NOTIFY (any process) and on a poll, keeps up to
 * `concurrency` mails in flight, and retries temporary failures with backoff (see backoff.ts).
 */
export function createMailWorker(opts: MailWorkerOptions): MailWorker {
  const { db, transport, templates, clock, log } = opts;
  const concurrency = Math.max(1, opts.concurrency ?? 10);
  const bulkSlots = Math.max(
    1,
    concurrency - (opts.reservedSlots ?? (concurrency > 1 ? Math.max(1, Math.floor(concurrency / 5)) : 0)),
  );
  const pollMs = opts.pollMs ?? 2000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const deadClaimMinAgeMs = opts.deadClaimMinAgeMs ?? 5000;
  const random = opts.random ?? Math.random;
  const messageIdDomain = senderDomain(opts.config.mailFrom);

  let running = false;
  let stopping = false;
  let pollTimer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  const inFlight = new Set<Promise<Outcome>>();
  /** How many of inFlight are bulk mail. */
  let bulkInFlight = 0;
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  /** This worker's number and the lock that tells other processes it is alive (none: claims wait for their lease). */
  let identity: { number: number; lock: SessionLock } | undefined;
  let polling: Promise<void> | undefined;

  function render(row: OutboxRow): RenderedMail {
    const data = v.parse(MailData, row.data);
    return templates.render(row.template, row.locale, data);
  }

  /** Send one claimed mail and record what happened. Never throws. */
  async function deliver(row: OutboxRow): Promise<Outcome> {
    let mail: RenderedMail;
    try {
      mail = render(row);
    } catch (err) {
      // A template or data error will not fix itself: report it, do not retry.
      return record(row, { kind: 'permanent', message: `template: ${(err as Error).message}` });
    }
    let messageId: string;
    try {
      const sent = await transport.send({
        to: row.to_address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: headersFor(row),
        messageId: `${row.id}.${row.created_at.getTime().toString(36)}@${messageIdDomain}`,
      });
      messageId = sent.messageId;
    } catch (err) {
      return record(row, classifySendError(err));
    }
    return record(row, { kind: 'sent', messageId });
  }

  async function record(
    row: OutboxRow,
    result: SendFailure | { kind: 'sent'; messageId: string },
  ): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await recordOnce(row, result);
      } catch (err) {
        if (attempt >= RECORD_ATTEMPTS) {
          // The row stays 'sending' and is taken up again when its lease runs out.
          log.error('mail: could not record the result of a send', {
            id: row.id,
            outcome: result.kind,
            error: (err as Error).message,
          });
          return 'lost';
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  async function recordOnce(
    row: OutboxRow,
    result: SendFailure | { kind: 'sent'; messageId: string },
  ): Promise<Outcome> {
    const now = clock.now();
    let outcome: Outcome;
    let applied: boolean;
    if (result.kind === 'sent') {
      outcome = 'sent';
      applied = await markSent(db, row, result.messageId, now);
      log.debug('mail: sent', { id: row.id, template: row.template, attempts: row.attempts });
    } else if (result.kind === 'temporary' && now.getTime() - row.created_at.getTime() < MAX_RETRY_AGE_MS) {
      outcome = 'retry';
      const delay = retryDelayMs(row.attempts, random);
      const next = new Date(now.getTime() + delay);
      applied = await markRetry(db, row, result.message, next);
      log.warn('mail: temporary failure, will retry', {
        id: row.id,
        attempts: row.attempts,
        retryInSeconds: Math.round(delay / 1000),
        error: result.message,
      });
    } else {
      outcome = 'failed';
      const message =
        result.kind === 'temporary'
          ? `gave up after ${row.attempts} attempts: ${result.message}`
          : result.message;
      applied = await markFailed(db, row, message);
      log.error('mail: delivery failed', {
        id: row.id,
        template: row.template,
        attempts: row.attempts,
        error: message,
      });
    }
    if (!applied) {
      log.warn('mail: another worker took this mail over before its result was recorded', {
        id: row.id,
        outcome,
      });
      return 'lost';
    }
    opts.onOutcome?.(outcome);
    return outcome;
  }

  /**
   * Up to `limit` due mails, transactional first; bulk mail (updates) only for the slots left and
   * at most `bulkLimit` of them (README "Updates to endorsers": confirmations always go first).
   */
  async function claim(limit: number, bulkLimit = limit): Promise<OutboxRow[]> {
    // While the lock's connection is down other processes cannot see this worker alive: claim anonymously.
    const by = identity?.lock.held() ? identity.number : null;
    const rows = await claimDueMail(db, clock.now(), limit, leaseMs, by, LANE.transactional);
    const room = Math.min(limit - rows.length, bulkLimit);
    if (room > 0) {
      rows.push(...(await claimDueMail(db, clock.now(), room, leaseMs, by, LANE.bulk)));
    }
    return rows;
  }

  /** Mail claimed by workers that died goes back to the queue, due now (README "Email"). */
  async function recoverDeadClaims(): Promise<void> {
    try {
      const released = await releaseDeadClaims(db, clock.now(), leaseMs, deadClaimMinAgeMs);
      if (released) {
        log.info('mail: took over mail held by a worker that is gone', { released });
      }
    } catch (err) {
      log.warn('mail: could not look for mail held by dead workers', { error: (err as Error).message });
    }
  }

  async function takeIdentity(): Promise<void> {
    try {
      const number = await nextWorkerNumber(db);
      identity = { number, lock: await opts.handle.holdSessionLock(MAIL_WORKER_LOCK, number) };
    } catch (err) {
      log.warn('mail: no worker lock; if this process dies, its mail in hand waits for MAIL_LEASE_SECONDS', {
        error: (err as Error).message,
      });
    }
  }

  /** Keep up to `concurrency` mails in flight while there is due mail; coalesces concurrent calls. */
  function pump(): Promise<void> {
    if (!running || stopping) {
      return Promise.resolve();
    }
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    const run = async () => {
      try {
        do {
          pumpAgain = false;
          while (running && !stopping && inFlight.size < concurrency) {
            const wanted = concurrency - inFlight.size;
            const rows = await claim(wanted, bulkSlots - bulkInFlight);
            for (const row of rows) {
              track(deliver(row), row.lane === LANE.bulk);
            }
            if (rows.length < wanted) {
              break;
            }
          }
        } while (pumpAgain && running && !stopping);
      } catch (err) {
        log.warn('mail: could not read the outbox; will try again', { error: (err as Error).message });
      }
    };
    // Cleared in a later microtask, never before the assignment (run() may finish synchronously).
    const p: Promise<void> = run().finally(() => {
      if (pumping === p) {
        pumping = undefined;
      }
    });
    pumping = p;
    return p;
  }

  function track(p: Promise<Outcome>, bulk: boolean) {
    inFlight.add(p);
    if (bulk) {
      bulkInFlight++;
    }
    void p.finally(() => {
      inFlight.delete(p);
      if (bulk) {
        bulkInFlight--;
      }
      // A free slot: look for more (cheap when there is none).
      void pump();
    });
  }

  /** Wait until no claim is running and no mail is in hand. */
  async function settle() {
    while (pumping || inFlight.size) {
      await pumping;
      await Promise.all(inFlight);
    }
  }

  function schedulePoll() {
    pollTimer = setTimeout(() => {
      polling = recoverDeadClaims()
        .then(pump)
        .finally(() => {
          polling = undefined;
          if (running && !stopping) {
            schedulePoll();
          }
        });
    }, pollMs);
    pollTimer.unref();
  }

  return {
    async start() {
      if (running) {
        return;
      }
      running = true;
      stopping = false;
      try {
        unlisten = await opts.handle.listen(
          MAIL_CHANNEL,
          () => void pump(),
          () => void pump(),
        );
      } catch (err) {
        log.warn('mail: LISTEN failed; relying on polling', { error: (err as Error).message });
      }
      await takeIdentity();
      // A restarted process sends at once what it (or another) held when it died.
      await recoverDeadClaims();
      schedulePoll();
      void pump();
    },

    async stop() {
      if (!running) {
        return;
      }
      stopping = true;
      if (pollTimer) {
        clearTimeout(pollTimer);
      }
      await polling;
      await settle();
      if (unlisten) {
        await unlisten().catch(() => undefined);
      }
      unlisten = undefined;
      // Nothing is in hand any more: the number can be let go.
      await identity?.lock.release().catch(() => undefined);
      identity = undefined;
      running = false;
      stopping = false;
    },

    wake() {
      void pump();
    },

    async runOnce() {
      let sent = 0;
      await recoverDeadClaims();
      for (;;) {
        const rows = await claim(concurrency);
        if (rows.length === 0) {
          break;
        }
        const outcomes = await Promise.all(rows.map(deliver));
        sent += outcomes.filter((o) => o === 'sent').length;
      }
      // Mail a started worker took meanwhile is finished too, so callers see a settled outbox.
      await settle();
      return sent;
    },
  };
}

/**
 * Every mail says it was sent by a machine. An update also carries RFC 8058 one-click unsubscribe:
 * its data holds the signed link (`listUnsubscribe`), which mail providers POST to.
 */
function headersFor(row: OutboxRow): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  const unsubscribe = (row.data as Record<string, unknown>).listUnsubscribe;
  if (typeof unsubscribe === 'string' && /^https?:\/\/[^\s<>]+$/.test(unsubscribe)) {
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  if (row.lane === LANE.bulk) {
    headers.Precedence = 'bulk';
  }
  return headers;
}

/** The domain of MAIL_FROM, for Message-IDs that look like they come from the sender. */
function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return m?.[1] ?? 'localhost';
}

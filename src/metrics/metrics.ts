import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { ENDORSEMENT_STATUSES, type Db } from '../db/database.js';
import type { Log } from '../log.js';

/** Every limit that can refuse a request (README "Operating"): one label value each, never from input. */
export const REFUSALS = [
  'endorse-ip',
  'endorse-email',
  'endorse-statement',
  'pow-required',
  'sse-client',
  'sse-process',
  'staff-sign-in',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export type MailOutcome = 'sent' | 'retry' | 'failed';

/** What a process counts, in a registry of its own (no global one: tests build many apps). */
export interface Metrics {
  registry: Registry;
  /** HTTP requests by method, matched route pattern and status, with durations (src/metrics/http.ts). */
  http: Histogram<'method' | 'route' | 'status'>;
  /** A request refused by a limit: counted where the 429 (or the live streams' 503) is answered. */
  refused(limit: Refusal): void;
  /** The result of one delivery attempt by this process's mail worker. */
  mail(outcome: MailOutcome): void;
}

export interface MetricsOptions {
  db: Db;
  clock: Clock;
  log: Log;
  /** Open live streams of this process, and its cap. */
  streams: () => number;
  streamsMax: number;
  /** Node.js process metrics (CPU, memory, event loop, GC): once per process, they install observers. */
  process?: boolean;
}

const OUTBOX_STATUSES = ['queued', 'sending', 'failed'] as const;

interface Snapshot {
  endorsements: Record<string, number>;
  outbox: Record<string, number>;
  oldestUnsent: number;
  oldestDue: number;
}

/**
 * The metrics of one process. Request counts cost one histogram observation per request; everything
 * read from the database (endorsements by status, the outbox) is read only when /metrics is scraped,
 * in one query, by the collect() callbacks below — never on the public path.
 */
export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  if (opts.process) {
    collectDefaultMetrics({ register: registry });
  }

  const http = new Histogram({
    name: 'undersigned_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: time until the response headers',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'undersigned_rate_limited_total',
    help: 'Requests refused by a limit (429; sse-process: 503), by limit',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  for (const limit of REFUSALS) {
    refusals.inc({ limit }, 0);
  }
  const mails = {
    sent: new Counter({
      name: 'undersigned_mail_sent_total',
      help: 'Mails this process delivered to the SMTP server',
      registers: [registry],
    }),
    failed: new Counter({
      name: 'undersigned_mail_failed_total',
      help: 'Mails this process gave up on (refused for good, or still failing after 3 days)',
      registers: [registry],
    }),
    retry: new Counter({
      name: 'undersigned_mail_retries_total',
      help: 'Temporary delivery failures by this process (the mail is tried again later)',
      registers: [registry],
    }),
  };

  // One read of the database per scrape, shared by the gauges that need it.
  let pending: Promise<Snapshot | undefined> | undefined;
  const snapshot = () =>
    (pending ??= readSnapshot(opts.db, opts.clock.now())
      .then(
        (s) => {
          up.set(1);
          return s;
        },
        (err: Error) => {
          opts.log.warn('metrics: could not read the database', { error: err.message });
          up.set(0);
          return undefined;
        },
      )
      .finally(() => {
        pending = undefined;
      }));

  const up = new Gauge({
    name: 'undersigned_database_up',
    help: '1 when the last scrape could read the database, else 0',
    registers: [registry],
    async collect() {
      await snapshot();
    },
  });
  new Gauge({
    name: 'undersigned_endorsements',
    help: 'Endorsements by status (the whole database: take max(), not sum(), over processes)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      if (s) {
        for (const status of ENDORSEMENT_STATUSES) {
          this.set({ status }, s.endorsements[status] ?? 0);
        }
      }
    },
  });
  new Gauge({
    name: 'undersigned_outbox_mails',
    help: 'Mails in the outbox not sent, by status (queued, sending, failed)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      if (s) {
        for (const status of OUTBOX_STATUSES) {
          this.set({ status }, s.outbox[status] ?? 0);
        }
      }
    },
  });
  new Gauge({
    name: 'undersigned_outbox_oldest_unsent_seconds',
    help: 'How long the oldest mail not yet sent (queued or sending) has waited since it was queued; 0 if none',
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      if (s) {
        this.set(s.oldestUnsent);
      }
    },
  });
  new Gauge({
    name: 'undersigned_outbox_oldest_due_seconds',
    help: 'How long the oldest mail due now has waited past its due time (no worker is taking it); 0 if none',
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      if (s) {
        this.set(s.oldestDue);
      }
    },
  });
  new Gauge({
    name: 'undersigned_sse_streams',
    help: 'Live streams (/s/:slug/events) open in this process',
    registers: [registry],
    collect() {
      this.set(opts.streams());
    },
  });
  new Gauge({
    name: 'undersigned_sse_streams_max',
    help: 'Live streams this process accepts (SSE_MAX); more are refused with 503',
    registers: [registry],
  }).set(opts.streamsMax);

  return {
    registry,
    http,
    refused: (limit) => refusals.inc({ limit }),
    mail: (outcome) => mails[outcome].inc(),
  };
}

async function readSnapshot(db: Db, now: Date): Promise<Snapshot> {
  const r = await sql<{
    endorsements: Record<string, number> | null;
    outbox: Record<string, number> | null;
    oldest_unsent: number | null;
    oldest_due: number | null;
  }>`
    select
      (select json_object_agg(status, n) from
         (select status, count(*)::int as n from endorsements group by status) e) as endorsements,
      (select json_object_agg(status, n) from
         (select status, count(*)::int as n from email_outbox where status <> 'sent' group by status) o) as outbox,
      (select extract(epoch from (${now}::timestamptz - min(created_at)))::float8
         from email_outbox where status in ('queued', 'sending')) as oldest_unsent,
      (select extract(epoch from (${now}::timestamptz - min(next_attempt_at)))::float8
         from email_outbox where status = 'queued' and next_attempt_at <= ${now}) as oldest_due`.execute(db);
  const row = r.rows[0];
  return {
    endorsements: row?.endorsements ?? {},
    outbox: row?.outbox ?? {},
    oldestUnsent: Math.max(0, row?.oldest_unsent ?? 0),
    oldestDue: Math.max(0, row?.oldest_due ?? 0),
  };
}

import { createServer } from 'node:http';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrate } from './db/migrate.js';
import type { Deps } from './deps.js';
import type { Log } from './log.js';
import { loadSecret } from './secret.js';
import { seedDemoStatement } from './statements/demo.js';
import { renderMarkdown } from './statements/markdown.js';
import { createApp } from './app.js';
import { createTransport } from './mail/transport.js';
import { loadTemplates } from './mail/templates.js';
import { createMailWorker, type MailWorker } from './mail/worker.js';
import { createLiveHub } from './live/hub.js';
import { announceSetupLink } from './staff/setup.js';
import { createPurgeJob } from './privacy/purge.js';
import { createScheduler } from './jobs/scheduler.js';
import { closeDueStatements } from './jobs/close-statements.js';
import { sendStaffDigests } from './staff/digest.js';
import { launchDueStatements } from './jobs/launch-statements.js';
import { createMetrics } from './metrics/metrics.js';
import { createBackupDownloads } from './backup/downloads.js';
import { createFastPath } from './http/fast-path.js';
import { hostAllowed } from './http/host-check.js';

export interface RunningServer {
  url: string;
  deps: Deps;
  handle: DatabaseHandle;
  worker: MailWorker;
  /** Graceful stop: SSE clients told to retry, in-flight requests and the mail in hand finished, database closed. */
  stop(): Promise<void>;
}

/** Everything one process owns, started together: database, migrations, mail worker, live hub, HTTP server. */
export async function startServer(
  config: Config,
  log: Log,
  clock: Clock = systemClock,
): Promise<RunningServer> {
  const secret = loadSecret(config);
  // Updates to endorsers are Markdown: the statements' renderer (raw HTML escaped, safe links only).
  const templates = loadTemplates({ markdown: (source) => renderMarkdown(source) });
  const handle = await connectDatabase({ url: config.databaseUrl, dataDir: config.dataDir, log });
  try {
    const applied = await migrate(handle);
    if (applied.length) {
      log.info('database: migrations applied', { applied });
    }
    if (handle.kind === 'pglite') {
      const demo = await seedDemoStatement(handle.db, clock.now());
      if (demo) {
        log.info(`demo statement created: ${config.publicUrl}/s/${demo}`);
      }
    }
    await announceSetupLink(handle.db, config.publicUrl, log, clock.now());
  } catch (err) {
    await handle.close();
    throw err;
  }
  const mailer = createTransport(config, log);
  const live = createLiveHub({ db: handle.db, handle, clock, log });
  const metrics = createMetrics({
    db: handle.db,
    clock,
    log,
    streams: () => live.clientCount(),
    streamsMax: config.sseLimits.max,
    process: true,
  });
  const worker = createMailWorker({
    db: handle.db,
    handle,
    transport: mailer,
    templates,
    config,
    clock,
    log,
    leaseMs: config.mailLeaseSeconds * 1000,
    onOutcome: metrics.mail,
  });
  const deps: Deps = {
    db: handle.db,
    dbKind: handle.kind,
    config,
    clock,
    log,
    secret,
    mailSignal: () => worker.wake(),
    mailer,
    live,
    metrics,
    ...(handle.source.kind === 'pglite' && handle.source.dir
      ? { backups: createBackupDownloads(handle.db, handle.source.dir) }
      : {}),
  };
  const purge = createPurgeJob({ db: handle.db, clock, log, days: config.purgePendingAfterDays });
  // Timed work shared by every process, one doing each task per round (src/jobs/scheduler.ts).
  const jobs = createScheduler({
    db: handle.db,
    live,
    clock,
    log,
    tasks: [closeDueStatements, launchDueStatements(deps), sendStaffDigests(deps)],
  });
  await live.start();
  // SSE_MAX may come from the open-files limit: say what it came to.
  log.info('live: streams bounded', {
    maxPerClient: config.sseLimits.maxPerClient,
    max: config.sseLimits.max,
    maxAgeSeconds: config.sseLimits.maxAgeSeconds,
  });
  await worker.start();
  purge.start();
  jobs.start();
  const fastPath = createFastPath({
    generation: () => live.generation(),
    now: () => clock.now().getTime(),
    hostAllowed: (host) => hostAllowed(config, host),
    observe: config.metricsToken ? (labels, seconds) => metrics.http.observe(labels, seconds) : undefined,
  });
  const app = createApp(deps, { fastPath });
  const server: ServerType = await new Promise((resolve, reject) => {
    // Pre-rendered public answers first; everything else through the Hono app.
    const s = createServer(fastPath.wrap(getRequestListener(app.fetch)));
    s.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await live.stop(); // ends SSE streams, which would otherwise hold the server open
      if ('closeIdleConnections' in server) {
        server.closeIdleConnections();
      }
      await closed;
      await worker.stop();
      await purge.stop();
      await jobs.stop();
      await mailer.close();
      await handle.close();
    })());
  return { url, deps, handle, worker, stop };
}

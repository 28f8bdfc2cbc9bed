import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config.js';
import { systemClock } from './clock.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrate } from './db/migrate.js';
import type { Deps } from './deps.js';
import type { Log } from './log.js';
import { loadSecret } from './secret.js';
import { seedDemoStatement } from './statements/demo.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  deps: Deps;
  handle: DatabaseHandle;
  /** Graceful stop: finish in-flight requests and the mail in hand, then close the database. */
  stop(): Promise<void>;
}

/** Open the database, migrate, and serve. Everything a running process owns is started and stopped here. */
export async function startServer(config: Config, log: Log): Promise<RunningServer> {
  const secret = loadSecret(config);
  const handle = await connectDatabase({ url: config.databaseUrl, dataDir: config.dataDir, log });
  const applied = await migrate(handle);
  if (applied.length) log.info('database: migrations applied', { applied });
  const clock = systemClock;
  if (handle.kind === 'pglite') {
    const demo = await seedDemoStatement(handle.db, clock.now());
    if (demo) log.info(`demo statement created: ${config.publicUrl}/s/${demo}`);
  }
  const deps: Deps = {
    db: handle.db,
    dbKind: handle.kind,
    config,
    clock,
    log,
    secret,
    mailSignal: () => {},
  };
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handle.close();
    })());
  return { url, deps, handle, stop };
}

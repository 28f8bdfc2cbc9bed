import { parseConfig } from './config.js';
import { createLog } from './log.js';
import { startServer } from './server.js';

// The only place that reads the environment and listens.
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  for (const line of parsed.errors) {
    console.error(`Configuration error: ${line}`);
  }
  process.exit(1);
}
const config = parsed.config;
const log = createLog(config.logLevel, undefined, config.logFormat);

try {
  const running = await startServer(config, log);
  log.info(`Undersigned is serving on ${running.url} (public address ${config.publicUrl})`);
  const shutdown = (signal: string) => {
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err: Error) => {
        log.error('shutdown failed', { error: err.message });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  log.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { silentLog, type Log } from '../../src/log.js';
import type { StatementInput } from '../../src/statements/queries.js';
import { importStatement } from '../../src/statements/editor.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { createTransport } from '../../src/mail/transport.js';
import { loadTemplates } from '../../src/mail/templates.js';
import { renderMarkdown } from '../../src/statements/markdown.js';
import { createMailWorker, type MailWorker } from '../../src/mail/worker.js';
import { createLiveHub } from '../../src/live/hub.js';
import { createMetrics } from '../../src/metrics/metrics.js';

export interface TestContext {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  clock: FakeClock;
  database: TestDatabase;
  /** The mail worker, not started: call `worker.start()` in tests that send mail. */
  worker: MailWorker;
  /** Create (and by default open) a statement with one text. */
  statement(input?: Partial<StatementInput>): Promise<{ id: number; slug: string }>;
  close(): Promise<void>;
}

/** The app on a fresh database with a fake clock, for `app.request()` tests. */
export async function createTestContext(
  opts: {
    config?: Partial<Config>;
    log?: Log;
    deps?: Partial<Deps>;
    onQuery?: (sql: string) => void;
    /** A database of the test's own (closed with the context); default: a fresh one. */
    database?: TestDatabase;
  } = {},
): Promise<TestContext> {
  const database = opts.database ?? (await createTestDatabase({ onQuery: opts.onQuery }));
  const clock = new FakeClock();
  const config = defaultConfig({ publicUrl: 'http://localhost:3000', ...opts.config });
  const log = opts.log ?? silentLog;
  const mailer = createTransport(config, log);
  const worker = createMailWorker({
    db: database.handle.db,
    handle: database.handle,
    transport: mailer,
    templates: loadTemplates({ markdown: (source) => renderMarkdown(source) }),
    config,
    clock,
    log,
    onOutcome: (outcome) => metrics.mail(outcome),
  });
  const live = createLiveHub({ db: database.handle.db, handle: database.handle, clock, log });
  await live.start();
  const metrics = createMetrics({
    db: database.handle.db,
    clock,
    log,
    streams: () => live.clientCount(),
    streamsMax: config.sseLimits.max,
  });
  const deps: Deps = {
    db: database.handle.db,
    dbKind: database.handle.kind,
    config,
    clock,
    log,
    secret: randomBytes(32),
    mailSignal: () => worker.wake(),
    mailer,
    live,
    metrics,
    ...opts.deps,
  };
  const app = createApp(deps);
  let n = 0;
  return {
    app,
    deps,
    clock,
    database,
    worker,
    async statement(input = {}) {
      const slug = input.slug ?? `statement-${++n}-${randomBytes(3).toString('hex')}`;
      const result = await importStatement(deps, clock.now(), {
        locale: 'en',
        title: `Statement ${slug}`,
        body: 'We stand together.',
        open: true,
        ...input,
        slug,
      });
      return { id: result.statementId, slug };
    },
    async close() {
      await worker.stop();
      await live.stop();
      await mailer.close();
      await database.close();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { silentLog, type Log } from '../../src/log.js';
import { saveStatementText, type StatementInput } from '../../src/statements/queries.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { createTransport } from '../../src/mail/transport.js';
import { loadTemplates } from '../../src/mail/templates.js';
import { createMailWorker, type MailWorker } from '../../src/mail/worker.js';
import { createLiveHub } from '../../src/live/hub.js';

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
export async function createTestContext(opts: { config?: Partial<Config>; log?: Log; deps?: Partial<Deps> } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new FakeClock();
  const config = defaultConfig({ publicUrl: 'http://localhost:3000', ...opts.config });
  const log = opts.log ?? silentLog;
  const mailer = createTransport(config, log);
  const worker = createMailWorker({ db: database.handle.db, handle: database.handle, transport: mailer, templates: loadTemplates(), config, clock, log });
  const live = createLiveHub({ db: database.handle.db, handle: database.handle, clock, log });
  await live.start();
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
      const result = await deps.db.transaction().execute((trx) =>
        saveStatementText(trx, { locale: 'en', title: `Statement ${slug}`, body: 'We stand together.', open: true, ...input, slug }, clock.now()),
      );
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

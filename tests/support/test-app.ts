import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { silentLog, type Log } from '../../src/log.js';
import { saveStatementText, type StatementInput } from '../../src/statements/queries.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestContext {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  clock: FakeClock;
  database: TestDatabase;
  /** Create (and by default open) a statement with one text. */
  statement(input?: Partial<StatementInput>): Promise<{ id: number; slug: string }>;
  close(): Promise<void>;
}

/** The app on a fresh database with a fake clock, for `app.request()` tests. */
export async function createTestContext(opts: { config?: Partial<Config>; log?: Log; deps?: Partial<Deps> } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new FakeClock();
  const deps: Deps = {
    db: database.handle.db,
    dbKind: database.handle.kind,
    config: defaultConfig({ publicUrl: 'http://localhost:3000', ...opts.config }),
    clock,
    log: opts.log ?? silentLog,
    secret: randomBytes(32),
    mailSignal: () => {},
    ...opts.deps,
  };
  const app = createApp(deps);
  let n = 0;
  return {
    app,
    deps,
    clock,
    database,
    async statement(input = {}) {
      const slug = input.slug ?? `statement-${++n}-${randomBytes(3).toString('hex')}`;
      const result = await deps.db.transaction().execute((trx) =>
        saveStatementText(trx, { locale: 'en', title: `Statement ${slug}`, body: 'We stand together.', open: true, ...input, slug }, clock.now()),
      );
      return { id: result.statementId, slug };
    },
    close: () => database.close(),
  };
}

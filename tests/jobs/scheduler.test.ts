import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { connectDatabase } from '../../src/db/connect.js';
import { createScheduler, type TimedTask } from '../../src/jobs/scheduler.js';
import { silentLog, type Log } from '../../src/log.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

describe('the scheduler of timed tasks', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('runs every task each round with the time of the round; a failing task is logged and the others still run', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const warnings: string[] = [];
    const log: Log = {
      ...silentLog,
      warn: (msg, fields) => warnings.push(`${msg} ${JSON.stringify(fields)}`),
    };
    const tasks: TimedTask[] = [
      {
        name: 'broken',
        run: () => Promise.reject(new Error('boom')),
      },
      {
        name: 'ok',
        run: async (_trx, _announce, now) => {
          seen.push(now.toISOString());
        },
      },
    ];
    const jobs = createScheduler({ db: database.handle.db, clock, log, tasks });
    await jobs.runOnce();
    clock.advance(10_000);
    await jobs.runOnce();
    expect(seen).toEqual(['2026-01-15T10:00:00.000Z', '2026-01-15T10:00:10.000Z']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/broken.*boom/);
  });

  // PGlite has one session: nothing runs side by side there.
  it.runIf(onPostgres)(
    'runs a task in one process at a time: another process skips it meanwhile',
    async () => {
      const other = await connectDatabase({ url: database.url, dataDir: '.', log: silentLog, poolSize: 2 });
      try {
        let runs = 0;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let started!: () => void;
        const running = new Promise<void>((r) => (started = r));
        const task: TimedTask = {
          name: 'slow',
          run: async () => {
            runs++;
            started();
            await gate;
          },
        };
        const clock = new FakeClock();
        const a = createScheduler({ db: database.handle.db, clock, log: silentLog, tasks: [task] });
        const b = createScheduler({ db: other.db, clock, log: silentLog, tasks: [task] });
        const first = a.runOnce();
        await running;
        await b.runOnce(); // returns at once: the lock is taken
        expect(runs).toBe(1);
        release();
        await first;
        await b.runOnce(); // free again
        expect(runs).toBe(2);
      } finally {
        await other.close();
      }
    },
  );
});

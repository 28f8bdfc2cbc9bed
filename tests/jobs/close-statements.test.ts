import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { closeDueStatements } from '../../src/jobs/close-statements.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { LIVE_CHANNEL } from '../../src/changes/live-change.js';
import { silentLog } from '../../src/log.js';
import { waitFor } from '../faults/harness.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { onPostgres } from '../support/test-db.js';

describe('statements past their closing date', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('are stored as closed by one process, audited, and announced once to every process', async () => {
    const closesAt = new Date(ctx.clock.now().getTime() + 60_000);
    const due = await ctx.statement({ closesAt });
    const later = await ctx.statement({ closesAt: new Date(closesAt.getTime() + 3_600_000) });
    const db = ctx.deps.db;

    // What every process hears: the live channel, and a marker sent after the rounds commit.
    const heard: string[] = [];
    const handle = ctx.database.handle;
    const stopLive = await handle.listen(LIVE_CHANNEL, (p) => heard.push(p));
    const stopMark = await handle.listen('test_marker', (p) => heard.push(`marker ${p}`));
    // A second process on PostgreSQL; on the embedded database there is only ever one.
    const other: DatabaseHandle | undefined = onPostgres
      ? await connectDatabase({ url: ctx.database.url, dataDir: '.', log: silentLog, poolSize: 2 })
      : undefined;
    // Whatever creating the statements announced is heard before the marker.
    const mark = async (m: string) => {
      await sql`select pg_notify('test_marker', ${m})`.execute(db);
      await waitFor(
        () => heard.includes(`marker ${m}`),
        10_000,
        () => `marker ${m} not heard`,
      );
    };
    try {
      await mark('start');
      heard.length = 0;
      const schedulers = [handle.db, other?.db ?? handle.db].map((d) =>
        createScheduler({ db: d, clock: ctx.clock, log: silentLog, tasks: [closeDueStatements] }),
      );
      await Promise.all(schedulers.map((s) => s.runOnce()));
      expect(
        (
          await db
            .selectFrom('statements')
            .select('status')
            .where('id', '=', due.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('open');

      ctx.clock.advance(61_000);
      await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all(schedulers.map((s) => s.runOnce()));
      await mark('done');

      const rows = await db.selectFrom('statements').select(['id', 'status']).orderBy('id').execute();
      expect(rows.find((r) => r.id === due.id)?.status).toBe('closed');
      expect(rows.find((r) => r.id === later.id)?.status).toBe('open');
      const announced = heard.filter((p) => p !== 'marker done').map((p) => JSON.parse(p) as unknown);
      expect(announced).toEqual([{ kind: 'changed', statementId: due.id }]);
      const audit = await db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'statement_id', 'details'])
        .where('action', '=', 'statement.closed')
        .execute();
      expect(audit).toEqual([
        {
          actor: 'system',
          action: 'statement.closed',
          statement_id: due.id,
          details: { closes_at: closesAt.toISOString() },
        },
      ]);

      // Readers see it closed: the API says so, the form is gone.
      const api = (await (await ctx.app.request(`/api/statements/${due.slug}`)).json()) as { status: string };
      expect(api.status).toBe('closed');
      const page = await (await ctx.app.request(`/s/${due.slug}`)).text();
      expect(page).not.toContain('name="org_name"');
    } finally {
      await stopLive();
      await stopMark();
      await other?.close();
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { createLiveHub, type LiveHub } from '../../src/live/hub.js';
import { LIVE_CHANNEL } from '../../src/changes/live-change.js';
import { silentLog } from '../../src/log.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { onPostgres } from '../support/test-db.js';
import { json, listen, publish, SseClient, until, withdraw } from './support.js';

// Two app instances, each with its own pool, LISTEN connection and hub, on one real PostgreSQL:
// what two processes behind a load balancer are.
describe.runIf(onPostgres)('two app processes on one PostgreSQL', () => {
  let ctx: TestContext;
  let handleB: DatabaseHandle;
  let hubB: LiveHub;
  let serverA: Awaited<ReturnType<typeof listen>>;
  let serverB: Awaited<ReturnType<typeof listen>>;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    handleB = await connectDatabase({ url: ctx.database.url, dataDir: '.', log: silentLog, poolSize: 4 });
    hubB = createLiveHub({ db: handleB.db, handle: handleB, clock: ctx.clock, log: silentLog });
    await hubB.start();
    serverA = await listen(ctx.app.fetch);
    serverB = await listen(createApp({ ...ctx.deps, db: handleB.db, live: hubB }).fetch);
  });
  afterAll(async () => {
    for (const c of clients) {
      c.close();
    }
    await hubB?.stop();
    await serverA?.close();
    await serverB?.close();
    await handleB?.close();
    await ctx?.close();
  });

  const open = async (url: string) => {
    const c = new SseClient(url);
    clients.push(c);
    return c.open();
  };

  it('a publication written through one reaches the SSE clients and the cached page of the other', async () => {
    const { id, slug } = await ctx.statement();
    const onB = await open(`${serverB.url}/s/${slug}/events`);
    const onA = await open(`${serverA.url}/s/${slug}/events`);
    await onB.next('count');
    await onA.next('count');
    // B caches its page before the change.
    expect(await (await fetch(`${serverB.url}/s/${slug}`)).text()).toContain('Be the first');

    const eid = await publish(ctx.deps, id, { name: 'Cross-process Union' }); // written through A's pool
    for (const c of [onA, onB]) {
      expect(JSON.parse((await c.next('signatory')).data)).toMatchObject({
        id: eid,
        name: 'Cross-process Union',
      });
      await c.next('count', (d) => d.total === 1);
    }
    expect(await (await fetch(`${serverB.url}/s/${slug}`)).text()).toContain('Cross-process Union');
    expect((await json(fetch(`${serverB.url}/api/statements/${slug}`))).total).toBe(1);

    await withdraw(handleB.db, id, eid); // and back through B
    for (const c of [onA, onB]) {
      await c.next('withdrawn', (d) => d.id === eid);
    }
    expect((await json(fetch(`${serverA.url}/api/statements/${slug}`))).total).toBe(0);
  });

  it('after the LISTEN connection is lost, the hub resubscribes and tells its clients to resync', async () => {
    const { id, slug } = await ctx.statement();
    const c = await open(`${serverB.url}/s/${slug}/events`);
    await c.next('count');
    // What a PostgreSQL restart does to the listening connection.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
               where datname = current_database() and pid <> pg_backend_pid() and query ilike ${`LISTEN%${LIVE_CHANNEL}%`}`.execute(
      ctx.deps.db,
    );
    await c.next('reset');
    // Missed while disconnected or not, the count that follows is right; and new changes flow again.
    await until(async () => {
      await publish(ctx.deps, id, { name: `After reconnect ${Math.random()}` });
      return c.named('signatory').length > 0;
    }, 'a publication to arrive after the reconnection');
    const total = (await json(fetch(`${serverB.url}/api/statements/${slug}`))).total;
    await c.next('count', (d) => d.total === total);
  });
});

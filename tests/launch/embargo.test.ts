import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { launchDueStatements } from '../../src/jobs/launch-statements.js';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { silentLog } from '../../src/log.js';
import { importStatement } from '../../src/statements/editor.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { onPostgres } from '../support/test-db.js';
import { json, listen, publish, SseClient, withdraw } from '../live/support.js';

let ctx: TestContext | undefined;
let sink: SmtpSink | undefined;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) {
    await f();
  }
  await ctx?.close();
  await sink?.stop();
  ctx = undefined;
  sink = undefined;
});

/** Everything the public can read about a statement's list, as plain numbers and texts. */
async function publicViews(c: TestContext, slug: string) {
  const page = await (await c.app.request(`/s/${slug}`)).text();
  const api = await json(c.app.request(`/api/statements/${slug}`));
  const items = await json(c.app.request(`/api/statements/${slug}/signatories`));
  const csv = await (await c.app.request(`/s/${slug}/signatories.csv`)).text();
  const badge = await (await c.app.request(`/s/${slug}/badge.svg`)).text();
  const embed = await (await c.app.request(`/s/${slug}/embed`)).text();
  const print = await (await c.app.request(`/s/${slug}/print`)).text();
  const map = await (await c.app.request(`/s/${slug}/map.svg`)).text();
  const home = await (await c.app.request('/')).text();
  const index = await json(c.app.request('/api/statements'));
  return { page, api, items, csv, badge, embed, print, map, home, index };
}

describe('a statement under embargo', () => {
  it('collects endorsements but shows its list nowhere; at launch_at one process launches, pages reset, endorsers are emailed in their language', async () => {
    sink = await new SmtpSink().start();
    ctx = await createTestContext({ config: { smtpUrl: sink.url } });
    const launchAt = new Date(ctx.clock.now().getTime() + 3_600_000);
    const s = await ctx.statement({ slug: 'seed', title: 'The seed statement', launchAt });
    await importStatement(ctx.deps, ctx.clock.now(), {
      slug: 'seed',
      locale: 'fr',
      title: 'La déclaration semence',
      body: 'Texte.',
    });
    await publish(ctx.deps, s.id, { name: 'Dockers Union', country: 'GB', email: 'sec@dockers.example.org' });
    await publish(ctx.deps, s.id, {
      name: 'Syndicat des Cheminots',
      country: 'FR',
      email: 'contact@cheminots.example.fr',
      locale: 'fr',
    });

    const before = await publicViews(ctx, 'seed');
    expect(before.page).toContain('<meta name="robots" content="noindex"');
    expect(before.page).not.toContain('Dockers Union');
    expect(before.page).toContain('data-embargo');
    // The form works as usual.
    expect(before.page).toContain(`action="/s/seed/endorse?lang=en#endorse"`);
    expect(before.api).toMatchObject({
      total: 0,
      countries: 0,
      byCountry: {},
      launchAt: launchAt.toISOString(),
    });
    expect(before.items).toEqual({ items: [], nextCursor: null });
    expect(before.csv.trim().split('\n')).toHaveLength(1);
    expect(before.badge).toMatch(/>0</);
    expect(before.embed).not.toContain('Dockers');
    expect(before.print).not.toContain('Dockers Union');
    expect(before.map).not.toMatch(/GB: 1|Royaume|United Kingdom: 1/);
    expect(before.home).not.toContain('/s/seed');
    expect(before.index).toEqual([]);

    // An open page's live stream: nothing of the list before launch, then reset and the new count.
    const server = await listen(ctx.app.fetch);
    cleanup.push(() => server.close());
    const sse = await new SseClient(`${server.url}/s/seed/events`).open();
    cleanup.push(async () => sse.close());
    await sse.waitFor(() => sse.events.find((e) => e.event === 'count'), 'first count');
    expect(JSON.parse(sse.events[0]!.data)).toMatchObject({ total: 0 });
    await publish(ctx.deps, s.id, {
      name: 'Late Union',
      country: 'DE',
      email: 'late@example.de',
      locale: 'de',
    });
    // A withdrawal under embargo is no news either: not even its id reaches a reader.
    const gone = await publish(ctx.deps, s.id, { name: 'Gone Union', country: 'IT' });
    await withdraw(ctx.deps, s.id, gone);

    // Two processes tick: before launch_at nothing; after it exactly one launches.
    const other: DatabaseHandle | undefined = onPostgres
      ? await connectDatabase({ url: ctx.database.url, dataDir: '.', log: silentLog, poolSize: 2 })
      : undefined;
    if (other) {
      cleanup.push(() => other.close());
    }
    const task = launchDueStatements(ctx.deps);
    const schedulers = [ctx.deps.db, other?.db ?? ctx.deps.db].map((db, i) =>
      createScheduler({
        db,
        live: i === 0 ? ctx!.deps.live : undefined,
        clock: ctx!.clock,
        log: silentLog,
        tasks: [task],
      }),
    );
    await Promise.all(schedulers.map((x) => x.runOnce()));
    expect((await json(ctx.app.request('/api/statements/seed'))).total).toBe(0);
    expect(sse.events.filter((e) => e.event === 'signatory')).toEqual([]);

    ctx.clock.advance(3_600_001);
    await Promise.all(schedulers.map((x) => x.runOnce()));
    await Promise.all(schedulers.map((x) => x.runOnce()));

    await sse.waitFor(() => sse.events.find((e) => e.event === 'reset'), 'reset');
    const count = await sse.waitFor(
      () => sse.events.find((e) => e.event === 'count' && JSON.parse(e.data).total === 3),
      'count of 3',
    );
    expect(sse.events.indexOf(count)).toBeGreaterThan(sse.events.findIndex((e) => e.event === 'reset'));
    // Changes are processed in order, so the withdrawal was handled before the launch's reset.
    expect(sse.events.filter((e) => e.event === 'withdrawn')).toEqual([]);

    const after = await publicViews(ctx, 'seed');
    expect(after.page).not.toContain('noindex');
    expect(after.page).toContain('Dockers Union');
    expect(after.api).toMatchObject({ total: 3, launchAt: launchAt.toISOString() });
    expect(after.items.items).toHaveLength(3);
    expect(after.csv.trim().split('\n')).toHaveLength(4);
    expect(after.home).toContain('/s/seed');
    expect(after.index).toMatchObject([{ slug: 'seed', total: 3 }]);

    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor', 'statement_id', 'details'])
      .where('action', '=', 'statement.launch')
      .execute();
    expect(audit).toEqual([
      { actor: 'system', statement_id: s.id, details: { launch_at: launchAt.toISOString(), mails: 3 } },
    ]);

    await ctx.worker.runOnce();
    const mails = await sink.waitFor((m) => m.subject.includes('seed') || m.subject.includes('semence'), 3);
    expect(mails).toHaveLength(3);
    const fr = sink.mails.find((m) => m.to.includes('contact@cheminots.example.fr'))!;
    expect(fr.subject).toBe(
      // French typography: narrow no-break spaces inside the guillemets.
      '«\u202fLa déclaration semence\u202f» est publique, avec Syndicat des Cheminots parmi ses signataires',
    );
    expect(fr.text).toContain('http://localhost:3000/s/seed?lang=fr');
    expect(fr.text).toMatch(/http:\/\/localhost:3000\/withdraw\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    const en = sink.mails.find((m) => m.to.includes('sec@dockers.example.org'))!;
    expect(en.subject).toBe('“The seed statement” is public, with Dockers Union among its signatories');
    const de = sink.mails.find((m) => m.to.includes('late@example.de'))!;
    expect(de.subject).toContain('ist veröffentlicht');
    expect(sink.mails).toHaveLength(3);
  });
});

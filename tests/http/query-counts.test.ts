import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStatement } from '../../src/statements/editor.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { endorse, validForm } from '../endorsements/support.js';

// What a hot public request costs the database. A reader's second request for the same thing must
// be served from the process's caches: the embedded default fell twenty-fold when a cache missed.
let ctx: TestContext;
let statement: { id: number; slug: string };
const queries: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ onQuery: (sql) => queries.push(sql) });
  statement = await ctx.statement({ title: 'Counted statement' });
  await importStatement(ctx.deps, ctx.clock.now(), {
    slug: statement.slug,
    locale: 'fr',
    title: 'Déclaration comptée',
    body: 'Ensemble.',
  });
  for (let i = 0; i < 3; i++) {
    await insertEndorsement(ctx.deps, statement.id, {
      name: `Counted Union ${i}`,
      country: i ? 'DE' : 'FR',
    });
  }
});
afterAll(() => ctx.close());

/** The SQL run while `fn` runs. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  queries.length = 0;
  await fn();
  return [...queries];
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(path, { headers });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    // Read the first event (the count), then hang up as a reader closing the tab would.
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
  } else {
    await res.arrayBuffer();
  }
  expect(res.status, path).toBe(200);
  return res;
}

/** Resolves when the statement's live stream announces `total` signatories. */
async function countEvent(total: number): Promise<void> {
  const res = await ctx.app.request(`/s/${statement.slug}/events`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      throw new Error('the live stream ended before the count arrived');
    }
    text += value;
    if (text.includes(`event: count\ndata: {"total":${total},`)) {
      break;
    }
  }
  await reader.cancel();
}

const HOT_ROUTES = () => [
  `/s/${statement.slug}`,
  `/s/${statement.slug}?lang=fr`,
  '/api/statements',
  `/api/statements/${statement.slug}`,
  `/api/statements/${statement.slug}/signatories`,
  `/s/${statement.slug}/signatories.csv`,
  `/s/${statement.slug}/embed`,
  `/s/${statement.slug}/badge.svg`,
  `/s/${statement.slug}/print`,
  `/s/${statement.slug}/events`,
];

describe('hot public routes', () => {
  it('cost no query at all once a first reader has asked (cached until the list changes)', async () => {
    for (const path of HOT_ROUTES()) {
      await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      const again = await queriesDuring(() => get(path, { 'accept-encoding': 'gzip, deflate, br' }));
      expect(again, `second request for ${path}`).toEqual([]);
    }
  });

  it('cost a bounded number of queries again after a change, then none', async () => {
    for (const path of HOT_ROUTES()) {
      await get(path);
    }
    const counted = countEvent(4);
    await insertEndorsement(ctx.deps, statement.id, { name: 'Union That Changes Things', country: 'ES' });
    // Wait until this process has heard of the change (its live stream says so), so what follows
    // measures the requests alone, not the hub's own work on the notification.
    await counted;
    for (const path of HOT_ROUTES()) {
      const rebuilt = await queriesDuring(() => get(path));
      // The statement itself did not change: it stays cached; only the list's values are rebuilt.
      expect(
        rebuilt.filter((q) => /from "statements" where "slug"/.test(q)),
        `statement lookups for ${path}`,
      ).toEqual([]);
      expect(rebuilt.length, `queries to rebuild ${path}: ${rebuilt.join(' | ')}`).toBeLessThanOrEqual(3);
      expect(await queriesDuring(() => get(path)), `after the rebuild, ${path}`).toEqual([]);
    }
  });
});

describe('an endorsement', () => {
  it('never looks its statement up in the database once the statement is cached', async () => {
    await get(`/s/${statement.slug}`);
    const sent = await queriesDuring(async () => {
      const res = await endorse(
        ctx,
        statement.slug,
        validForm({ email: 'counted@union.example.org', org_name: 'Counted Submitters' }),
      );
      expect(res.status).toBe(303);
    });
    expect(sent.filter((q) => /from "statements"|from "statement_texts"/.test(q))).toEqual([]);
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(12);
  });
});

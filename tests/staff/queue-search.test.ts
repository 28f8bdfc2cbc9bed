import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { RESEND_CAP } from '../../src/endorsements/queries.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { signedIn, type Agent } from './helpers.js';

// The queue for hundreds: search, filters, the combined queue, the unconfirmed list with "resend
// the link", "reject as duplicate of …", and the next row brought into view after a decision.
let ctx: TestContext;
let agent: Agent;
const ids = {} as Record<'lyon' | 'unite' | 'metall' | 'typo' | 'hidden' | 'pending', number>;
let care: number;
let metal: number;
let draft: number;
beforeAll(async () => {
  ctx = await createTestContext();
  care = (await ctx.statement({ title: 'Care now' })).id;
  metal = (await ctx.statement({ title: 'Metal workers' })).id;
  draft = (await ctx.statement({ title: 'Not open yet', open: false })).id;
  const at = (m: number) => new Date(Date.UTC(2026, 0, 10, 9, m));
  ids.lyon = await insertEndorsement(ctx.deps, care, {
    status: 'confirmed',
    name: 'Syndicat des soignants de Lyon',
    country: 'FR',
    city: 'Lyon',
    email: 'sec@soignants-lyon.fr',
    website: 'https://soignants-lyon.fr',
    locale: 'fr',
    at: at(1),
  });
  ids.unite = await insertEndorsement(ctx.deps, care, {
    status: 'confirmed',
    name: 'Unite the Union',
    country: 'GB',
    city: 'London',
    email: 'unite.branch@gmail.com',
    website: 'https://unitetheunion.org',
    locale: 'en',
    at: at(2),
  });
  ids.metall = await insertEndorsement(ctx.deps, metal, {
    status: 'confirmed',
    name: 'IG Metall',
    type: 'federation',
    country: 'DE',
    city: 'Frankfurt',
    email: 'info@igmetall.de',
    website: null,
    locale: 'de',
    at: at(3),
  });
  ids.typo = await insertEndorsement(ctx.deps, care, {
    status: 'confirmed',
    name: 'Syndicat des soignant de Lyon',
    country: 'FR',
    city: 'Villeurbanne',
    email: 'contact@soignant.example.fr',
    website: 'https://other.example.org',
    locale: 'fr',
    at: at(4),
  });
  ids.hidden = await insertEndorsement(ctx.deps, draft, {
    status: 'confirmed',
    name: 'CCOO',
    country: 'ES',
    at: at(5),
  });
  ids.pending = await insertEndorsement(ctx.deps, care, {
    status: 'pending',
    name: 'Porters Union',
    email: 'sec@porters.example.org',
    at: at(6),
  });
  agent = (await signedIn(ctx, 'verifier')).agent;
}, 120_000);
afterAll(() => ctx?.close());

/** The names of the rows a queue page lists, in order. */
const listed = async (query: string) => {
  const { res, html } = await agent.page(`/admin/queue?${query}`);
  expect(res.status).toBe(200);
  return [...html.matchAll(/<span class="row-name">([^<]*)<|<strong>([^<]*)<\/strong>/g)].map(
    (m) => m[1] ?? m[2],
  );
};

describe('search and filters', () => {
  it('one combined queue across the open statements, oldest first; a draft’s queue only by its own link', async () => {
    expect(await listed('')).toEqual([
      'Syndicat des soignants de Lyon',
      'Unite the Union',
      'IG Metall',
      'Syndicat des soignant de Lyon',
    ]);
    expect(await listed(`statement=${metal}`)).toEqual(['IG Metall']);
    expect(await listed(`statement=${draft}`)).toEqual(['CCOO']);
    const { html } = await agent.page('/admin/queue');
    expect(html).toContain('Waiting for a decision (4)');
    expect(html).toContain('Not confirmed yet (1)');
    expect(html).toContain(
      '<span class="row-meta">Germany · Federation or confederation · Metal workers</span>',
    );
  });

  it('searches by name (accents and case aside), email domain and city', async () => {
    expect(await listed('q=SOIGNANTS')).toEqual(['Syndicat des soignants de Lyon']);
    expect(await listed('q=soignant')).toEqual([
      'Syndicat des soignants de Lyon',
      'Syndicat des soignant de Lyon',
    ]);
    expect(await listed('q=soignants-lyon.fr')).toEqual(['Syndicat des soignants de Lyon']);
    expect(await listed('q=%40gmail.com')).toEqual(['Unite the Union']);
    expect(await listed('q=villeurbanne')).toEqual(['Syndicat des soignant de Lyon']);
    expect(await listed('q=100%25_')).toEqual([]);
    const { html } = await agent.page('/admin/queue?q=london');
    expect(html).toContain('Found: 1.');
    expect(html).toContain('value="london"');
  });

  it('filters by country, type, language, domain check and possible duplicate', async () => {
    expect(await listed('country=DE')).toEqual(['IG Metall']);
    expect(await listed('type=federation')).toEqual(['IG Metall']);
    expect(await listed('language=en')).toEqual(['Unite the Union']);
    expect(await listed('domain=free-mail')).toEqual(['Unite the Union']);
    expect(await listed('domain=no-website')).toEqual(['IG Metall']);
    expect(await listed('domain=match')).toEqual(['Syndicat des soignants de Lyon']);
    expect(await listed('domain=mismatch&country=FR')).toEqual(['Syndicat des soignant de Lyon']);
    expect(await listed('dup=1')).toEqual([
      'Syndicat des soignants de Lyon',
      'Syndicat des soignant de Lyon',
    ]);
    // Nonsense in a filter is ignored, never an error.
    expect(await listed('country=ZZ&type=king&domain=x&dup=2&after=abc&statement=-1')).toHaveLength(4);
  });

  it('the unconfirmed sign-ups, with "resend the link" — audited and bounded', async () => {
    expect(await listed('tab=unconfirmed')).toEqual(['Porters Union']);
    const { html } = await agent.page('/admin/queue?tab=unconfirmed');
    expect(html).toContain('sec@porters.example.org');
    expect(html).toContain(`action="/admin/endorsements/${ids.pending}/resend"`);
    for (let i = 0; i < RESEND_CAP; i++) {
      const res = await agent.post(`/admin/endorsements/${ids.pending}/resend`, { back: 'tab=unconfirmed' });
      expect(res.headers.get('location')).toMatch(/^\/admin\/queue\?tab=unconfirmed&done=resent/);
    }
    const capped = await agent.post(`/admin/endorsements/${ids.pending}/resend`, { back: 'tab=unconfirmed' });
    const page = await agent.page(capped.headers.get('location')!);
    expect(page.html).toContain('The link was not sent again for Porters Union');
    expect(page.html).toContain('The link cannot be sent again: the limit is reached.');
    const mails = await ctx.deps.db
      .selectFrom('email_outbox')
      .select('template')
      .where('endorsement_id', '=', ids.pending)
      .execute();
    expect(mails.map((m) => m.template)).toEqual(Array(RESEND_CAP).fill('confirm-endorsement'));
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('endorsement_id', '=', ids.pending)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(Array(RESEND_CAP).fill('endorsement.resend'));
    // A confirmed endorsement gets no link.
    const none = await agent.post(`/admin/endorsements/${ids.unite}/resend`);
    expect(none.headers.get('location')).toContain('done=resendRefused');
  });

  it('"reject as duplicate of …" from the hint, and after a decision the next row comes into view', async () => {
    const { html } = await agent.page(`/admin/queue?statement=${care}`);
    const form = new RegExp(
      `<form method="post" action="/admin/endorsements/${ids.typo}/reject" class="duplicate-reject">([\\s\\S]*?)</form>`,
    ).exec(html)![1]!;
    expect(form).toContain('Reject as duplicate of Syndicat des soignants de Lyon');
    const fields = Object.fromEntries(
      [...form.matchAll(/name="(\w+)" value="([^"]*)"/g)]
        .filter((m) => m[1] !== '_csrf')
        .map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    expect(fields.duplicate_of).toBe(String(ids.lyon));
    const res = await agent.post(`/admin/endorsements/${ids.typo}/reject`, fields);
    expect(res.status).toBe(303);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('endorsement_id', '=', ids.typo)
      .where('action', '=', 'endorsement.reject')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      reason: 'Duplicate of Syndicat des soignants de Lyon, already on this statement.',
      duplicateOf: ids.lyon,
      signerTold: false,
    });
    // Verifying the first row of this statement's queue brings the next one into view, opened.
    const verify = await agent.post(`/admin/endorsements/${ids.lyon}/verify`, {
      back: `statement=${care}`,
      next: String(ids.unite),
    });
    const location = verify.headers.get('location')!;
    expect(location).toBe(
      `/admin/queue?statement=${care}&done=verified&ids=${ids.lyon}&focus=${ids.unite}#e${ids.unite}`,
    );
    const after = await agent.page(location);
    expect(after.html).toContain('Verified: Syndicat des soignants de Lyon.');
    expect(after.html).toMatch(
      new RegExp(`id="e${ids.unite}" data-row="${ids.unite}">[\\s\\S]*?<details class="row-body" open`),
    );
  });

  it('verifying nothing ticked says so, with the way back', async () => {
    const res = await agent.post('/admin/queue/verify', { back: `statement=${care}&q=x` });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`href="/admin/queue?statement=${care}&amp;q=x"`);
  });
});

const FLOOD = 20_000;

describe(`a queue of ${FLOOD.toLocaleString('en')} waiting and ${FLOOD.toLocaleString('en')} unconfirmed`, () => {
  it('search, filter and paging pages render (SHOW_TIMING=1 prints how long each takes)', async () => {
    const db = ctx.deps.db;
    const s = await ctx.statement({ title: 'Flooded' });
    const seeding = performance.now();
    // Names with no word in common (a common word would make every name "similar" to every other:
    // the look-alike check is measured by queue-flood.test.ts); the unconfirmed ones end in "p".
    for (const [status, tag] of [
      ['confirmed', ''],
      ['pending', 'p'],
    ] as const) {
      await sql`
        insert into organisations (normalised_name, country, name)
        select substr(md5(${tag} || g), 1, 10) || ' ' || g || ${tag}, 'FR',
          substr(md5(${tag} || g), 1, 10) || ' ' || g || ${tag}
        from generate_series(1, ${FLOOD}) g`.execute(db);
      await sql`
        insert into endorsements (statement_id, organisation_id, display_name, org_type, country, city, email,
          email_normalised, website, locale, status, created_at, confirmed_at, updated_at)
        select ${s.id}, o.id, o.name, case when o.id % 7 = 0 then 'federation' else 'union' end,
          case when o.id % 10 = 0 then 'DE' else 'FR' end, 'Town ' || (o.id % 50),
          'sec' || o.id || case when o.id % 3 = 0 then '@gmail.com' else '@u' || o.id || '.example.org' end,
          'sec' || o.id || case when o.id % 3 = 0 then '@gmail.com' else '@u' || o.id || '.example.org' end,
          'https://u' || o.id || '.example.org', 'fr', ${status},
          timestamptz '2026-01-01' + o.id * interval '1 second',
          case when ${status} = 'confirmed' then timestamptz '2026-01-01' + o.id * interval '1 second' end, now()
        from organisations o where o.name ~ ${tag ? ' [0-9]+p$' : ' [0-9]+$'}`.execute(db);
    }
    const n = await sql<{
      n: number;
    }>`select count(*)::int as n from endorsements where statement_id = ${s.id}`.execute(db);
    expect(n.rows[0]!.n).toBe(2 * FLOOD);
    const seedMs = Math.round(performance.now() - seeding);

    const has = (text: string | RegExp) => (h: string) =>
      expect(
        typeof text === 'string' ? h.includes(text) : text.test(h),
        `${String(text)} in …${/<p class="queue-count">[^<]*/.exec(h)?.[0]}`,
      ).toBe(true);
    const pages: Array<[string, (html: string) => void]> = [
      ['', has('Waiting for a decision (1,000+)')],
      [`statement=${s.id}`, has('1,000+ waiting for a decision')],
      [`statement=${s.id}&q=12345`, has(/Found: 1\.[\s\S]*row-name">[0-9a-f]{10} 12345</)],
      [`statement=${s.id}&q=town+10&country=DE`, has(/Found: [1-9][0-9]*\./)],
      [`statement=${s.id}&type=federation&country=DE`, has(/Found: [1-9][0-9]*\./)],
      [`statement=${s.id}&domain=free-mail`, has(/Shown: 50, after checking 1\d\d in order/)],
      [`statement=${s.id}&dup=1`, has('Look further')],
      [`statement=${s.id}&q=nothing+like+this`, has('Nothing matches.')],
      [`statement=${s.id}&tab=unconfirmed&q=9p`, has('Found: 1,000+.')],
      [`statement=${s.id}&tab=unconfirmed&q=gmail.com&country=DE`, has(/Found: [1-9][0-9]*\./)],
    ];
    const timings: Record<string, number> = {};
    for (const [query, check] of pages) {
      const runs: number[] = [];
      for (let i = 0; i < (process.env.SHOW_TIMING ? 5 : 1); i++) {
        const t = performance.now();
        const { res, html } = await agent.page(`/admin/queue?${query}`);
        runs.push(performance.now() - t);
        expect(res.status, query).toBe(200);
        check(html);
      }
      timings[query || '(all open)'] = Math.round(runs.sort((a, b) => a - b)[runs.length >> 1]!);
    }
    // The second page starts after the first (keyset), not at an offset.
    const first = await agent.page(`/admin/queue?statement=${s.id}`);
    const next = /href="(\/admin\/queue\?[^"]*after=[^"]*)"/.exec(first.html)![1]!.replace(/&amp;/g, '&');
    const second = await agent.page(next);
    expect(/row-name">[0-9a-f]{10} 51</.test(second.html)).toBe(true);
    expect(/row-name">[0-9a-f]{10} 50</.test(second.html)).toBe(false);
    if (process.env.SHOW_TIMING) {
      console.log(
        JSON.stringify({
          db: ctx.deps.dbKind,
          waiting: FLOOD,
          unconfirmed: FLOOD,
          seedMs,
          medianMs: timings,
        }),
      );
    }
  }, 300_000);
});

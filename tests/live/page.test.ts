import { transact } from '../../src/changes/transact.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { publish, withdraw } from './support.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const get = (path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });
const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** Just the signatories section, so the assertions do not match the form or the text. */
const section = (html: string) =>
  html.slice(html.indexOf('<section id="signatories"'), html.indexOf('</main>'));
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('signatories under the statement', () => {
  it('an empty list invites the first endorsement', async () => {
    const { slug } = await ctx.statement();
    const html = section(await page(`/s/${slug}`));
    expect(html).toContain('No organisation has endorsed yet. Be the first.');
    expect(html).toContain('<strong data-count="total">0</strong>');
    expect(html).not.toContain('role="search"');
    // The print page of a statement nobody has signed yet is still a page (once a 500: "ORDER BY 0").
    const print = await ctx.app.request(`/s/${slug}/print`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain(`Statement ${slug}`);
  });

  it('shows the counts, the breakdowns and the list grouped by country, with links and types in words', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, {
      name: 'Verdi Berlin',
      type: 'union_branch',
      country: 'DE',
      city: 'Berlin',
      website: 'https://verdi.example.de',
      members: 2500,
    });
    await publish(ctx.deps, id, {
      name: 'CGT Dockers',
      type: 'union',
      country: 'FR',
      city: 'Marseille',
      website: 'javascript:alert(1)',
      members: 1500,
    });
    await publish(ctx.deps, id, {
      name: 'Attac',
      type: 'association',
      country: 'FR',
      city: null,
      website: null,
      members: null,
    });
    // Not public: pending, rejected, confirmed-but-unverified.
    await insertEndorsement(ctx.deps, id, { name: 'Pending Org', status: 'pending' });
    await insertEndorsement(ctx.deps, id, { name: 'Rejected Org', status: 'rejected' });
    await insertEndorsement(ctx.deps, id, { name: 'Unverified Org', status: 'confirmed' });

    const html = section(await page(`/s/${slug}`));
    const text = textOf(html);
    expect(html).toContain('<strong data-count="total">3</strong>');
    expect(html).toContain('<strong data-count="countries">2</strong>');
    expect(html).toContain('<strong data-count="members">4,000</strong>');
    expect(html).toMatch(/aria-live="polite"/);
    expect(text).toContain('Germany 1');
    expect(text).toContain('Union branch 1');
    // Grouped by country in the reader's alphabet: France before Germany.
    expect(html.indexOf('data-country="FR"')).toBeLessThan(html.indexOf('data-country="DE"'));
    expect(html).toContain('<a href="https://verdi.example.de" rel="nofollow ugc noopener">Verdi Berlin</a>');
    expect(text).toContain('Verdi Berlin · Union branch · Berlin');
    expect(text).toContain('Attac · Association');
    // An unsafe website is shown as plain text, never as a link.
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<span class="name">CGT Dockers</span>');
    for (const hidden of ['Pending Org', 'Rejected Org', 'Unverified Org']) {
      expect(html).not.toContain(hidden);
    }
    // Downloads, print, embed.
    expect(html).toContain(`href="/s/${slug}/signatories.csv"`);
    expect(html).toContain(`href="/api/statements/${slug}/signatories"`);
    expect(html).toContain(`href="/s/${slug}/print"`);
    expect(html).toContain(`&lt;iframe src=&quot;http://localhost:3000/s/${slug}/embed?lang=en&quot;`);
    expect(html).toMatch(/<script src="\/assets\/live\.\w+\.js" defer/);
    expect(html).toContain(`data-live-events="/s/${slug}/events"`);
  });

  it('names countries in the reader’s language (fr: « Allemagne »)', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'IG Metall', country: 'DE' });
    await publish(ctx.deps, id, { name: 'Unite', country: 'GB', type: 'federation' });
    const html = section(await page(`/s/${slug}?lang=fr`));
    expect(html).toContain('<h3 id="country-DE">Allemagne');
    expect(html).toContain('Royaume-Uni');
    expect(html).toContain('Fédération ou confédération');
    expect(html).toContain('<option value="DE">Allemagne (1)</option>');
    expect(textOf(html)).toContain('Organisations 1 à 2 sur 2');
    const print = await page(`/s/${slug}/print?lang=fr`);
    expect(print).toContain('Allemagne');
  });

  it('shows a new publication and a withdrawal on the next load (the cache follows NOTIFY)', async () => {
    const { id, slug } = await ctx.statement();
    expect(section(await page(`/s/${slug}`))).toContain('Be the first');
    const eid = await publish(ctx.deps, id, { name: 'Brand New Union' });
    expect(section(await page(`/s/${slug}`))).toContain('Brand New Union');
    await withdraw(ctx.deps, id, eid);
    expect(section(await page(`/s/${slug}`))).not.toContain('Brand New Union');
  });

  it('searches by name or city and filters by country and type with a plain GET form', async () => {
    const { id, slug } = await ctx.statement();
    await publish(ctx.deps, id, { name: 'Nurses United', type: 'union', country: 'US', city: 'Oakland' });
    await publish(ctx.deps, id, {
      name: 'Care Workers Association',
      type: 'association',
      country: 'US',
      city: 'Boston',
    });
    await publish(ctx.deps, id, { name: 'Syndicat Santé', type: 'union', country: 'FR', city: 'Paris' });
    await publish(ctx.deps, id, {
      name: '100%_Percent Union',
      type: 'other',
      country: 'FR',
      city: 'Lille',
    });

    const form = section(await page(`/s/${slug}`));
    expect(form).toMatch(new RegExp(`<form method="get" action="/s/${slug}#signatory-list"`));
    expect(form).toContain('<label for="sig-q">Name or city</label>');

    const byName = section(await page(`/s/${slug}?q=nurses`));
    expect(byName).toContain('Nurses United');
    expect(byName).not.toContain('Syndicat Santé');
    expect(byName).toContain('value="nurses"');
    const byCity = section(await page(`/s/${slug}?q=BOSTON`));
    expect(byCity).toContain('Care Workers Association');
    expect(byCity).not.toContain('Nurses United');
    const literal = section(await page(`/s/${slug}?q=${encodeURIComponent('%_')}`));
    expect(literal).toContain('100%_Percent Union');
    expect(literal).not.toContain('Nurses United');

    const fr = section(await page(`/s/${slug}?country=FR`));
    expect(fr).toContain('Syndicat Santé');
    expect(fr).not.toContain('Nurses United');
    expect(fr).toContain('<option value="FR" selected="">');
    const unions = section(await page(`/s/${slug}?type=union&country=US`));
    expect(unions).toContain('Nurses United');
    expect(unions).not.toContain('Care Workers Association');
    expect(unions).not.toContain('Syndicat Santé');
    // A filtered page is not live-updated by the script (it would insert non-matching organisations).
    expect(unions).not.toContain('data-live-list');

    const none = section(await page(`/s/${slug}?q=zzzz-nothing`));
    expect(none).toContain('No results for this search.');
    expect(none).not.toContain('Be the first');

    // Nonsense in the URL is ignored, not an error.
    const junk = section(await page(`/s/${slug}?country=<x>&type=robot&page=-3&q=${'x'.repeat(500)}`));
    expect(junk).toContain('No results for this search.');
    expect((await get(`/s/${slug}?country=<x>&type=robot&page=abc`)).status).toBe(200);
  });

  it('renders and paginates 10,000 organisations: every one is reachable', async () => {
    const { id, slug } = await ctx.statement();
    await sql`
      insert into organisations (normalised_name, country, name)
      select 'bulk org ' || lpad(g::text, 5, '0'), (array['FR', 'DE', 'GB'])[1 + g % 3], 'Bulk Org ' || lpad(g::text, 5, '0')
        from generate_series(1, 10000) g`.execute(ctx.deps.db);
    await transact(ctx.deps, async (trx, announce) => {
      await sql`
      insert into endorsements (statement_id, organisation_id, display_name, org_type, country, city, members,
                                contact_name, email, email_normalised, locale, status, confirmed_at, verified_at, published_at)
      select ${id}, o.id, o.name, 'union', o.country, 'Town', 10, 'Bulk Contact', 'bulk' || o.id || '@bulk.example',
             'bulk' || o.id || '@bulk.example', 'en', 'verified', now(), now(), now() - (o.id || ' seconds')::interval
        from organisations o where o.normalised_name like 'bulk org %'`.execute(trx);
      // Announced as the app's own write paths do, so every cached count and page is dropped.
      await announce({ kind: 'changed', statementId: id });
    });

    const first = section(await page(`/s/${slug}`));
    expect(first).toContain('<strong data-count="total">10,000</strong>');
    expect(textOf(first)).toContain('Organisations 1 to 100 of 10,000');
    expect(first.match(/<li data-id=/g)).toHaveLength(100);
    // en: France, Germany, United Kingdom. The first French one is Bulk Org 00003.
    expect(first).toContain('Bulk Org 00003');
    expect(first).toContain(`href="/s/${slug}?page=100#signatory-list"`);
    expect(first).toContain('Page 1 of 100');

    const last = section(await page(`/s/${slug}?page=100`));
    expect(textOf(last)).toContain('Organisations 9,901 to 10,000 of 10,000');
    expect(last.match(/<li data-id=/g)).toHaveLength(100);
    expect(last).toContain('Bulk Org 09998'); // the last British one, the last of all
    expect(last).toContain('United Kingdom');
    expect(last).toContain(`href="/s/${slug}?page=99#signatory-list"`);
    expect(last).not.toContain('rel="next"');
    // Past the end: the last page, not an error.
    expect(section(await page(`/s/${slug}?page=4000`))).toContain('Bulk Org 09998');
    // Filters keep their query in the page links.
    const de = section(await page(`/s/${slug}?country=DE&page=2`));
    expect(de).toContain(`href="/s/${slug}?country=DE&amp;page=3#signatory-list"`);

    // The API reaches every one too, 500 at a time.
    const seen = new Set<number>();
    let cursor: string | null = null;
    do {
      const res: Response = await get(
        `/api/statements/${slug}/signatories?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = (await res.json()) as { items: Array<{ id: number }>; nextCursor: string | null };
      for (const item of body.items) {
        seen.add(item.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(10_000);

    const csv = await (await get(`/s/${slug}/signatories.csv`)).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(10_001);
    const print = await page(`/s/${slug}/print`);
    expect(print.match(/<li><span class="name">Bulk Org/g)?.length).toBe(10_000);
  });

  it('the print page has the statement and every signatory, grouped by country and type', async () => {
    const { id, slug } = await ctx.statement({ title: 'Print me', body: 'The **text** we deliver.' });
    await publish(ctx.deps, id, { name: 'Alpha Union', country: 'SE', type: 'union', city: 'Malmö' });
    await publish(ctx.deps, id, { name: 'Beta Federation', country: 'SE', type: 'federation' });
    await publish(ctx.deps, id, { name: 'Gamma Association', country: 'NO', type: 'association' });
    const html = await page(`/s/${slug}/print`);
    expect(html).toContain('<h1>Print me</h1>');
    expect(html).toContain('<strong>text</strong>');
    expect(html).toContain('<title>Signatories: Print me · Undersigned</title>');
    const text = textOf(html);
    expect(text).toContain('3 organisations · 2 countries · 3,000 members represented');
    // Norway before Sweden; within Sweden, unions before federations (the order of types).
    expect(text.indexOf('Norway')).toBeLessThan(text.indexOf('Sweden'));
    expect(text.indexOf('Alpha Union')).toBeLessThan(text.indexOf('Beta Federation'));
    expect(text).toContain('Union (1) Alpha Union · Malmö');
    expect(html).toContain('Federation or confederation (1)');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cumulative } from '../../src/pictures/growth.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const text = async (path: string) => {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** The words and numbers drawn in an SVG, in document order. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/\u200f/g, ''));

describe('cumulative public signatories per UTC day', () => {
  it('keeps the previous total on quiet days and runs to today', () => {
    expect(
      cumulative(
        [
          { day: '2026-01-10', n: 1 },
          { day: '2026-01-11', n: 2 },
          { day: '2026-01-13', n: 1 },
        ],
        '2026-01-15',
      ),
    ).toEqual([
      { day: '2026-01-10', total: 1 },
      { day: '2026-01-11', total: 3 },
      { day: '2026-01-12', total: 3 },
      { day: '2026-01-13', total: 4 },
      { day: '2026-01-14', total: 4 },
      { day: '2026-01-15', total: 4 },
    ]);
    expect(cumulative([], '2026-01-15')).toEqual([]);
    // A clock behind the data (another process's clock) never cuts the line short.
    expect(cumulative([{ day: '2026-02-01', n: 2 }], '2026-01-15')).toEqual([
      { day: '2026-02-01', total: 2 },
    ]);
  });

  it('growth.svg counts only endorsements public now, by UTC day, with its first and last values written on the line', async () => {
    const { id, slug } = await ctx.statement();
    const at = (iso: string) => ({
      status: 'verified' as const,
      at: new Date(iso),
      publishedAt: new Date(iso),
    });
    // 23:30 and 00:30 UTC are two days, whatever the server's time zone.
    await insertEndorsement(ctx.deps.db, id, { name: 'A', ...at('2026-01-10T23:30:00Z') });
    await insertEndorsement(ctx.deps.db, id, { name: 'B', ...at('2026-01-11T00:30:00Z') });
    await insertEndorsement(ctx.deps.db, id, { name: 'C', ...at('2026-01-11T12:00:00Z') });
    await insertEndorsement(ctx.deps.db, id, { name: 'D', ...at('2026-01-13T09:00:00Z') });
    // Public once, withdrawn since: not on the line, like not on the list.
    await insertEndorsement(ctx.deps.db, id, {
      name: 'E',
      ...at('2026-01-12T09:00:00Z'),
      status: 'withdrawn',
    });
    await insertEndorsement(ctx.deps.db, id, {
      name: 'F',
      status: 'pending',
      at: new Date('2026-01-12T09:00:00Z'),
    });

    const svg = await text(`/s/${slug}/growth.svg`);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toContain(
      'aria-label="Signatory organisations in total: 1 on Jan 10, 2026, 4 on Jan 15, 2026"',
    );
    const words = texts(svg);
    expect(words).toContain('Signatory organisations, in total');
    expect(words).toContain('1');
    expect(words).toContain('4');
    expect(words).toContain('Jan 10, 2026');
    expect(words).toContain('Jan 15, 2026');
    // One point per day, 10 to 15 January (the fake clock's today).
    const line = /<path d="M([^"]+)" fill="none"/.exec(svg)?.[1] ?? '';
    expect(line.split('L')).toHaveLength(6);

    const fr = texts(await text(`/s/${slug}/growth.svg?lang=fr`));
    expect(fr).toContain('10 janv. 2026');
    expect(fr).toContain('Organisations signataires, au total');
    const ar = await text(`/s/${slug}/growth.svg?lang=ar`);
    expect(texts(ar)).toContain('مجموع المنظمات الموقِّعة');
  });

  it('a statement nobody has signed says so', async () => {
    const { slug } = await ctx.statement();
    const svg = await text(`/s/${slug}/growth.svg`);
    expect(texts(svg)).toEqual(['No organisation has endorsed yet. Be the first.']);
  });
});

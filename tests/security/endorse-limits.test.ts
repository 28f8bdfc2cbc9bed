import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { connectDatabase } from '../../src/db/connect.js';
import { silentLog } from '../../src/log.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { onPostgres } from '../support/test-db.js';
import { endorse, validForm } from '../endorsements/support.js';

let ctx: TestContext;
let slug: string;
let statementId: number;
beforeAll(async () => {
  ctx = await createTestContext({
    config: {
      trustProxy: true,
      rateLimits: {
        endorsePerIp: { limit: 3, windowSeconds: 600 },
        endorsePerEmail: { limit: 2, windowSeconds: 3600 },
        endorsePerStatement: { limit: 1000, windowSeconds: 60 },
      },
    },
  });
  ({ slug, id: statementId } = await ctx.statement());
});
afterAll(() => ctx.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const form = (i: number) =>
  validForm({ email: `person${i}@union${i}.example.org`, org_name: `Union number ${i}` });

describe('rate limits on the endorsement form', () => {
  it('answer 429 openly, with Retry-After and a page in the form’s language, once an address has sent too many', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await endorse(ctx, slug, form(i), from('198.51.100.1'))).status).toBe(303);
    }
    const limited = await endorse(ctx, slug, { ...form(3), locale: 'fr' }, from('198.51.100.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(html).toContain('<h1>Trop de tentatives</h1>');
    expect(html).toMatch(/patienter \d+ minutes/);
    // Nothing was stored for the refused request.
    const rows = await ctx.deps.db
      .selectFrom('endorsements')
      .select('email')
      .where('statement_id', '=', statementId)
      .execute();
    expect(rows.map((r) => r.email)).not.toContain('person3@union3.example.org');
    // Another address is not affected.
    expect((await endorse(ctx, slug, form(4), from('198.51.100.2'))).status).toBe(303);
  });

  it('limit repeated submissions for one email address, whoever sends them', async () => {
    const same = validForm({ email: 'repeat@union.example.org', org_name: 'Repeat Union' });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await endorse(ctx, slug, same, from(`203.0.113.${i + 10}`))).status);
    }
    expect(statuses).toEqual([303, 303, 429]);
  });

  it('ignore X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const strict = await createTestContext({
      config: {
        trustProxy: false,
        rateLimits: { ...ctx.deps.config.rateLimits, endorsePerIp: { limit: 1, windowSeconds: 600 } },
      },
    });
    try {
      const { slug: s } = await strict.statement();
      // Each forged header would be a "new address"; without a trusted proxy they are all ignored.
      for (let i = 0; i < 3; i++) {
        expect((await endorse(strict, s, form(100 + i), from(`192.0.2.${i}`))).status).toBe(303);
      }
      const keys = await strict.deps.db.selectFrom('rate_limits').select('key').execute();
      expect(keys.some((k) => k.key.startsWith('endorse-ip:'))).toBe(false);
    } finally {
      await strict.close();
    }
  });

  it.runIf(onPostgres)('hold across two app instances on one database', async () => {
    const other = await connectDatabase({ url: ctx.database.url, dataDir: '.', log: silentLog });
    try {
      const second = createApp({ ...ctx.deps, db: other.db });
      const post = (app: { request: typeof ctx.app.request }, i: number) =>
        app.request(`/s/${slug}/endorse`, {
          method: 'POST',
          body: new URLSearchParams(form(200 + i) as Record<string, string>).toString(),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'http://localhost:3000',
            ...from('198.51.100.77'),
          },
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await post(i % 2 ? second : ctx.app, i)).status);
      }
      expect(statuses).toEqual([303, 303, 303, 429]);
    } finally {
      await other.close();
    }
  });
});

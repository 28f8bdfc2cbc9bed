import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Log } from '../../src/log.js';
import { validForm } from '../endorsements/support.js';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/** What a broken database driver might say: internals that must never reach a visitor. */
const SECRET_DETAIL =
  'relation "statements" is on fire at /srv/undersigned/secret-path.ts:42 password=hunter2';

/**
 * Fails every query that touches the statements or endorsements tables, the way a broken database
 * would (the endorse POST reads its statement from the per-process cache, then writes an endorsement).
 */
const failStatements: KyselyPlugin = {
  transformQuery(args) {
    const node = JSON.stringify(args.node);
    if (node.includes('"statements"') || node.includes('"endorsements"')) {
      throw new Error(SECRET_DETAIL);
    }
    return args.node;
  },
  transformResult: async (args) => args.result,
};

let ctx: TestContext;
let slug: string;
const logged: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
const capture: Log = {
  debug: () => {},
  info: () => {},
  warn: (msg, fields) => logged.push({ level: 'warn', msg, fields }),
  error: (msg, fields) => logged.push({ level: 'error', msg, fields }),
};

beforeAll(async () => {
  ctx = await createTestContext();
  slug = (await ctx.statement()).slug;
});
afterAll(() => ctx.close());

describe('internal errors', () => {
  it('answer a plain 500 page with a reference, no stack or error text, and log the error under that reference', async () => {
    const app = createApp({ ...ctx.deps, db: ctx.deps.db.withPlugin(failStatements), log: capture });
    const requests: Array<[string, () => Promise<Response>]> = [
      ['GET /', async () => app.request('/?lang=fr')],
      ['GET /api/statements', async () => app.request('/api/statements')],
      ['POST endorse', async () => postForm(app, `/s/${slug}/endorse`, validForm())],
    ];
    for (const [name, send] of requests) {
      logged.length = 0;
      const res = await send();
      expect(res.status, name).toBe(500);
      const id = res.headers.get('x-request-id');
      expect(id, name).toMatch(/^[\w-]{8,}$/);
      const body = await res.text();
      expect(body, name).toContain(`${id}`);
      for (const leak of ['on fire', 'secret-path', 'hunter2', 'Error:', '    at ', '.ts:']) {
        expect(body, `${name} leaks ${leak}`).not.toContain(leak);
      }
      // The strict headers hold on error pages too.
      expect(res.headers.get('content-security-policy'), name).toContain("frame-ancestors 'none'");
      const entry = logged.find((l) => l.level === 'error');
      expect(entry, name).toBeDefined();
      expect(entry!.fields?.requestId, name).toBe(id);
      expect(String(entry!.fields?.error), name).toContain('on fire');
    }
    // In the reader's language.
    expect(await (await app.request('/?lang=fr')).text()).toContain('Référence');
  });
});

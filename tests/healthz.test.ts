import { describe, expect, it } from 'vitest';
import { createTestContext } from './support/test-app.js';

describe('GET /healthz', () => {
  it('is 200 {"ok":true} while the database answers, 503 once it does not', async () => {
    const ctx = await createTestContext();
    const up = await ctx.app.request('/healthz');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true });
    await ctx.close();
    const down = await ctx.app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, error: 'database unavailable' });
  });
});

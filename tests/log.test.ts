import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createLog } from '../src/log.js';
import { createTestContext } from './support/test-app.js';

describe('the log', () => {
  it('is one readable line per entry by default', () => {
    const lines: string[] = [];
    const log = createLog('info', (l) => lines.push(l));
    log.debug('not shown');
    log.info('database: migrations applied', { applied: ['0008_operations.sql'] });
    log.error('plain');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}database: migrations applied \{"applied":\["0008_operations.sql"\]\}$/,
    );
    expect(lines[1]).toMatch(/Z ERROR plain$/);
  });

  it('with LOG_FORMAT=json, is one JSON object per line: time, level, msg, then the fields', () => {
    const lines: string[] = [];
    const log = createLog('info', (l) => lines.push(l), 'json');
    log.debug('not shown');
    log.info('mail: sent', { id: 7, requestId: 'abc' });
    log.warn('multi\nline "quoted"');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('\n');
    }
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({
      level: 'info',
      msg: 'mail: sent',
      id: 7,
      requestId: 'abc',
      pid: process.pid,
    });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'multi\nline "quoted"' });
  });

  it('with LOG_FORMAT=json, a failed request is logged with the request id the client was given', async () => {
    const ctx = await createTestContext();
    try {
      const lines: string[] = [];
      const log = createLog('info', (l) => lines.push(l), 'json');
      // A database that fails every query: the page answers 500 and the error is logged.
      const broken: KyselyPlugin = {
        transformQuery: () => {
          throw new Error('database on fire');
        },
        transformResult: async (args) => args.result,
      };
      const app = createApp({ ...ctx.deps, db: ctx.deps.db.withPlugin(broken), log });
      const res = await app.request('/api/statements');
      expect(res.status).toBe(500);
      const id = res.headers.get('x-request-id');
      expect(id).toBeTruthy();
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: 'request failed',
          requestId: id,
          path: '/api/statements',
        }),
      );
    } finally {
      await ctx.close();
    }
  });
});

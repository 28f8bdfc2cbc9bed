import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createFastPath, type FastPath } from '../../src/http/fast-path.js';
import { hostAllowed } from '../../src/http/host-check.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// The pre-rendered fast path (src/http/fast-path.ts) must answer exactly what the general chain
// answers: same status, same headers (but the per-request id and date), same bytes.
let ctx: TestContext;
let fast: FastPath;
let fastServer: Server;
let slowServer: Server;
let fastPort: number;
let slowPort: number;
const slug = 'fast-and-slow';

const listen = (s: Server) =>
  new Promise<number>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)),
  );

beforeAll(async () => {
  ctx = await createTestContext();
  const st = await ctx.statement({ slug, title: 'Fast and slow' });
  await ctx.statement({ slug, locale: 'fr', title: 'Rapide et lent' });
  await insertEndorsement(ctx.deps, st.id, { name: 'Fast Union', country: 'FR' });
  fast = createFastPath({
    generation: () => ctx.deps.live.generation(),
    now: () => Date.now(),
    hostAllowed: (host) => hostAllowed(ctx.deps.config, host),
  });
  fastServer = createServer(fast.wrap(getRequestListener(createApp(ctx.deps, { fastPath: fast }).fetch)));
  const slowListener = getRequestListener(createApp(ctx.deps).fetch);
  slowServer = createServer((req, res) => void slowListener(req, res));
  [fastPort, slowPort] = [await listen(fastServer), await listen(slowServer)];
});
afterAll(async () => {
  await new Promise((r) => fastServer.close(r));
  await new Promise((r) => slowServer.close(r));
  await ctx.close();
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that differ per request in either path. */
const comparable = (h: IncomingHttpHeaders) => {
  const { date: _d, 'x-request-id': _r, ...rest } = h;
  return rest;
};

const BROWSER = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en-GB,en;q=0.9' };
const ROUTES: Array<[string, Record<string, string>]> = [
  [`/api/statements/${slug}`, {}],
  [`/api/statements/${slug}?lang=fr`, { origin: 'https://elsewhere.example' }],
  ['/api/statements', {}],
  [`/api/statements/${slug}/signatories`, {}],
  [`/s/${slug}?lang=en`, BROWSER],
  [`/s/${slug}?lang=en`, { 'accept-encoding': 'identity' }],
  [`/s/${slug}?lang=fr`, BROWSER],
  [`/s/${slug}`, BROWSER],
  [`/s/${slug}`, { 'accept-language': 'fr', cookie: 'lang=de' }],
  [`/s/${slug}/embed?lang=fr`, {}],
  [`/s/${slug}/badge.svg`, BROWSER],
  [`/s/${slug}/signatories.csv`, {}],
  [`/s/${slug}/map.svg?lang=en`, BROWSER],
  [`/s/${slug}/og.png?lang=en`, {}],
];

describe('pre-rendered public answers', () => {
  it.each(ROUTES)('%s (%j): the fast answer is the slow one, header by header', async (path, headers) => {
    const slow = await get(slowPort, path, headers);
    expect(slow.status).toBe(200);
    await get(fastPort, path, headers); // recorded by the general chain
    const hitsBefore = fast.stats().hits;
    const answer = await get(fastPort, path, headers);
    expect(fast.stats().hits, 'answered from the snapshot').toBe(hitsBefore + 1);
    expect(answer.status).toBe(200);
    expect(comparable(answer.headers)).toEqual(comparable(slow.headers));
    expect(answer.headers['x-request-id']).toMatch(/^[\w-]+$/);
    expect(answer.body.equals(slow.body)).toBe(true);

    // HEAD: the GET headers, no body.
    const [slowHead, fastHead] = [
      await get(slowPort, path, headers, 'HEAD'),
      await get(fastPort, path, headers, 'HEAD'),
    ];
    expect(fastHead.status).toBe(200);
    expect(comparable(fastHead.headers)).toEqual(comparable(slowHead.headers));
    expect(fastHead.body.length).toBe(0);

    // If-None-Match → 304, also from the snapshot once the chain has answered one.
    const cond = { ...headers, 'if-none-match': String(slow.headers.etag) };
    const slow304 = await get(slowPort, path, cond);
    expect(slow304.status).toBe(304);
    await get(fastPort, path, cond);
    const hits304 = fast.stats().hits;
    const fast304 = await get(fastPort, path, cond);
    expect(fast.stats().hits).toBe(hits304 + 1);
    expect(fast304.status).toBe(304);
    expect(comparable(fast304.headers)).toEqual(comparable(slow304.headers));
  });

  it('keeps the request id a client sends, like the general chain', async () => {
    const path = `/api/statements/${slug}`;
    await get(fastPort, path, {});
    const a = await get(fastPort, path, { 'x-request-id': 'trace-42' });
    expect(a.headers['x-request-id']).toBe('trace-42');
    const b = await get(fastPort, path, { 'x-request-id': 'bad id!' });
    expect(b.headers['x-request-id']).not.toBe('bad id!');
  });

  it('refuses a Host the server does not answer for, even for a kept answer', async () => {
    const path = `/api/statements/${slug}`;
    await get(fastPort, path, {});
    const res = await get(fastPort, path, { host: 'evil.example' });
    expect(res.status).toBe(421);
  });

  it('shows a newly published signatory on the next request', async () => {
    const path = `/api/statements/${slug}`;
    await get(fastPort, path, {});
    const before = JSON.parse((await get(fastPort, path, {})).body.toString()) as { total: number };
    const st = await ctx.deps.live.statement(slug);
    await insertEndorsement(ctx.deps, st!.id, { name: 'Later Union', country: 'DE' });
    const after = JSON.parse((await get(fastPort, path, {})).body.toString()) as { total: number };
    expect(after.total).toBe(before.total + 1);
  });
});

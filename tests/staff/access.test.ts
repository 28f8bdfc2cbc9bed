import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone } from '../../src/milestones/milestones.js';
import { ROUTES, requiredAccess, type RouteKey } from '../../src/staff/access.js';
import { createUpdate } from '../../src/updates/updates.js';
import { staffRoutes } from '../../src/staff/routes.js';
import { insertEndorsement } from '../support/fixtures.js';
import { postForm } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { Agent, addStaff, signedIn } from './helpers.js';

type Who = 'none' | 'verifier' | 'admin';
type Expect = Record<Who, number>;

let ctx: TestContext;
let statementId: number;
let otherStaffId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  statementId = (await ctx.statement()).id;
  otherStaffId = (await addStaff(ctx, 'verifier')).id;
});
afterAll(() => ctx.close());

const confirmed = () => insertEndorsement(ctx.deps, statementId, { status: 'confirmed' });
const cli = { id: null, name: 'test' };
const draftUpdate = () =>
  createUpdate(ctx.deps, new Date(), cli, statementId, {
    audience: 'opted_in',
    texts: { en: { subject: 'News', body: 'Body' } },
  });
const milestone = () =>
  addMilestone(ctx.deps, new Date(), cli, statementId, { date: '2026-12-01', texts: { en: 'Delivered' } });

/**
 * EVERY /admin route × (no session, verifier, admin) → the status each gets. POSTs carry a valid
 * _csrf and a minimal (often empty, hence 422) form. A route added to the app without a row here
 * fails the first test below.
 */
const TABLE: Record<RouteKey, { path: () => string | Promise<string>; expect: Expect }> = {
  'GET /login': { path: () => '/admin/login', expect: { none: 200, verifier: 303, admin: 303 } },
  'POST /login': { path: () => '/admin/login', expect: { none: 422, verifier: 422, admin: 422 } },
  'GET /setup': { path: () => '/admin/setup?token=x', expect: { none: 410, verifier: 410, admin: 410 } },
  'POST /setup': { path: () => '/admin/setup', expect: { none: 410, verifier: 410, admin: 410 } },
  'GET /forgot': { path: () => '/admin/forgot', expect: { none: 200, verifier: 200, admin: 200 } },
  'POST /forgot': { path: () => '/admin/forgot', expect: { none: 422, verifier: 422, admin: 422 } },
  'GET /password-link': {
    path: () => '/admin/password-link?token=x',
    expect: { none: 410, verifier: 410, admin: 410 },
  },
  'POST /password-link': {
    path: () => '/admin/password-link',
    expect: { none: 410, verifier: 410, admin: 410 },
  },
  'GET /account': { path: () => '/admin/account', expect: { none: 303, verifier: 200, admin: 200 } },
  'POST /account': { path: () => '/admin/account', expect: { none: 303, verifier: 422, admin: 422 } },
  'POST /account/digest': {
    path: () => '/admin/account/digest',
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'POST /logout': { path: () => '/admin/logout', expect: { none: 303, verifier: 303, admin: 303 } },
  'GET /': { path: () => '/admin', expect: { none: 303, verifier: 200, admin: 200 } },
  'GET /statements/:id{[0-9]+}/queue': {
    path: () => `/admin/statements/${statementId}/queue`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/queue/verify': {
    path: () => `/admin/statements/${statementId}/queue/verify`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'GET /statements/:id{[0-9]+}/endorsements': {
    path: () => `/admin/statements/${statementId}/endorsements?status=rejected`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /endorsements/:id{[0-9]+}/verify': {
    path: async () => `/admin/endorsements/${await confirmed()}/verify`,
    expect: { none: 303, verifier: 303, admin: 303 },
  },
  'POST /endorsements/:id{[0-9]+}/reject': {
    path: async () => `/admin/endorsements/${await confirmed()}/reject`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'POST /endorsements/:id{[0-9]+}/correct': {
    path: async () => `/admin/endorsements/${await confirmed()}/correct`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'POST /endorsements/:id{[0-9]+}/note': {
    path: async () => `/admin/endorsements/${await confirmed()}/note`,
    expect: { none: 303, verifier: 303, admin: 303 },
  },
  // The combined queue, undo, later reversal, "resend the link".
  'GET /queue': {
    path: () => `/admin/queue?q=union&country=FR&dup=1`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /queue/verify': {
    path: () => '/admin/queue/verify',
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'POST /queue/undo': { path: () => '/admin/queue/undo', expect: { none: 303, verifier: 422, admin: 422 } },
  'POST /endorsements/:id{[0-9]+}/reopen': {
    path: async () =>
      `/admin/endorsements/${await insertEndorsement(ctx.deps, statementId, { status: 'verified' })}/reopen`,
    expect: { none: 303, verifier: 303, admin: 303 },
  },
  'POST /endorsements/:id{[0-9]+}/unlist': {
    path: async () =>
      `/admin/endorsements/${await insertEndorsement(ctx.deps, statementId, { status: 'verified' })}/unlist`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'POST /endorsements/:id{[0-9]+}/resend': {
    path: async () =>
      `/admin/endorsements/${await insertEndorsement(ctx.deps, statementId, { status: 'pending' })}/resend`,
    expect: { none: 303, verifier: 303, admin: 303 },
  },
  // Launch: embargo date and "Launch now" (admins); initiators, entering and importing (verifiers).
  'POST /statements/:id{[0-9]+}/launch-at': {
    path: () => `/admin/statements/${statementId}/launch-at`,
    expect: { none: 303, verifier: 403, admin: 303 },
  },
  'POST /statements/:id{[0-9]+}/launch': {
    path: () => `/admin/statements/${statementId}/launch`,
    expect: { none: 303, verifier: 403, admin: 409 },
  },
  'POST /endorsements/:id{[0-9]+}/initiator': {
    path: async () => `/admin/endorsements/${await confirmed()}/initiator`,
    expect: { none: 303, verifier: 303, admin: 303 },
  },
  'GET /statements/:id{[0-9]+}/add': {
    path: () => `/admin/statements/${statementId}/add`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/add': {
    path: () => `/admin/statements/${statementId}/add`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  'GET /statements/:id{[0-9]+}/import': {
    path: () => `/admin/statements/${statementId}/import`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/import': {
    path: () => `/admin/statements/${statementId}/import`,
    expect: { none: 303, verifier: 422, admin: 422 },
  },
  // No substantive change yet: the page says so; the deadline and the removal are refused (409).
  'GET /statements/:id{[0-9]+}/amendment': {
    path: () => `/admin/statements/${statementId}/amendment`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/amendment/deadline': {
    path: () => `/admin/statements/${statementId}/amendment/deadline`,
    expect: { none: 303, verifier: 403, admin: 409 },
  },
  'POST /statements/:id{[0-9]+}/amendment/remove': {
    path: () => `/admin/statements/${statementId}/amendment/remove`,
    expect: { none: 303, verifier: 403, admin: 409 },
  },
  'GET /statements/new': {
    path: () => '/admin/statements/new',
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /statements/new': {
    path: () => '/admin/statements/new',
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /statements/:id{[0-9]+}': {
    path: () => `/admin/statements/${statementId}`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}': {
    path: () => `/admin/statements/${statementId}`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}': {
    path: () => `/admin/statements/${statementId}/texts/fr`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/texts/:locale{[a-z][a-z]}': {
    path: () => `/admin/statements/${statementId}/texts/fr`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /statements/:id{[0-9]+}/preview': {
    path: () => `/admin/statements/${statementId}/preview`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'GET /statements/:id{[0-9]+}/endorsements.csv': {
    path: () => `/admin/statements/${statementId}/endorsements.csv`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'GET /audit.csv': { path: () => '/admin/audit.csv', expect: { none: 303, verifier: 403, admin: 200 } },
  // The test statement is open already: opening it again leads to its "Now live" panel.
  'GET /statements/:id{[0-9]+}/open': {
    path: () => `/admin/statements/${statementId}/open`,
    expect: { none: 303, verifier: 403, admin: 303 },
  },
  'POST /statements/:id{[0-9]+}/open': {
    path: () => `/admin/statements/${statementId}/open`,
    expect: { none: 303, verifier: 403, admin: 303 },
  },
  'GET /statements/:id{[0-9]+}/live': {
    path: () => `/admin/statements/${statementId}/live`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'GET /statements/:id{[0-9]+}/qr.svg': {
    path: () => `/admin/statements/${statementId}/qr.svg`,
    expect: { none: 303, verifier: 200, admin: 200 },
  },
  'GET /audit': { path: () => '/admin/audit', expect: { none: 303, verifier: 403, admin: 200 } },
  'GET /privacy': { path: () => '/admin/privacy', expect: { none: 303, verifier: 403, admin: 200 } },
  'POST /privacy/export': {
    path: () => '/admin/privacy/export',
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'POST /privacy/erase': {
    path: () => '/admin/privacy/erase',
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /staff': { path: () => '/admin/staff', expect: { none: 303, verifier: 403, admin: 200 } },
  'POST /staff': { path: () => '/admin/staff', expect: { none: 303, verifier: 403, admin: 422 } },
  'POST /staff/:id{[0-9]+}/disable': {
    path: () => `/admin/staff/${otherStaffId}/disable`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /staff/:id{[0-9]+}/enable': {
    path: () => `/admin/staff/${otherStaffId}/enable`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /staff/:id{[0-9]+}/password': {
    path: () => `/admin/staff/${otherStaffId}/password`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /staff/:id{[0-9]+}/role': {
    path: () => `/admin/staff/${otherStaffId}/role`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  // In memory there is nothing to download: the page says so.
  'GET /backup': { path: () => '/admin/backup', expect: { none: 303, verifier: 403, admin: 200 } },
  'POST /backup': { path: () => '/admin/backup', expect: { none: 303, verifier: 403, admin: 200 } },
  // Updates and milestones: admins. An empty form is a 422; sending to nobody (no one opted in) a 409.
  'GET /statements/:id{[0-9]+}/updates': {
    path: () => `/admin/statements/${statementId}/updates`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /statements/:id{[0-9]+}/updates': {
    path: () => `/admin/statements/${statementId}/updates`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /updates/:id{[0-9]+}': {
    path: async () => `/admin/updates/${await draftUpdate()}`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /updates/:id{[0-9]+}': {
    path: async () => `/admin/updates/${await draftUpdate()}`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'GET /updates/:id{[0-9]+}/progress': {
    path: async () => `/admin/updates/${await draftUpdate()}/progress`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /updates/:id{[0-9]+}/test': {
    path: async () => `/admin/updates/${await draftUpdate()}/test`,
    expect: { none: 303, verifier: 403, admin: 200 },
  },
  'POST /updates/:id{[0-9]+}/send': {
    path: async () => `/admin/updates/${await draftUpdate()}/send`,
    expect: { none: 303, verifier: 403, admin: 409 },
  },
  'POST /statements/:id{[0-9]+}/milestones': {
    path: () => `/admin/statements/${statementId}/milestones`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'POST /milestones/:id{[0-9]+}': {
    path: async () => `/admin/milestones/${await milestone()}`,
    expect: { none: 303, verifier: 403, admin: 422 },
  },
  'POST /milestones/:id{[0-9]+}/delete': {
    path: async () => `/admin/milestones/${await milestone()}/delete`,
    expect: { none: 303, verifier: 403, admin: 303 },
  },
};

async function agentFor(who: Who) {
  if (who === 'none') {
    const agent = new Agent(ctx);
    await agent.page('/admin/login'); // a pre-session token, as a browser on the sign-in page has
    return agent;
  }
  return (await signedIn(ctx, who)).agent;
}

describe('/admin access rules', () => {
  it('every route the staff app registers has a rule in ROUTES and a row in this table', () => {
    const registered = staffRoutes(ctx.deps)
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    expect(registered.length).toBeGreaterThan(20);
    for (const key of registered) {
      expect(Object.keys(ROUTES), `${key} has no access rule`).toContain(key);
      expect(Object.keys(TABLE), `${key} is missing from the access test table`).toContain(key);
    }
    expect(new Set(registered)).toEqual(new Set(Object.keys(ROUTES)));
  });

  it('a request no rule covers needs an admin (deny by default)', async () => {
    expect(requiredAccess('GET', '/something-new')).toBe('admin');
    expect(requiredAccess('DELETE', '/audit')).toBe('admin');
    expect((await new Agent(ctx).get('/admin/something-new')).status).toBe(303);
    const { agent } = await signedIn(ctx, 'verifier');
    expect((await agent.get('/admin/something-new')).status).toBe(403);
  });

  for (const who of ['none', 'verifier', 'admin'] as const) {
    it(`answers every route as expected for ${who === 'none' ? 'no session' : who === 'admin' ? 'an admin' : 'a verifier'}`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [key, row] of Object.entries(TABLE)) {
        const agent = await agentFor(who);
        const path = await row.path();
        const res = key.startsWith('GET ') ? await agent.get(path) : await agent.post(path, {});
        got[key] = res.status;
        want[key] = row.expect[who];
        if (who === 'none' && res.status === 303) {
          expect(res.headers.get('location'), key).toMatch(/^\/admin\/login/);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('a session-less POST with the Origin but no token is refused before anything happens', async () => {
    const res = await postForm(ctx.app, '/admin/login', { email: 'x@example.org', password: 'whatever' });
    expect(res.status).toBe(403);
  });

  it('staff pages are never cached and never indexed', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.get('/admin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('noindex');
  });
});

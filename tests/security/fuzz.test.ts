import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone } from '../../src/milestones/milestones.js';
import { reconfirmTokenFor, tokenFor } from '../../src/endorsements/tokens.js';
import { ROUTES } from '../../src/staff/access.js';
import { createUpdate } from '../../src/updates/updates.js';
import { validForm } from '../endorsements/support.js';
import { insertEndorsement } from '../support/fixtures.js';
import { ORIGIN } from '../support/http.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { addStaff, signedIn, type Agent } from '../staff/helpers.js';

/**
 * Issue 6: at least 10,000 generated hostile requests across every public and /admin route
 * (signed out and signed in with a valid session and CSRF token): random and repeated fields,
 * huge values, unicode with lone surrogates and NUL, broken percent-encodings and bodies, wrong
 * content types, path tricks, random methods. For every one: no 5xx; a refused one (4xx) changes
 * no table; no public answer carries contact data. Afterwards the database invariants hold.
 */

const RUNS = { publicGet: 3000, endorse: 1800, links: 1700, adminOut: 1500, adminIn: 2000 };
const TOTAL = Object.values(RUNS).reduce((a, b) => a + b, 0);

// Contact data planted in the database: it must never appear in an answer to the public.
const CANARY = {
  name: 'Canary Hiddenperson',
  email: 'canary.secret@hidden.example.org',
  comment: 'canary private comment',
};

let ctx: TestContext;
let open: { id: number; slug: string };
let closed: { id: number; slug: string };
let draft: { id: number; slug: string };
const ids: number[] = [];
const talkIds: number[] = [];
let admin: Agent;
let adminCookie = '';
let verifierId = 0;
let sent = 0;
/** The fingerprint after the previous request: nothing else writes between two requests. */
let last: string | undefined;

beforeAll(async () => {
  ctx = await createTestContext({
    config: {
      rateLimits: {
        endorsePerIp: { limit: 1e6, windowSeconds: 60 },
        endorsePerEmail: { limit: 1e6, windowSeconds: 60 },
        endorsePerStatement: { limit: 1e6, windowSeconds: 60 },
      },
    },
  });
  open = await ctx.statement({ slug: 'open-statement' });
  closed = await ctx.statement({ slug: 'closed-statement' });
  draft = await ctx.statement({ slug: 'draft-statement', open: false });
  await ctx.deps.db.updateTable('statements').set({ status: 'closed' }).where('id', '=', closed.id).execute();
  for (const status of ['verified', 'confirmed', 'pending', 'rejected', 'withdrawn'] as const) {
    ids.push(
      await insertEndorsement(ctx.deps, open.id, {
        status,
        contactName: CANARY.name,
        email: CANARY.email,
        comment: CANARY.comment,
        name: `Fuzz ${status} Union`,
      }),
    );
  }
  ids.push(await insertEndorsement(ctx.deps, closed.id, { contactName: CANARY.name, email: CANARY.email }));
  // Updates and milestones (README "Updates to endorsers"): a draft and a milestone for the /admin routes.
  const actor = { id: null, name: 'fuzz' };
  talkIds.push(
    await createUpdate(ctx.deps, ctx.clock.now(), actor, open.id, {
      audience: 'opted_in',
      texts: { en: { subject: 'News', body: 'Body' } },
    }),
    await addMilestone(ctx.deps, ctx.clock.now(), actor, open.id, {
      date: '2026-12-01',
      texts: { en: 'Delivered' },
    }),
  );
  verifierId = (await addStaff(ctx, 'verifier')).id;
  admin = (await signedIn(ctx, 'admin')).agent;
  adminCookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}, 60_000);
afterAll(() => ctx.close());

// ---- Hostile pieces ----------------------------------------------------------------------------

const NASTY = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\u200B',
  '%',
  '%00',
  '%zz',
  '%c0%af',
  '%ed%a0%80',
  '&',
  '=',
  '+',
  ';',
  '"',
  "'",
  '<',
  '>',
  '\\',
  '/',
  '..',
  '\r\n',
  '\t',
  '😀',
  'ﷺ',
  'Ⅻ',
  'ß',
  'İ',
];
const char = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  fc.constantFrom(...NASTY),
  fc.constantFrom('a', 'Z', '0', ' ', '-', '.', '@'),
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: char, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: char, minLength: 1, maxLength: 3 }), fc.integer({ min: 200, max: 20_000 }))
      .map(([s, n]) => s.repeat(n).slice(0, 70_000)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'yes',
      'on',
      'en',
      'fr',
      'ar',
      'xx',
      'FR',
      'ZZ',
      'union',
      'other',
      'x@y.z',
      'a@b',
      '12 000',
      '-1',
      '1e99',
      'NaN',
      'javascript:alert(1)',
      'https://ex.example',
      '<script>alert(1)</script>',
      '{{7*7}}',
      '${7*7}',
      "' or 1=1 --",
    ),
  },
);
const FIELDS = [
  'org_name',
  'org_type',
  'country',
  'city',
  'website',
  'members',
  'contact_name',
  'contact_role',
  'email',
  'authorised',
  'updates',
  'comment',
  'locale',
  'homepage',
  'pow_challenge',
  'pow_nonce',
  'token',
  '_csrf',
  'confirm',
  'status',
  'reason',
  'note',
  'next',
  'password',
  'name',
  'role',
  'slug',
  'title',
  'body',
  'publish_on',
  'ids',
  'id',
  '__proto__',
  'constructor',
];
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: text });
const pairs = fc.array(fc.tuple(key, text), { maxLength: 16 });

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^A-Za-z0-9]/g, '%'); // lone surrogate: send a broken escape instead
  }
};

type Body = { type: string | undefined; body: string | Uint8Array | FormData | undefined };
/** A request body: well-formed urlencoded or multipart, or raw broken bytes under any content type. */
const body = (fields: fc.Arbitrary<Array<[string, string]>>): fc.Arbitrary<Body> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fields.map((p) => ({
        type: 'application/x-www-form-urlencoded',
        body: p.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'),
      })),
    },
    {
      weight: 2,
      arbitrary: fields.map((p) => ({
        type: 'application/x-www-form-urlencoded',
        body: p.map(([k, v]) => `${k}=${v}`).join('&'),
      })),
    },
    {
      weight: 2,
      arbitrary: fields.map((p) => {
        const f = new FormData();
        for (const [k, v] of p) {
          f.append(k, v);
        }
        return { type: undefined, body: f };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'application/json',
            'text/plain',
            'multipart/form-data; boundary=x',
            'multipart/form-data',
            'application/x-www-form-urlencoded; charset=utf-16',
            'text/html',
            'application/octet-stream',
            '*/*',
            ';;;',
          ),
          fc.uint8Array({ maxLength: 300 }),
        )
        .map(([type, b]) => ({ type, body: b })),
    },
    {
      weight: 1,
      arbitrary: fields.map((p) => ({
        type: 'application/json',
        body: JSON.stringify(Object.fromEntries(p)),
      })),
    },
    { weight: 1, arbitrary: fc.constant({ type: undefined, body: undefined }) },
  );

/** A path segment: the real one, or a trick. */
const segment = (real: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..%2f',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        '%00',
        'a%00b',
        '%',
        '%zz',
        '%ff',
        '%c0%ae',
        '.',
        '..',
        '~',
        'A'.repeat(5000),
        'x'.repeat(81),
        'UPPER',
        '-lead',
        'é',
        '%C3%A9',
        '😀',
        '0',
        '-1',
        '1.5',
        '99999999999999999999',
        '1e3',
        '0x10',
        'null',
        'undefined',
        '__proto__',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: char, maxLength: 30 }).map(enc) },
  );

const slug = () => segment([open.slug, closed.slug, draft.slug, 'no-such-statement']);
const token = () => {
  const now = ctx.clock.now();
  const good = ids.flatMap((id) => [
    tokenFor(ctx.deps.secret, id, 'confirm', now),
    tokenFor(ctx.deps.secret, id, 'withdraw', now),
    tokenFor(ctx.deps.secret, id, 'unsubscribe', now),
    reconfirmTokenFor(ctx.deps.secret, id, 1, now),
    reconfirmTokenFor(ctx.deps.secret, id, 2, now),
  ]);
  return fc.oneof(
    segment(good),
    fc.constantFrom(...good).map((t) => t.slice(0, -3) + 'AAA'),
    fc.constantFrom(...good).map((t) => t.split('.')[0]!),
  );
};
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: pairs.map((p) => '?' + p.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?lang=%',
      '?lang=ar&lang=fr',
      '?limit=-1&cursor=%%',
      '?cursor=W10',
      '?limit=99999999999',
      '?resent=1',
      '?next=//evil.example',
      '?token=' + 'x'.repeat(3000),
    ),
  },
);
const method = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'PROPFIND',
);
const headerValue = fc.oneof(
  fc.constant(ORIGIN),
  fc.constant('null'),
  fc.constant('https://evil.example'),
  fc.string({ unit: fc.constantFrom('a', '1', ',', ';', '=', ' ', '*', '-', '/', '.'), maxLength: 60 }),
);

// ---- Sending, with the two checks that apply to every request ----------------------------------

/** Everything that a refused request must not change; rate-limit counters and failed sign-ins are meant to be recorded. */
async function fingerprint(): Promise<string> {
  const r = await sql<{ f: string }>`
    select concat_ws(' | ',
      (select md5(coalesce(string_agg(e::text, ',' order by id), '')) from endorsements e),
      (select md5(coalesce(string_agg(o::text, ',' order by id), '')) from email_outbox o),
      (select count(*) from organisations),
      (select md5(coalesce(string_agg(s::text, ',' order by id), '')) from statements s),
      (select md5(coalesce(string_agg(t::text, ',' order by id), '')) from statement_texts t),
      (select md5(coalesce(string_agg(u::text, ',' order by id), '')) from staff_users u),
      (select md5(coalesce(string_agg(x::text, ',' order by id), '')) from endorser_updates x),
      (select md5(coalesce(string_agg(m::text, ',' order by id), '')) from milestones m),
      (select count(*) from staff_sessions),
      (select count(*) from audit_log where action not in ('staff.login.failed', 'staff.login.throttled'))
    ) as f`.execute(ctx.deps.db);
  return r.rows[0]!.f;
}

interface Req {
  method: string;
  path: string;
  body?: Body;
  headers?: Record<string, string>;
}

async function send(r: Req, opts: { cookie?: string; publicAnswer: boolean }) {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.body?.type) {
    headers['content-type'] = r.body.type;
  }
  if (opts.cookie) {
    headers.cookie = opts.cookie;
  }
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body?.body !== undefined;
  let request: Request;
  try {
    request = new Request(`http://localhost:3000${r.path}`, {
      method: r.method,
      headers,
      body: hasBody ? (r.body!.body as BodyInit) : undefined,
    });
  } catch {
    // The client library itself refuses to build this request (e.g. a header it cannot encode).
    request = new Request(`http://localhost:3000${r.path}`, { method: r.method });
  }
  const before = last ?? (await fingerprint());
  const res = await ctx.app.request(request);
  sent++;
  const contentType = res.headers.get('content-type') ?? '';
  const text = contentType.startsWith('text/event-stream')
    ? (await res.body?.cancel(), '')
    : await res.text();
  const label = `${r.method} ${r.path.slice(0, 200)} → ${res.status}`;
  expect(res.status, label).toBeLessThan(500);
  last = await fingerprint();
  if (res.status >= 400) {
    expect(last, `refused request changed state: ${label}`).toBe(before);
  }
  if (opts.publicAnswer) {
    for (const secret of Object.values(CANARY)) {
      expect(text.includes(secret), `contact data in ${label}`).toBe(false);
    }
  }
  return res;
}

const run = async <T extends [unknown, ...unknown[]]>(prop: fc.IAsyncProperty<T>, numRuns: number) => {
  const t0 = Date.now();
  await fc.assert(prop, { numRuns });
  if (process.env.SHOW_TIMING) {
    console.log(`fuzz: ${numRuns} requests in ${Date.now() - t0} ms`);
  }
};

// ---- Routes ------------------------------------------------------------------------------------

const publicTemplates = (s: string, t: string) => [
  '/',
  '/privacy',
  '/healthz',
  `/s/${s}`,
  `/s/${s}/check-email`,
  `/s/${s}/confirmed`,
  `/s/${s}/withdrawn`,
  `/s/${s}/print`,
  `/s/${s}/embed`,
  `/s/${s}/badge.svg`,
  `/s/${s}/map.svg`,
  `/s/${s}/growth.svg`,
  `/s/${s}/og.png`,
  `/s/${s}/signatories.csv`,
  `/s/${s}/events`,
  '/api/statements',
  `/api/statements/${s}`,
  `/api/statements/${s}/signatories`,
  `/confirm/${t}`,
  `/withdraw/${t}`,
  `/unsubscribe/${t}`,
  `/reconfirm/${t}`,
  `/s/${s}/reconfirmed`,
  `/s/${s}/endorse`,
  `/s/${s}/resend`,
  '/dev/mail',
  `/dev/mail/${s}`,
  `/dev/mail/${s}/html`,
  `/assets/${s}`,
  `/${s}`,
  `/s/${s}/${s}`,
  `/s//${s}`,
  `/S/${s}`,
  `/s/${s}/`,
  `/%2e%2e/${s}`,
  '//evil.example/',
  '/s/..%2f..%2fadmin',
];

describe('fuzz: hostile requests to every route', () => {
  it(`sends ${TOTAL} generated requests; none gets a 5xx, a refused one changes nothing`, async () => {
    // 1. Public routes, any method, path tricks and junk queries.
    await run(
      fc.asyncProperty(slug(), token(), fc.nat(64), query, method, body(pairs), (s, t, i, q, m, b) => {
        const list = publicTemplates(s, t);
        return send({ method: m, path: list[i % list.length]! + q, body: b }, { publicAnswer: true }).then(
          () => undefined,
        );
      }),
      RUNS.publicGet,
    );

    // 2. The endorsement form: random, repeated and huge fields around a valid base, any content type.
    const endorseFields = fc
      .tuple(
        fc.subarray(
          Object.entries(validForm({ email: 'fuzz@union.example.org' })) as Array<[string, string]>,
        ),
        pairs,
      )
      .map(([base, extra]) => [...base, ...extra]);
    await run(
      fc.asyncProperty(
        fc.constantFrom(open.slug, open.slug, closed.slug, draft.slug, 'no-such'),
        body(endorseFields),
        query,
        fc.option(headerValue),
        (s, b, q, origin) =>
          send(
            {
              method: 'POST',
              path: `/s/${s}/endorse${q}`,
              body: b,
              headers: origin === null ? {} : { origin },
            },
            { publicAnswer: true },
          ).then(() => undefined),
      ),
      RUNS.endorse,
    );

    // 3. Resend, confirm, withdraw and one-click unsubscribe: forged, truncated and real tokens,
    //    hostile bodies, with or without an Origin (unsubscribe needs none).
    await run(
      fc.asyncProperty(
        fc.constantFrom('resend', 'confirm', 'withdraw', 'unsubscribe', 'reconfirm'),
        slug(),
        token(),
        body(pairs),
        fc.option(headerValue),
        (kind, s, t, b, origin) => {
          const path = kind === 'resend' ? `/s/${s}/resend` : `/${kind}/${t}`;
          return send(
            { method: 'POST', path, body: b, headers: origin === null ? { origin: ORIGIN } : { origin } },
            { publicAnswer: true },
          ).then(() => undefined);
        },
      ),
      RUNS.links,
    );

    // 4 and 5. Every /admin route, signed out and signed in as an admin (valid session and CSRF token).
    const adminKeys = Object.keys(ROUTES).filter((k) => k !== 'POST /logout');
    const adminPath = (k: string, id: string, loc: string) =>
      `/admin${k
        .split(' ')[1]!
        .replace(/:id\{[^}]+\}/g, id)
        .replace(/:locale\{\[a-z\]\[a-z\]\}/g, loc)}`;
    const ID = fc.oneof(
      fc.constantFrom(...[...ids, ...talkIds, open.id, closed.id, draft.id].map(String)),
      segment(['0', '99999']),
    );
    // Resetting a real password runs a full-cost scrypt: fuzz that route with unknown accounts only.
    const staffId = (k: string, id: string) =>
      k.includes('/staff/:id')
        ? k.endsWith('/password')
          ? '99999'
          : /^\d+$/.test(id)
            ? String(verifierId)
            : id
        : id;
    const adminRequest = (signedInAs: boolean) =>
      fc
        .tuple(
          fc.constantFrom(...adminKeys),
          ID,
          segment(['fr', 'en', 'zz']),
          query,
          fc.boolean(),
          body(pairs),
          fc.boolean(),
        )
        .map(([k, id, loc, q, withCsrf, b, realMethod]) => {
          let bb = b;
          if (withCsrf && b.type === 'application/x-www-form-urlencoded' && typeof b.body === 'string') {
            bb = { ...b, body: `_csrf=${signedInAs ? admin.csrf : 'x'}&${b.body}` };
          }
          if (withCsrf && b.body instanceof FormData) {
            b.body.append('_csrf', signedInAs ? admin.csrf! : 'x');
          }
          return {
            method: realMethod ? k.split(' ')[0]! : 'PUT',
            path: adminPath(k, staffId(k, id), loc) + q,
            body: bb,
            headers: { origin: ORIGIN },
          } satisfies Req;
        });
    await run(
      fc.asyncProperty(adminRequest(false), (r) => send(r, { publicAnswer: true }).then(() => undefined)),
      RUNS.adminOut,
    );
    await run(
      fc.asyncProperty(adminRequest(true), (r) =>
        send(r, { cookie: adminCookie, publicAnswer: false }).then(() => undefined),
      ),
      RUNS.adminIn,
    );

    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 240_000);

  it('leaves the database consistent and the site working', async () => {
    const db = ctx.deps.db;
    const bad = await sql<{ rule: string; n: string }>`
      select 'public row without published_at or wrong state' as rule, count(*) as n from endorsements
        where status = 'verified' and (published_at is null or verified_at is null)
      union all select 'two public endorsements of one organisation', count(*) from (
        select 1 from endorsements where published_at is not null and status in ('confirmed', 'verified')
        group by statement_id, organisation_id having count(*) > 1) d
      union all select 'pending without an address', count(*) from endorsements where status = 'pending' and (email is null or email_normalised is null or published_at is not null)
      union all select 'confirmed without confirmed_at', count(*) from endorsements where status in ('confirmed', 'verified') and confirmed_at is null
      union all select 'erased but still holding an address', count(*) from endorsements where erased_at is not null and (email is not null or contact_name is not null)
      union all select 'endorsement of a draft statement', count(*) from endorsements e join statements s on s.id = e.statement_id where s.status = 'draft'
      union all select 'mail to nobody', count(*) from email_outbox where to_address = ''
    `.execute(db);
    expect(Object.fromEntries(bad.rows.map((r) => [r.rule, Number(r.n)]))).toEqual(
      Object.fromEntries(bad.rows.map((r) => [r.rule, 0])),
    );
    expect((await ctx.app.request('/')).status).toBe(200);
    expect((await ctx.app.request(`/s/${open.slug}`)).status).toBe(200);
    expect((await admin.get('/admin')).status).toBe(200);
  });
});

import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { localeFor, urlLanguage } from '../http/locale.js';
import { PUBLIC_CACHE } from '../http/cached-page.js';
import { publicReadCors } from '../http/public-cors.js';
import { isLocale, type I18n } from '../i18n/i18n.js';
import { listStatements, type StatementWithTexts } from '../statements/queries.js';
import { findPublicStatement } from '../statements/public.js';
import { effectiveStatus } from '../statements/rules.js';
import { pickText } from '../statements/text.js';
import { clientKey } from '../security/client-ip.js';
import { notFoundPage } from '../views/error-page.js';
import { badgeSvg } from './badge.js';
import { signatoriesCsv } from './csv.js';
import type { Connection } from './hub.js';
import { cachedBody, sendCached } from '../http/http-cache.js';
import { listAllByPublication, listAllGrouped, listPublicByCursor, type Cursor } from './signatories.js';
import { createStreamRegistry } from './stream-registry.js';
import { EmbedPage } from './views/embed-page.js';
import { PrintPage } from './views/print-page.js';
import { countryOrder, renderToString } from './views/shared.js';
import { listMilestones, milestonesFor } from '../milestones/milestones.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

const SignatoriesQuery = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500)),
    '100',
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(/^[A-Za-z0-9_-]+$/))),
});

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)$/;

/** A timestamp PostgreSQL will accept: a real calendar day and time, an offset within ±15:59 (no "30 February"). */
function isRealTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) {
    return false;
  }
  const [year, month, day, hour, minute, second, , , offH = '0', offM = '0'] = m
    .slice(1)
    .map((x) => x ?? '0');
  const y = Number(year);
  const d = new Date(Date.UTC(y, Number(month) - 1, Number(day)));
  return (
    y >= 1 &&
    d.getUTCFullYear() === y &&
    d.getUTCMonth() === Number(month) - 1 &&
    d.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    Number(offH) < 16 &&
    Number(offM) < 60
  );
}

const CursorSchema = v.tuple([
  v.pipe(v.string(), v.check(isRealTimestamp)),
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
]);

/** The API's cursor is opaque to clients: base64url of [published_at as PostgreSQL printed it, id]. */
function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.publishedAt, c.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor | undefined {
  try {
    const r = v.safeParse(CursorSchema, JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return r.success ? { publishedAt: r.output[0], id: r.output[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** Public JSON API, CSV, SSE events, embed, badge and print pages. */
export function liveRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const live = deps.live;
  const base = deps.config.publicUrl;
  // One app per process: these are the process's live streams.
  const streams = createStreamRegistry(deps.config.sseLimits);

  // Other sites show the count: any origin may read the public JSON.
  app.use(
    '/api/*',
    publicReadCors({ allowHeaders: ['If-None-Match'], exposeHeaders: ['ETag'], maxAgeSeconds: 86400 }),
  );

  const publicStatement = (slug: string) => findPublicStatement(live, slug);

  const apiError = (c: Context<AppEnv>, status: 400 | 404, message: string) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ error: message }, status);
  };

  /** `?lang=` picks the title's language for API clients; otherwise the authoritative text. */
  const apiLocale = (c: Context<AppEnv>) => {
    const lang = c.req.query('lang');
    return isLocale(lang) || (lang && /^[a-z]{2}$/.test(lang)) ? lang : '';
  };

  app.get('/api/statements', async (c) => {
    const lang = apiLocale(c);
    const cached = await live.cachedGlobal(`api:index:${lang}`, async () => {
      const list = await listStatements(deps.db, lang, ['open', 'closed']);
      const items = await Promise.all(
        // Under embargo: by link only (README "Launching a statement").
        list
          .filter((s) => !s.embargoed)
          .map(async (s) => ({
            slug: s.slug,
            title: s.title,
            status: effectiveStatus(s.status, s.closesAt, deps.clock.now()),
            total: (await live.counts(s.id)).total,
          })),
      );
      return cachedBody(JSON.stringify(items));
    });
    return sendCached(c, cached, { 'Content-Type': JSON_TYPE, 'Cache-Control': PUBLIC_CACHE });
  });

  app.get('/api/statements/:slug', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return apiError(c, 404, c.get('i18n').t('live.api.notFound'));
    }
    const lang = apiLocale(c);
    const cached = await live.cached(st.id, `api:statement:${lang}`, async () => {
      const { text, authoritative } = pickText(st, lang);
      const counts = await live.counts(st.id);
      const milestones = milestonesFor(
        await listMilestones(deps.db, st.id),
        text.locale,
        authoritative.locale,
      );
      return cachedBody(
        JSON.stringify({
          slug: st.slug,
          title: text.title,
          status: effectiveStatus(st.status, st.closes_at, deps.clock.now()),
          locale: text.locale,
          locales: st.texts.map((x) => x.locale),
          closesAt: st.closes_at ? new Date(st.closes_at).toISOString() : null,
          total: counts.total,
          countries: counts.countries,
          members: counts.members,
          byCountry: counts.byCountry,
          byType: counts.byType,
          updatedAt: counts.updatedAt ? counts.updatedAt.toISOString() : null,
          launchAt: st.launch_at ? new Date(st.launch_at).toISOString() : null,
          milestones,
        }),
      );
    });
    return sendCached(c, cached, { 'Content-Type': JSON_TYPE, 'Cache-Control': PUBLIC_CACHE });
  });

  app.get('/api/statements/:slug/signatories', async (c) => {
    const t = c.get('i18n').t;
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return apiError(c, 404, t('live.api.notFound'));
    }
    const q = v.safeParse(SignatoriesQuery, { limit: c.req.query('limit'), cursor: c.req.query('cursor') });
    if (!q.success) {
      const bad = q.issues[0]?.path?.[0]?.key;
      return apiError(c, 400, bad === 'cursor' ? t('live.api.badCursor') : t('live.api.badLimit'));
    }
    const limit = Number(q.output.limit);
    const after = q.output.cursor ? decodeCursor(q.output.cursor) : undefined;
    if (q.output.cursor && !after) {
      return apiError(c, 400, t('live.api.badCursor'));
    }
    const cached = await live.cached(st.id, `api:signatories:${limit}:${q.output.cursor ?? ''}`, async () => {
      const page = await listPublicByCursor(deps.db, st.id, limit, after);
      return cachedBody(
        JSON.stringify({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }),
      );
    });
    return sendCached(c, cached, { 'Content-Type': JSON_TYPE, 'Cache-Control': PUBLIC_CACHE });
  });

  app.get('/s/:slug/signatories.csv', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const cached = await live.cached(st.id, 'csv', async () =>
      cachedBody(signatoriesCsv(await listAllByPublication(deps.db, st.id))),
    );
    return sendCached(c, cached, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${st.slug}-signatories.csv"`,
      'Cache-Control': PUBLIC_CACHE,
    });
  });

  app.get('/s/:slug/events', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    // Each stream holds a socket: bounded per client and per process, so a flood of them cannot
    // take the descriptors that pages and /healthz need (README.md, Security).
    const admission = streams.admit(clientKey(c, deps.secret, deps.config.trustProxy));
    if (!admission.ok) {
      deps.metrics.refused(admission.reason === 'client' ? 'sse-client' : 'sse-process');
      const t = c.get('i18n').t;
      return c.json(
        { error: admission.reason === 'client' ? t('live.events.tooMany') : t('live.events.busy') },
        admission.status,
        {
          'Retry-After': String(admission.retryAfterSeconds),
          'Cache-Control': 'no-store',
          // A refused client keeps no idle socket either.
          Connection: 'close',
        },
      );
    }
    // @hono/node-server hands us the ServerResponse: a client too slow to keep up is cut off there.
    const conn = (c.env as { outgoing?: Connection } | undefined)?.outgoing;
    let stream: ReadableStream<Uint8Array>;
    try {
      stream = await live.events(st.id, c.req.header('last-event-id') ?? undefined, conn, admission.lease);
    } catch (err) {
      admission.lease.release();
      throw err;
    }
    return c.body(stream, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
  });

  app.get('/s/:slug/embed', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = urlLanguage(c, st.default_locale);
    c.set('i18n', i18n);
    const cached = await live.cached(st.id, `embed:${i18n.locale}`, async () => {
      const { text } = pickText(st, i18n.locale);
      const counts = await live.counts(st.id);
      return cachedBody(
        await renderToString(
          <EmbedPage
            i18n={i18n}
            slug={st.slug}
            title={text.title}
            titleLocale={text.locale}
            counts={counts}
            statementUrl={`${base}/s/${st.slug}`}
          />,
        ),
      );
    });
    // This page alone may be framed, by any site; everything else keeps frame-ancestors 'none'.
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        'frame-ancestors *',
      ].join('; '),
    );
    c.header('X-Frame-Options', undefined);
    return sendCached(c, cached, {
      'Content-Type': HTML_TYPE,
      'Cache-Control': PUBLIC_CACHE,
    });
  });

  app.get('/s/:slug/badge.svg', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = urlLanguage(c, st.default_locale);
    const cached = await live.cached(st.id, `badge:${i18n.locale}`, async () => {
      const counts = await live.counts(st.id);
      // The counted phrase without its number, as the badge's label: "signatory organisations | 12".
      const { before, number, after } = i18n.pluralParts('count.signatories', counts.total);
      return cachedBody(badgeSvg(`${before}${after}`.trim(), number));
    });
    return sendCached(c, cached, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': PUBLIC_CACHE,
    });
  });

  app.get('/s/:slug/print', async (c) => {
    const st = await publicStatement(c.req.param('slug'));
    if (!st) {
      return notFoundPage(c);
    }
    const i18n = localeFor(c, st.default_locale);
    c.set('i18n', i18n);
    const html = await live.cached(st.id, `print:${i18n.locale}`, () => renderPrint(i18n, st));
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });

  async function renderPrint(i18n: I18n, st: StatementWithTexts): Promise<string> {
    const { text } = pickText(st, i18n.locale);
    const counts = await live.counts(st.id);
    const items = await listAllGrouped(deps.db, st.id, countryOrder(i18n, Object.keys(counts.byCountry)));
    return renderToString(
      <PrintPage
        i18n={i18n}
        slug={st.slug}
        statementId={st.id}
        text={text}
        counts={counts}
        items={items}
        asOf={deps.clock.now()}
        canonical={`${base}/s/${st.slug}/print`}
      />,
    );
  }

  return app;
}

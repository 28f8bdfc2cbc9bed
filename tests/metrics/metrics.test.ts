import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endorse, startSink, validForm } from '../endorsements/support.js';
import { addStaff, Agent } from '../staff/helpers.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };

/** Prometheus text → { 'name{labels}': value }. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) {
      continue;
    }
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const ctx = await createTestContext();
    try {
      const res = await ctx.app.request('/metrics', { headers: AUTH });
      expect(res.status).toBe(404);
    } finally {
      await ctx.close();
    }
  });

  describe('with METRICS_TOKEN', () => {
    let ctx: TestContext;
    let sink: SmtpSink;
    let queries = 0;
    let statement: { id: number; slug: string };
    beforeAll(async () => {
      sink = await startSink();
      ctx = await createTestContext({
        config: {
          metricsToken: TOKEN,
          smtpUrl: sink.url,
          rateLimits: {
            endorsePerIp: { limit: 1000, windowSeconds: 60 },
            endorsePerEmail: { limit: 1, windowSeconds: 3600 },
            endorsePerStatement: { limit: 1000, windowSeconds: 60 },
          },
        },
        onQuery: () => queries++,
      });
      statement = await ctx.statement();
    });
    afterAll(async () => {
      await ctx.close();
      await sink.stop();
    });

    const scrape = async () => {
      const res = await ctx.app.request('/metrics', { headers: AUTH });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parse(await res.text());
    };

    it('answers 401 to a missing or wrong token, before reading anything', async () => {
      const before = queries;
      const tries: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${TOKEN}x` },
        { authorization: TOKEN },
        { authorization: `Basic ${TOKEN}` },
      ];
      for (const headers of tries) {
        const res = await ctx.app.request('/metrics', { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await res.text()).not.toContain('undersigned_');
      }
      expect(queries).toBe(before);
    });

    it('answers a scraper that reaches the app by an internal address (any Host)', async () => {
      const res = await ctx.app.request('/metrics', { headers: { ...AUTH, host: '10.0.0.7:3000' } });
      expect(res.status).toBe(200);
    });

    it('counts requests by route pattern and status with durations, never by raw path or odd method', async () => {
      await ctx.app.request(`/s/${statement.slug}`);
      await ctx.app.request(`/s/${statement.slug}`);
      await ctx.app.request('/s/no-such-statement');
      for (let i = 0; i < 50; i++) {
        await ctx.app.request(`/junk-${i}/x?y=${i}`, { method: i % 2 ? 'GET' : `M${i}` });
      }
      const m = await scrape();
      const page =
        'undersigned_http_request_duration_seconds_count{method="GET",route="/s/:slug",status="200"}';
      expect(m.get(page)).toBe(2);
      expect(m.get(page.replace('_count{', '_bucket{le="+Inf",'))).toBe(2);
      expect(m.get(page.replace('_count', '_sum'))).toBeGreaterThan(0);
      expect(
        m.get('undersigned_http_request_duration_seconds_count{method="GET",route="/s/:slug",status="404"}'),
      ).toBe(1);
      expect(
        m.get('undersigned_http_request_duration_seconds_count{method="GET",route="/*",status="404"}'),
      ).toBe(25);
      // Unknown methods are refused by the middleware (403: no Origin), all under one label.
      expect(
        m.get('undersigned_http_request_duration_seconds_count{method="OTHER",route="/*",status="403"}'),
      ).toBe(25);
      const series = [...m.keys()].filter((k) =>
        k.startsWith('undersigned_http_request_duration_seconds_count'),
      );
      expect(series.some((k) => k.includes('junk') || k.includes('M1'))).toBe(false);
    });

    it('shows endorsements by status, the outbox, mails sent and refusals by limit', async () => {
      let m = await scrape();
      expect(m.get('undersigned_database_up')).toBe(1);
      expect(m.get('undersigned_endorsements{status="pending"}')).toBe(0);
      expect(m.get('undersigned_outbox_oldest_unsent_seconds')).toBe(0);

      expect((await endorse(ctx, statement.slug, validForm())).status).toBe(303);
      // The same address again within the hour: its limit (1/1h) refuses it.
      expect((await endorse(ctx, statement.slug, validForm())).status).toBe(429);
      ctx.clock.advance(11 * 60_000);
      m = await scrape();
      expect(m.get('undersigned_endorsements{status="pending"}')).toBe(1);
      expect(m.get('undersigned_endorsements{status="verified"}')).toBe(0);
      expect(m.get('undersigned_outbox_mails{status="queued"}')).toBe(1);
      expect(m.get('undersigned_outbox_oldest_unsent_seconds')).toBe(660);
      expect(m.get('undersigned_outbox_oldest_due_seconds')).toBe(660);
      expect(m.get('undersigned_rate_limited_total{limit="endorse-email"}')).toBe(1);
      expect(m.get('undersigned_rate_limited_total{limit="endorse-ip"}')).toBe(0);
      expect(m.get('undersigned_mail_sent_total')).toBe(0);

      expect(await ctx.worker.runOnce()).toBe(1);
      m = await scrape();
      expect(m.get('undersigned_mail_sent_total')).toBe(1);
      expect(m.get('undersigned_mail_failed_total')).toBe(0);
      expect(m.get('undersigned_outbox_mails{status="queued"}')).toBe(0);
      expect(m.get('undersigned_outbox_oldest_unsent_seconds')).toBe(0);
    });

    it('shows the open live streams of the process and its cap', async () => {
      const controller = new AbortController();
      const res = await ctx.app.request(`/s/${statement.slug}/events`, { signal: controller.signal });
      expect(res.status).toBe(200);
      const m = await scrape();
      expect(m.get('undersigned_sse_streams')).toBe(1);
      expect(m.get('undersigned_sse_streams_max')).toBe(ctx.deps.config.sseLimits.max);
      await res.body?.cancel();
      expect(ctx.deps.live.clientCount()).toBe(0);
      expect((await scrape()).get('undersigned_sse_streams')).toBe(0);
    });
  });

  it('counts the live streams refused when the process is full, and sign-ins refused by the throttle', async () => {
    const ctx = await createTestContext({
      config: { metricsToken: TOKEN, sseLimits: { maxPerClient: 16, max: 1, maxAgeSeconds: 1800 } },
    });
    try {
      const { slug } = await ctx.statement();
      const open = await ctx.app.request(`/s/${slug}/events`);
      expect(open.status).toBe(200);
      expect((await ctx.app.request(`/s/${slug}/events`)).status).toBe(503);
      await open.body?.cancel();

      const staff = await addStaff(ctx, 'admin');
      const statuses: number[] = [];
      const agent = new Agent(ctx);
      for (let i = 0; i < 6; i++) {
        statuses.push((await agent.signIn(staff.email, 'wrong password!')).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

      const m = parse(await (await ctx.app.request('/metrics', { headers: AUTH })).text());
      expect(m.get('undersigned_rate_limited_total{limit="sse-process"}')).toBe(1);
      expect(m.get('undersigned_rate_limited_total{limit="staff-sign-in"}')).toBe(1);
    } finally {
      await ctx.close();
    }
  });
});

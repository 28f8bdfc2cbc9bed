import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { AppProcess, importStatement, PgCluster, waitFor } from './harness.js';

/** A public endorsement written straight into the database, announced as the app itself would. */
async function publishDirectly(cluster: PgCluster, slug: string, name: string) {
  await cluster.query(
    `with s as (select id from statements where slug = $1),
          o as (insert into organisations (normalised_name, country, name) values (lower($2), 'DE', $2) returning id),
          e as (insert into endorsements (statement_id, organisation_id, display_name, org_type, country, locale, status, confirmed_at, verified_at, published_at)
                select s.id, o.id, $2, 'union', 'DE', 'en', 'verified', now(), now(), now() from s, o returning id, statement_id)
     select pg_notify('undersigned_live', json_build_object('kind', 'published', 'statementId', e.statement_id, 'endorsementId', e.id)::text) from e`,
    [slug, name],
  );
}

/** DESIGN §8: PostgreSQL restarts under a running app; it recovers by itself and live clients resume. */
describe('database restart', () => {
  let cluster: PgCluster;
  let sink: SmtpSink;
  let app: AppProcess;
  beforeAll(async () => {
    cluster = PgCluster.start();
    const url = await cluster.createDatabase();
    sink = await new SmtpSink().start();
    app = await AppProcess.create({ DATABASE_URL: url, SMTP_URL: sink.url });
    importStatement(app.env, 'restart');
    await app.start();
  });
  afterAll(async () => {
    app?.kill9();
    await app?.exited();
    await sink?.stop();
    cluster?.destroy();
  });

  it('reports the outage, recovers without a restart, resubscribes LISTEN and SSE clients get the next publication', async () => {
    const controller = new AbortController();
    const sse = await fetch(`${app.url}/s/restart/events`, { signal: controller.signal });
    const reader = sse.body!.getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await publishDirectly(cluster, 'restart', 'Before Restart Union');
    await waitFor(() => text.includes('Before Restart Union'), 10_000, () => `first publication not received: ${text}`);

    cluster.stopServer();
    await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 503, 15_000, () => 'healthz did not report the outage');
    cluster.startServer();
    await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 200, 30_000, () => `healthz did not recover:\n${app.output}`);

    // The page serves again from the database.
    const page = await fetch(`${app.url}/s/restart`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Before Restart Union');

    // LISTEN was re-established: a publication after the restart reaches the same SSE client.
    await waitFor(async () => {
      await publishDirectly(cluster, 'restart', `After Restart Union ${Date.now()}`);
      return text.includes('After Restart Union');
    }, 30_000, () => `publication after restart not received:\n${text.slice(-500)}\n${app.output}`, 1000);
    controller.abort();
    await reading;
  });
});

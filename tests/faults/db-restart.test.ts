import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents, startRig, waitFor, type PgCluster, type Rig } from './harness.js';

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

/** PostgreSQL restarts under a running app; it recovers by itself and live clients resume. */
describe('database restart', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig('restart');
  });
  afterAll(() => rig?.stop());

  it('reports the outage, recovers without a restart, resubscribes LISTEN and SSE clients get the next publication', async () => {
    const { app, cluster } = rig;
    const events = await openEvents(`${app.url}/s/restart/events`);
    await publishDirectly(cluster, 'restart', 'Before Restart Union');
    await waitFor(
      () => events.text.includes('Before Restart Union'),
      10_000,
      () => `first publication not received: ${events.text}`,
    );

    cluster.stopServer();
    await waitFor(
      async () => (await fetch(`${app.url}/healthz`)).status === 503,
      15_000,
      () => 'healthz did not report the outage',
    );
    cluster.startServer();
    await waitFor(
      async () => (await fetch(`${app.url}/healthz`)).status === 200,
      30_000,
      () => `healthz did not recover:\n${app.output}`,
    );

    // The page serves again from the database.
    const page = await fetch(`${app.url}/s/restart`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Before Restart Union');

    // LISTEN was re-established: a publication after the restart reaches the same SSE client.
    await waitFor(
      async () => {
        await publishDirectly(cluster, 'restart', `After Restart Union ${Date.now()}`);
        return events.text.includes('After Restart Union');
      },
      30_000,
      () => `publication after restart not received:\n${events.text.slice(-500)}\n${app.output}`,
      1000,
    );
    await events.close();
  });
});

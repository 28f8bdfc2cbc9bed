import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupDownloads } from '../../src/backup/downloads.js';
import { endorse, startSink, validForm } from '../endorsements/support.js';
import { Agent, signedIn } from '../staff/helpers.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import { createTestContext } from '../support/test-app.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';
import { cli, dataDirDatabase, fillCampaign, snapshot, tempDir } from './support.js';

const ORIGIN = { origin: 'http://localhost:3000' };

// Embedded databases in folders of their own, and pg_dump: slower than the usual test.
describe('backups', { timeout: 240_000 }, () => {
  let sink: SmtpSink;
  const dirs: string[] = [];
  beforeAll(async () => {
    sink = await startSink();
  });
  afterAll(async () => {
    await sink.stop();
    for (const d of dirs) {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  const dir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return d;
  };

  it('`backup FILE` then `restore FILE` into a new database gives everything back: signers’ links and staff sign-in still work', async () => {
    const files = dir('files');
    const file = path.join(files, onPostgres ? 'campaign.dump' : 'campaign.sql');
    const sourceDir = dir('source');
    const source: TestDatabase = onPostgres ? await createTestDatabase() : await dataDirDatabase(sourceDir);
    const ctx1 = await createTestContext({ database: source, config: { smtpUrl: sink.url } });
    const { slug, confirmPath, adminEmail, waiting, queued } = await fillCampaign(ctx1, sink);
    const before = await snapshot(ctx1.deps.db);
    expect(before.statement_text_versions!.length).toBe(3);
    expect(before.email_outbox!.some((m) => (m as { status: string }).status === 'queued')).toBe(true);
    const secret = ctx1.deps.secret;

    // The embedded database belongs to one process: the server is stopped for a command-line backup.
    if (!onPostgres) {
      await ctx1.close();
    }
    const backup = await cli(
      ['backup', file],
      onPostgres ? { DATABASE_URL: source.url } : { DATA_DIR: sourceDir },
    );
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(new RegExp(`^Backup written: ${file} \\(\\d+\\.\\d MB, `));
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    if (onPostgres) {
      await ctx1.close();
    }

    // A new, empty database.
    const targetDir = dir('target');
    const target = onPostgres ? await createTestDatabase({ migrate: false }) : undefined;
    const targetEnv: Record<string, string> = onPostgres
      ? { DATABASE_URL: target!.url }
      : { DATA_DIR: targetDir };
    const restore = await cli(['restore', file], targetEnv);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    const restored = target ?? (await dataDirDatabase(targetDir, { migrate: false }));
    expect(await snapshot(restored.handle.db)).toEqual(before);

    const ctx2 = await createTestContext({
      database: restored,
      config: { smtpUrl: sink.url },
      deps: { secret },
    });
    try {
      // The confirmation link mailed before the backup.
      const confirm = await ctx2.app.request(confirmPath, { method: 'POST', headers: ORIGIN });
      expect(confirm.status).toBe(303);
      const signer = await ctx2.deps.db
        .selectFrom('endorsements')
        .select('status')
        .where('email', '=', waiting)
        .executeTakeFirstOrThrow();
      expect(signer.status).toBe('confirmed');
      // The admin signs in with the same password.
      expect((await new Agent(ctx2).signIn(adminEmail)).status).toBe(303);
      // The mail still queued at the backup goes out; new endorsements get new numbers.
      expect((await endorse(ctx2, slug, validForm({ email: 'after@union.example.org' }))).status).toBe(303);
      await ctx2.worker.runOnce();
      await sink.waitFor((m) => m.to.includes(queued));
      await sink.waitFor((m) => m.to.includes('after@union.example.org'));
    } finally {
      if (!onPostgres) {
        await ctx2.close();
      }
    }

    // Restoring again, into the database now in use, is refused and changes nothing.
    const during = onPostgres ? await snapshot(restored.handle.db) : undefined;
    const again = await cli(['restore', file], targetEnv);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^restore: the database is not empty \(\d+ tables and sequences\)\..*Nothing was changed\./s,
    );
    if (onPostgres) {
      expect(await snapshot(restored.handle.db)).toEqual(during);
      await ctx2.close();
    }
  });

  it('refuses a file that does not exist, or a PostgreSQL backup for the embedded database, changing nothing', async () => {
    const d = dir('refuse');
    const missing = await cli(['restore', path.join(d, 'nope.sql')], { DATA_DIR: d });
    expect(missing).toMatchObject({
      code: 1,
      err: expect.stringMatching(/does not exist\. Nothing was changed\./),
    });
    const custom = path.join(d, 'pg.dump');
    fs.writeFileSync(custom, 'PGDMP\u0001\u000e\u0000');
    const wrong = await cli(['restore', custom], { DATA_DIR: path.join(d, 'data') });
    expect(wrong).toMatchObject({ code: 1, err: expect.stringMatching(/made by pg_dump from PostgreSQL/) });
    const usage = await cli(['backup'], { DATA_DIR: d });
    expect(usage).toMatchObject({ code: 1, err: expect.stringMatching(/give exactly one FILE/) });
  });

  it('an admin downloads a backup of the running embedded server, one at a time; it restores, and is audited', async () => {
    const liveDir = dir('live');
    const database = await dataDirDatabase(liveDir);
    const ctx = await createTestContext({
      database,
      deps: { backups: createBackupDownloads(database.handle.db, path.join(liveDir, 'pglite')) },
    });
    try {
      const { slug } = await ctx.statement({ slug: 'downloaded' });
      await endorse(ctx, slug, validForm({ email: 'officer@union.example.org' }));
      const { agent, user } = await signedIn(ctx, 'admin');
      const { html } = await agent.page('/admin/backup');
      expect(html).toContain('<button type="submit">Download a backup</button>');

      const answers = await Promise.all([agent.post('/admin/backup'), agent.post('/admin/backup')]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const ok = answers.find((r) => r.status === 200)!;
      expect(ok.headers.get('content-type')).toBe('application/gzip');
      expect(ok.headers.get('content-disposition')).toBe(
        'attachment; filename="undersigned-backup-2026-01-15T1000Z.sql.gz"',
      );
      const gz = Buffer.from(await ok.arrayBuffer());
      expect(gunzipSync(gz).toString('utf8')).toContain('CREATE TABLE public.endorsements');
      expect(await answers.find((r) => r.status === 409)!.text()).toContain(
        'A backup is being made already.',
      );

      // The server went on serving: the next page and query answer as usual.
      expect((await ctx.app.request(`/s/${slug}`)).status).toBe(200);
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select(['staff_id', 'action', 'details'])
        .where('action', '=', 'backup.download')
        .execute();
      expect(audit).toEqual([
        { staff_id: user.id, action: 'backup.download', details: { bytes: expect.any(Number) } },
      ]);

      const file = path.join(dir('download'), 'downloaded.sql.gz');
      fs.writeFileSync(file, gz);
      const targetDir = dir('from-download');
      const restore = await cli(['restore', file], { DATA_DIR: targetDir });
      expect(restore.code).toBe(0);
      const restored = await dataDirDatabase(targetDir, { migrate: false });
      try {
        const rows = await restored.handle.db.selectFrom('endorsements').select('email').execute();
        expect(rows).toEqual([{ email: 'officer@union.example.org' }]);
      } finally {
        await restored.close();
      }
    } finally {
      await ctx.close();
    }
  });

  it.runIf(onPostgres)(
    'a backup of the embedded database restores into PostgreSQL (moving a campaign to a server)',
    async () => {
      const d = dir('move');
      const database = await dataDirDatabase(d);
      const ctx = await createTestContext({ database, config: { smtpUrl: sink.url } });
      const { confirmPath } = await fillCampaign(ctx, sink);
      const before = await snapshot(ctx.deps.db);
      const secret = ctx.deps.secret;
      await ctx.close();
      const file = path.join(dir('move-file'), 'embedded.sql');
      expect((await cli(['backup', file], { DATA_DIR: d })).code).toBe(0);
      const target = await createTestDatabase({ migrate: false });
      const restore = await cli(['restore', file], { DATABASE_URL: target.url });
      expect(restore.err).toBe('');
      expect(await snapshot(target.handle.db)).toEqual(before);
      const ctx2 = await createTestContext({
        database: target,
        config: { smtpUrl: sink.url },
        deps: { secret },
      });
      try {
        expect((await ctx2.app.request(confirmPath, { method: 'POST', headers: ORIGIN })).status).toBe(303);
      } finally {
        await ctx2.close();
      }
    },
  );
});

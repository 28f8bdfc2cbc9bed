import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import type { Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLog } from '../../src/log.js';
import { importStatement } from '../../src/statements/editor.js';
import { deliver, endorse, linkPath, validForm } from '../endorsements/support.js';
import { signedIn } from '../staff/helpers.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import type { TestContext } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-db.js';

/** An embedded database in a folder of its own (what `npm start` uses), migrated unless asked not to. */
export async function dataDirDatabase(dir: string, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const handle = await connectDatabase({ url: undefined, dataDir: dir, log: silentLog });
  if (opts.migrate !== false) {
    await migrate(handle);
  }
  return { handle, url: `file://${dir}`, close: () => handle.close() };
}

export const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `undersigned-${name}-`));

/** The CLI as an operator runs it, with its output. */
export async function cli(args: string[], env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const errors: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => errors.push(a.join(' '));
  try {
    const code = await runCli(args, { LOG_LEVEL: 'warn', ...env }, (l) => lines.push(l));
    return { code, out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    console.error = error;
  }
}

/**
 * A campaign's worth of everything a backup must keep: a statement in two languages with an edited
 * text (three versions), endorsements in every state of the flow, mail sent and mail still queued,
 * an admin account, and the audit entries their work left. Returns what a person would use later:
 * the confirmation link mailed to a signer who has not clicked it yet, and the admin's email.
 */
let campaigns = 0;

export async function fillCampaign(ctx: TestContext, sink: SmtpSink) {
  // Addresses of this campaign only: tests share one SMTP sink.
  const n = ++campaigns;
  const at = `@union${n}.example.org`;
  const s = await ctx.statement({ slug: 'backup-campaign', title: 'Care work is work' });
  await importStatement(ctx.deps, ctx.clock.now(), {
    slug: s.slug,
    locale: 'en',
    title: 'Care work is work',
    body: 'We stand together, still.',
  });
  await importStatement(ctx.deps, ctx.clock.now(), {
    slug: s.slug,
    locale: 'fr',
    title: 'Le soin est un travail',
    body: 'Nous sommes solidaires.',
  });
  const waiting = `waiting${at}`;
  await endorse(ctx, s.slug, validForm({ email: waiting, org_name: 'Waiting Union' }));
  const [mail] = await deliver(ctx, sink, waiting);
  const confirmPath = linkPath(mail!.text, 'confirm');

  // Confirmed by its signer, then verified by an admin (audit entries, a receipt mail).
  const done = `done${at}`;
  await endorse(ctx, s.slug, validForm({ email: done, org_name: 'Verified Union' }));
  const [first] = await deliver(ctx, sink, done);
  await ctx.app.request(linkPath(first!.text, 'confirm'), {
    method: 'POST',
    headers: { origin: 'http://localhost:3000' },
  });
  const { agent, user: admin } = await signedIn(ctx, 'admin');
  const verified = await ctx.deps.db
    .selectFrom('endorsements')
    .select('id')
    .where('email', '=', done)
    .executeTakeFirstOrThrow();
  await agent.page(`/admin/statements/${s.id}/queue`);
  await agent.post(`/admin/endorsements/${verified.id}/verify`);
  await ctx.worker.runOnce();
  // One more, whose mail is still in the outbox.
  await endorse(ctx, s.slug, validForm({ email: `queued${at}`, org_name: 'Queued Union' }));
  return { slug: s.slug, confirmPath, adminEmail: admin.email, waiting, queued: `queued${at}` };
}

const TABLES = [
  ['statements', 'id'],
  ['statement_texts', 'id'],
  ['statement_text_versions', 'statement_id, locale, version'],
  ['organisations', 'id'],
  ['endorsements', 'id'],
  ['email_outbox', 'id'],
  ['staff_users', 'id'],
  ['staff_sessions', 'id_hash'],
  ['audit_log', 'id'],
  ['rate_limits', 'key, window_start'],
  ['settings', 'key'],
  ['schema_migrations', 'name'],
] as const;

/** Every row of every table, in a stable order: what a restore must give back exactly. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of TABLES) {
    out[table] = (await sql.raw(`select * from ${table} order by ${order}`).execute(db)).rows;
  }
  return out;
}

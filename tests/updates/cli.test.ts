import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import type { Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLog } from '../../src/log.js';
import { findStatementBySlug } from '../../src/statements/queries.js';
import { insertEndorsement } from '../support/fixtures.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

let tmp: string;
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The CLI against this suite's database kind (as tests/statements/cli-import.test.ts). */
async function setup() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-update-cli-'));
  let env: Record<string, string> = { DATA_DIR: tmp, PUBLIC_URL: 'https://petition.example.org' };
  if (onPostgres) {
    database = await createTestDatabase({ migrate: false });
    env = { ...env, DATABASE_URL: database.url };
  }
  const out: string[] = [];
  const cli = (...args: string[]) => runCli(args, env, (l) => out.push(l));
  const withDb = async <T>(f: (db: Db) => Promise<T>) => {
    const handle = await connectDatabase({ url: env.DATABASE_URL, dataDir: tmp, log: silentLog });
    try {
      await migrate(handle);
      return await f(handle.db);
    } finally {
      await handle.close();
    }
  };
  const write = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  return { cli, out, withDb, write };
}

describe('npm run cli -- update send', () => {
  it('counts with --dry-run and changes nothing, then queues one mail per opted-in address in the bulk lane', async () => {
    const { cli, out, withDb, write } = await setup();
    const statement = write('s.md', '---\nslug: strike\ntitle: With the strikers\n---\nWe stand together.\n');
    expect(await cli('statement', 'import', statement, '--open')).toBe(0);
    await withDb(async (db) => {
      const s = (await findStatementBySlug(db, 'strike'))!;
      for (const [i, optIn] of [true, true, false].entries()) {
        const id = await insertEndorsement(db, s.id, { email: `officer${i}@union.example.org` });
        await db.updateTable('endorsements').set({ updates_opt_in: optIn }).where('id', '=', id).execute();
      }
    });
    const en = write('update.md', '---\nsubject: Delivered\n---\nWe delivered the statement today.\n');
    const fr = write('update.fr.md', '---\nsubject: Remise\n---\nNous avons remis la déclaration.\n');

    expect(await cli('update', 'send', 'strike', en, fr, '--audience', 'opted_in', '--dry-run')).toBe(0);
    expect(out.at(-1)).toBe(
      'Dry run: would send to 2 addresses (opted_in; texts in en, fr). Nothing was changed.',
    );
    expect(await withDb((db) => db.selectFrom('email_outbox').selectAll().execute())).toEqual([]);

    expect(await cli('update', 'send', 'strike', en, fr, '--audience', 'opted_in')).toBe(0);
    expect(out.at(-1)).toMatch(/^Update \d+ queued for 2 addresses \(opted_in; texts in en, fr\)/);
    const rows = await withDb((db) =>
      db.selectFrom('email_outbox').select(['to_address', 'lane', 'update_id', 'template', 'data']).execute(),
    );
    expect(rows.map((r) => r.to_address).sort()).toEqual([
      'officer0@union.example.org',
      'officer1@union.example.org',
    ]);
    expect(rows.every((r) => r.lane === 1 && r.update_id && r.template === 'endorser-update')).toBe(true);
    expect(String(rows[0]!.data.listUnsubscribe)).toMatch(/^https:\/\/petition\.example\.org\/unsubscribe\//);
    const audit = await withDb((db) =>
      db.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', 'update.%').execute(),
    );
    expect(audit).toEqual([
      { actor: 'cli', action: 'update.create' },
      { actor: 'cli', action: 'update.send' },
    ]);
  }, 180_000);

  it('refuses a bad audience, a missing subject, or no text in the authoritative language, sending nothing', async () => {
    const { cli, write, withDb } = await setup();
    const statement = write('s.md', '---\nslug: strike\ntitle: With the strikers\n---\nWe stand together.\n');
    expect(await cli('statement', 'import', statement, '--open')).toBe(0);
    const fr = write('update.fr.md', '---\nsubject: Remise\n---\nNous avons remis la déclaration.\n');
    const noSubject = write('bad.md', '---\nlocale: en\n---\nText.\n');
    expect(await cli('update', 'send', 'strike', fr, '--audience', 'everyone')).toBe(1);
    expect(await cli('update', 'send', 'strike', noSubject, '--audience', 'opted_in')).toBe(1);
    expect(await cli('update', 'send', 'strike', fr, '--audience', 'all_endorsers')).toBe(1);
    expect(await cli('update', 'send', 'nope', fr, '--audience', 'all_endorsers')).toBe(1);
    expect(await withDb((db) => db.selectFrom('endorser_updates').selectAll().execute())).toEqual([]);
  }, 180_000);
});

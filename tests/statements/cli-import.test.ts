import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { findStatementBySlug } from '../../src/statements/queries.js';
import { silentLog } from '../../src/log.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

let tmp: string;
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The CLI against this suite's database kind: a PGlite DATA_DIR, or a fresh PostgreSQL database. */
async function setup() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-cli-'));
  let env: Record<string, string> = { DATA_DIR: tmp };
  if (onPostgres) {
    database = await createTestDatabase({ migrate: false });
    env = { ...env, DATABASE_URL: database.url };
  }
  const out: string[] = [];
  const cli = (...args: string[]) => runCli(args, env, (l) => out.push(l));
  const read = async (slug: string) => {
    const handle = await connectDatabase({ url: env.DATABASE_URL, dataDir: tmp, log: silentLog });
    try {
      await migrate(handle);
      return await findStatementBySlug(handle.db, slug);
    } finally {
      await handle.close();
    }
  };
  const write = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  return { cli, out, read, write };
}

describe('npm run cli -- statement import', () => {
  it('publishes a statement, then adds a translation to the same slug', async () => {
    const { cli, out, read, write } = await setup();
    const en = write(
      'en.md',
      '---\nslug: solidarity\ntitle: Solidarity now\nlocale: en\n---\nWe stand together.\n',
    );
    const fr = write(
      'fr.md',
      '---\nslug: solidarity\ntitle: Solidarité maintenant\nlocale: fr\n---\nNous sommes ensemble.\n',
    );
    expect(await cli('statement', 'import', en, '--open')).toBe(0);
    expect(out.at(-1)).toMatch(/Statement "solidarity" created and open for endorsement/);
    expect(await cli('statement', 'import', fr)).toBe(0);
    expect(out.at(-1)).toMatch(/translation \(fr\) added/);
    const s = await read('solidarity');
    expect(s?.status).toBe('open');
    expect(s?.default_locale).toBe('en');
    expect(s?.texts.map((t) => [t.locale, t.title, t.authoritative])).toEqual([
      ['en', 'Solidarity now', true],
      ['fr', 'Solidarité maintenant', false],
    ]);
  });

  it('refuses a malformed file, naming the field, and changes nothing', async () => {
    const { cli, read, write } = await setup();
    const bad = write('bad.md', '---\nslug: solidarity\ntitle: T\npublish_on: sometimes\n---\nText\n');
    const errors: string[] = [];
    const orig = console.error;
    console.error = (l: string) => errors.push(l);
    try {
      expect(await cli('statement', 'import', bad)).toBe(1);
    } finally {
      console.error = orig;
    }
    expect(errors.join('\n')).toMatch(/nothing was changed[\s\S]*publish_on: must be verified or confirmed/);
    expect(await read('solidarity')).toBeUndefined();
  });

  it('explains a missing file', async () => {
    const { cli } = await setup();
    const errors: string[] = [];
    const orig = console.error;
    console.error = (l: string) => errors.push(l);
    try {
      expect(await cli('statement', 'import', path.join(tmp, 'nope.md'))).toBe(1);
    } finally {
      console.error = orig;
    }
    expect(errors[0]).toMatch(/cannot read .*nope\.md \(ENOENT\)/);
  });

  it('migrate reports when the database is up to date', async () => {
    const { cli, out } = await setup();
    expect(await cli('migrate')).toBe(0);
    expect(out.at(-1)).toMatch(/^Applied: 0001_init\.sql/);
    expect(await cli('migrate')).toBe(0);
    expect(out.at(-1)).toBe('The database is up to date.');
  });

  it('prints usage for an unknown command', async () => {
    const { cli, out } = await setup();
    expect(await cli('frobnicate')).toBe(1);
    expect(out.join('\n')).toMatch(/statement import FILE\.md \[--open\]/);
  });
});

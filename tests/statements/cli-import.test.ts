import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { findStatementBySlug } from '../../src/statements/queries.js';
import { silentLog } from '../../src/log.js';
import { insertEndorsement } from '../support/fixtures.js';
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

  it('--substantive "what changed" amends the authoritative text and queues a mail per endorser; without it a change is minor', async () => {
    const { cli, out, write } = await setup();
    const file = (body: string) =>
      write('care.md', `---\nslug: care\ntitle: Care is work\nlocale: en\n---\n${body}\n`);
    expect(await cli('statement', 'import', file('Care deserves pay.'), '--open')).toBe(0);
    const env = { url: onPostgres ? database!.url : undefined, dataDir: tmp, log: silentLog };
    const withDb = async <T>(f: (db: Awaited<ReturnType<typeof connectDatabase>>['db']) => Promise<T>) => {
      const handle = await connectDatabase(env);
      try {
        return await f(handle.db);
      } finally {
        await handle.close();
      }
    };
    const ids = await withDb(async (db) => {
      const s = await db
        .selectFrom('statements')
        .select('id')
        .where('slug', '=', 'care')
        .executeTakeFirstOrThrow();
      return [
        await insertEndorsement(db, s.id, { name: 'Dockers Union', email: 'sec@dockers.example.org' }),
        await insertEndorsement(db, s.id, { name: 'Gone Union', status: 'withdrawn' }),
      ];
    });
    const state = () =>
      withDb(async (db) => ({
        version: (await db.selectFrom('statements').select('version').executeTakeFirstOrThrow()).version,
        mails: await db
          .selectFrom('email_outbox')
          .select(['endorsement_id', 'data'])
          .where('template', '=', 'statement-amended')
          .execute(),
      }));

    expect(await cli('statement', 'import', file('Care deserves fair pay.'))).toBe(0);
    expect(out.at(-1)).toMatch(/text \(en\) updated/);
    expect(await state()).toEqual({ version: 1, mails: [] });

    expect(
      await cli(
        'statement',
        'import',
        file('Care deserves pay and a union.'),
        '--substantive',
        'We now call for a union.',
      ),
    ).toBe(0);
    expect(out.at(-1)).toBe(
      'Substantive change: the statement is now at version 2; 1 endorser(s) of an earlier version will be emailed.',
    );
    const after = await state();
    expect(after.version).toBe(2);
    expect(after.mails).toEqual([
      {
        endorsement_id: ids[0],
        data: expect.objectContaining({
          summary: 'We now call for a union.',
          reconfirmUrl: expect.stringMatching(/^http:\/\/localhost:3000\/reconfirm\//),
          withdrawUrl: expect.stringMatching(/^http:\/\/localhost:3000\/withdraw\//),
        }),
      },
    ]);

    // Refused, changing nothing: the same text again, a translation, an empty summary.
    expect(
      await cli('statement', 'import', file('Care deserves pay and a union.'), '--substantive', 'Again'),
    ).toBe(1);
    const fr = write('fr.md', '---\nslug: care\ntitle: Le soin\nlocale: fr\n---\nLe soin.\n');
    expect(await cli('statement', 'import', fr, '--substantive', 'Nouveau')).toBe(1);
    expect(await cli('statement', 'import', file('Other.'), '--substantive', '  ')).toBe(1);
    expect((await state()).version).toBe(2);
    expect((await state()).mails).toHaveLength(1);
  }, 180_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { parseCsv } from '../../src/endorsements/import/csv.js';
import { readImportFile } from '../../src/endorsements/import/rows.js';
import { silentLog } from '../../src/log.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

describe('the CSV reader', () => {
  it('reads what spreadsheets write: BOM, semicolons, quoted separators, quotes and newlines, CRLF', () => {
    const text =
      '\uFEFForg_name;country\r\n"Dockers; Local 1";GB\r\n"Line one\r\nline two";FR\r\n"He said ""yes""";DE\r\n\r\n';
    const r = parseCsv(text);
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['org_name', 'country'] },
        { line: 2, cells: ['Dockers; Local 1', 'GB'] },
        { line: 3, cells: ['Line one\r\nline two', 'FR'] },
        { line: 5, cells: ['He said "yes"', 'DE'] },
      ],
    });
    expect(parseCsv('a,b\n1,2\n').ok && parseCsv('a,b\n1,2\n')).toMatchObject({
      records: [{ cells: ['a', 'b'] }, { cells: ['1', '2'] }],
    });
    expect(parseCsv('a,b\n"open,2\n3,4\n')).toEqual({ ok: false, line: 2 });
  });

  it('lists every problem of every bad row as line N: field: why', () => {
    const text = [
      'org_name,org_type,country,contact_name,email,initiator,locale',
      'Good Union,union,GB,Ann,a@example.org,yes,en',
      'X,club,ZZ,Bob,not-an-address,maybe,xx',
      'Good Union,union,GB,Cy,b@example.org,no,en',
      'Short,union',
    ].join('\n');
    const r = readImportFile(text, { mode: 'link', defaultLocale: 'en' });
    expect(r.ok).toBe(false);
    const seen = r.ok ? [] : r.problems.map((p) => `line ${p.line}: ${p.field}: ${p.key}`);
    expect(seen).toEqual([
      'line 3: org_name: endorse.error.orgNameLength',
      'line 3: org_type: endorse.error.orgTypeRequired',
      'line 3: country: endorse.error.countryInvalid',
      'line 3: email: endorse.error.emailInvalid',
      'line 3: locale: launch.import.error.locale',
      'line 3: initiator: launch.import.error.initiator',
      'line 4: org_name: launch.import.error.sameInFile',
      'line 5: -: launch.import.error.cells',
    ]);
  });
});

let tmp: string | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  if (tmp) {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** The CLI against this suite's database kind: a PGlite DATA_DIR, or a fresh PostgreSQL database. */
async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-import-'));
  tmp = dir;
  let env: Record<string, string> = { DATA_DIR: dir };
  if (onPostgres) {
    database = await createTestDatabase({ migrate: false });
    env = { ...env, DATABASE_URL: database.url };
  }
  const out: string[] = [];
  const cli = (...args: string[]) => runCli(args, env, (l) => out.push(l));
  const query = async <T>(f: (db: Awaited<ReturnType<typeof connectDatabase>>['db']) => Promise<T>) => {
    const handle = await connectDatabase({ url: env.DATABASE_URL, dataDir: dir, log: silentLog });
    try {
      await migrate(handle);
      return await f(handle.db);
    } finally {
      await handle.close();
    }
  };
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const md = write(
    's.md',
    '---\nslug: seed\ntitle: The seed\nlaunch_at: 2030-01-01T09:00:00Z\n---\nWe stand together.\n',
  );
  expect(await cli('statement', 'import', md, '--open')).toBe(0);
  return { cli, out, query, write, dir };
}

describe('npm run cli -- endorsements import', () => {
  // About a dozen openings of an on-disk PGlite data directory, a few seconds each on a busy machine.
  it('imports the example file once: a second import adds nothing; a bad file changes nothing; dry run writes nothing', async () => {
    const { cli, out, query, write } = await setup();
    const example = path.resolve('docs/examples/endorsements.csv');
    const count = () =>
      query(async (db) => (await db.selectFrom('endorsements').select('id').execute()).length);

    expect(await cli('endorsements', 'import', 'seed', example, '--dry-run')).toBe(0);
    expect(out.at(-1)).toBe('4 endorsements would be imported (dry run), 0 skipped.');
    expect(await count()).toBe(0);

    expect(await cli('endorsements', 'import', 'seed', example)).toBe(0);
    expect(out.some((l) => l === '4 endorsements imported as verified, 0 skipped.')).toBe(true);
    const rows = await query((db) =>
      db
        .selectFrom('endorsements')
        .select(['display_name', 'status', 'initiator', 'source', 'evidence', 'email', 'published_at'])
        .orderBy('id')
        .execute(),
    );
    expect(rows.map((r) => [r.display_name, r.status, r.initiator, r.source])).toEqual([
      ['International Dockworkers Network', 'verified', true, 'meeting'],
      ['Syndicat des Cheminots, Section Nord', 'verified', true, 'letter'],
      ['Sindicato de Trabajadores del Puerto', 'verified', false, 'email'],
      ['Verein für Solidarität', 'verified', false, 'phone'],
    ]);
    expect(rows[3]!.email).toBeNull();
    expect(rows.every((r) => r.published_at !== null)).toBe(true);
    // Under embargo: verified, but nobody is told "now listed" before the launch.
    expect(
      await query(async (db) => (await db.selectFrom('email_outbox').select('id').execute()).length),
    ).toBe(0);

    out.length = 0;
    expect(await cli('endorsements', 'import', 'seed', example)).toBe(0);
    expect(out).toContain('0 endorsements imported as verified, 4 skipped.');
    expect(out[0]).toMatch(/^ {2}line 2: skipped \(already listed\): International Dockworkers Network$/);
    expect(await count()).toBe(4);

    const bad = write('bad.csv', 'org_name;org_type;country\nNew Union;union;GB\nBroken;guild;GB\n');
    out.length = 0;
    expect(await cli('endorsements', 'import', 'seed', bad)).toBe(1);
    expect(await count()).toBe(4);

    // The launch: the CLI says how many are told, and the audit log says it was the CLI.
    out.length = 0;
    expect(await cli('statement', 'launch', 'seed')).toBe(0);
    expect(out.at(-1)).toBe(
      'Statement "seed" launched: its signatories are public; 3 endorsers will be emailed.',
    );
    expect(await cli('statement', 'launch', 'seed')).toBe(1);
    const audit = await query((db) =>
      db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('action', 'like', 'statement.launch%')
        .execute(),
    );
    expect(audit).toEqual([{ actor: 'cli', action: 'statement.launch' }]);
  }, 120_000);

  it('refuses a bad file with every problem, line by line', async () => {
    const { cli, write, dir } = await setup();
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      const bad = write(
        'bad.csv',
        'org_name;org_type;country\nNew Union;union;GB\nBroken;guild;GB\nX;union;QQ\n',
      );
      expect(await cli('endorsements', 'import', 'seed', bad)).toBe(1);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toBe(
      [
        `${path.join(dir, 'bad.csv')}: nothing was imported.`,
        '  line 3: org_type: Choose the type of organisation',
        '  line 4: org_name: The name of the organisation must be between 2 and 200 characters',
        '  line 4: country: Choose a country from the list',
      ].join('\n'),
    );
  });

  it('imports 10,000 rows in one transaction', async () => {
    const { cli, out, query, write } = await setup();
    const lines = ['org_name,org_type,country,email,initiator'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        `Union number ${i},union,${i % 2 ? 'FR' : 'GB'},sec${i}@union${i}.example.org,${i < 5 ? 'yes' : 'no'}`,
      );
    }
    const file = write('big.csv', lines.join('\r\n'));
    expect(await cli('endorsements', 'import', 'seed', file)).toBe(0);
    expect(out).toContain('10000 endorsements imported as verified, 0 skipped.');
    expect(out.at(-1)).toMatch(/^Took \d+\.\d\d s\.$/);
    expect(
      await query(async (db) => (await db.selectFrom('endorsements').select('id').execute()).length),
    ).toBe(10_000);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { connectDatabase } from '../../src/db/connect.js';
import { silentLog } from '../../src/log.js';
import { verifyPassword } from '../../src/staff/passwords.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-db.js';

let tmp: string;
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function setup() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-staff-cli-'));
  let env: Record<string, string> = { DATA_DIR: tmp };
  if (onPostgres) {
    database = await createTestDatabase({ migrate: false });
    env = { ...env, DATABASE_URL: database.url };
  }
  const out: string[] = [];
  const errors: string[] = [];
  const cli = async (...args: string[]) => {
    const original = console.error;
    console.error = (m: string) => errors.push(String(m));
    try {
      return await runCli(args, env, (l) => out.push(l));
    } finally {
      console.error = original;
    }
  };
  const staff = async () => {
    const handle = await connectDatabase({ url: env.DATABASE_URL, dataDir: tmp, log: silentLog });
    try {
      return await handle.db.selectFrom('staff_users').selectAll().orderBy('id').execute();
    } finally {
      await handle.close();
    }
  };
  return { cli, out, errors, staff };
}

describe('npm run cli -- staff add', () => {
  it('creates an admin with a generated password it prints once, or with the given one', async () => {
    const { cli, out, staff } = await setup();
    expect(
      await cli(
        'staff',
        'add',
        '--email',
        'Ada@Network.example.org',
        '--name',
        'Ada Lovelace',
        '--role',
        'admin',
      ),
    ).toBe(0);
    expect(out[0]).toBe('Staff account created: Ada Lovelace <ada@network.example.org> (admin).');
    const password = /^Password \(shown only this once\): (\S+)$/.exec(out[1]!)?.[1];
    expect(password).toHaveLength(20);
    expect(
      await cli(
        'staff',
        'add',
        '--email',
        'vic@network.example.org',
        '--name',
        'Vic',
        '--role',
        'verifier',
        '--password',
        'my own long password',
      ),
    ).toBe(0);
    expect(out).toHaveLength(3);
    const [ada, vic] = await staff();
    expect(ada).toMatchObject({ email: 'ada@network.example.org', role: 'admin' });
    expect(ada!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(password!, ada!.password_hash)).toBe(true);
    expect(await verifyPassword('my own long password', vic!.password_hash)).toBe(true);
  });

  it('refuses bad input and a duplicate email with clear messages, changing nothing', async () => {
    const { cli, errors, staff } = await setup();
    expect(await cli('staff', 'add', '--email', 'ada@network.example.org')).toBe(1);
    expect(errors.at(-1)).toContain('missing --name, --role');
    expect(
      await cli('staff', 'add', '--email', 'nope', '--name', 'A', '--role', 'boss', '--password', 'short'),
    ).toBe(1);
    const msg = errors.at(-1)!;
    expect(msg).toContain('nothing was changed');
    expect(msg).toContain('--email: Enter a valid email address.');
    expect(msg).toContain('--role: Choose administrator or verifier.');
    expect(msg).toContain('--password: The password must have 12 to 200 characters.');
    expect(
      await cli('staff', 'add', '--email', 'a@b.org', '--name', 'A', '--role', 'admin', '--colour', 'red'),
    ).toBe(1);
    expect(errors.at(-1)).toContain("Unknown option '--colour'");
    expect(
      await cli(
        'staff',
        'add',
        '--email',
        'a@b.org',
        '--name',
        'A',
        '--role',
        'admin',
        '--password',
        'long enough password',
      ),
    ).toBe(0);
    expect(
      await cli(
        'staff',
        'add',
        '--email',
        'A@B.org',
        '--name',
        'B',
        '--role',
        'verifier',
        '--password',
        'long enough password',
      ),
    ).toBe(1);
    expect(errors.at(-1)).toBe(
      'staff add: a staff account with the email a@b.org already exists; nothing was changed.',
    );
    expect(await staff()).toHaveLength(1);
  });
});

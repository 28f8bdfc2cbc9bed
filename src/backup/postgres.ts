import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL client program (pg_dump, pg_restore): on PATH, else the newest under
 * /usr/lib/postgresql/<version>/bin (Debian and Ubuntu install them there).
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && isExecutable(file)) {
      return file;
    }
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.map((v) => path.join(root, v, 'bin', name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The URL without its password, and the password for PGPASSWORD: a password in a command line is
 * readable by every user of the machine (ps).
 */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(tool)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** pg_dump in its custom format (compressed; pg_restore reads it): the whole database, any role can restore it. */
export async function dumpPostgres(tool: string, url: string, file: string): Promise<void> {
  const { dbname, env } = connectionArgs(url);
  await run(
    tool,
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
}

/** pg_restore of a custom-format backup, in one transaction: on any error nothing is changed. */
export async function restorePostgres(tool: string, url: string, file: string): Promise<void> {
  const { dbname, env } = connectionArgs(url);
  await run(
    tool,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
}

/**
 * A SQL backup (from the embedded database) into PostgreSQL, in one transaction, over an ordinary
 * connection: how a campaign moves from the embedded database to a PostgreSQL server. A newer dump's
 * `SET transaction_timeout` (PostgreSQL 17) is dropped for older servers.
 */
export async function restoreSqlIntoPostgres(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ v: number }>("select current_setting('server_version_num')::int as v");
    const version = r.rows[0]?.v ?? 0;
    const script = version < 170000 ? text.replace(/^SET transaction_timeout = .*;$/m, '') : text;
    await client.query('begin');
    try {
      await client.query(script);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end();
  }
}

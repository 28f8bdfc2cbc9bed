import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { sql } from 'kysely';
import { PGLITE_EXTENSIONS } from '../db/connect.js';
import type { Db } from '../db/database.js';

/** Restorable by another role, and into PostgreSQL as well as PGlite. */
const DUMP_ARGS = ['--no-owner', '--no-privileges'];

/**
 * SQL text of the whole embedded database, by PGlite's own pg_dump (SQL with INSERTs, restored by
 * running it). pg_dump runs synchronously on the database's only session: for a process that has the
 * database to itself (the CLI). A running server uses dumpRunningEmbedded.
 */
export async function dumpEmbedded(client: PGlite): Promise<string> {
  const file = await pgDump({ pg: client, args: DUMP_ARGS });
  return file.text();
}

// The dump of a copy runs in a worker thread, from this CommonJS source (the same under the compiled
// server and the TypeScript test runner, which cannot start a worker from a .ts file).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
(async () => {
  const { PGlite } = require(workerData.pglite);
  const { pgDump } = require(workerData.pgDump);
  const extensions = {};
  for (const [name, file] of Object.entries(workerData.extensions)) extensions[name] = require(file)[name];
  const pg = await PGlite.create({ dataDir: workerData.dir, extensions });
  try {
    const file = await pgDump({ pg, args: workerData.args });
    fs.writeFileSync(workerData.out, Buffer.from(await file.arrayBuffer()));
  } finally {
    await pg.close();
  }
})().then(() => parentPort.postMessage({ ok: true }), (err) => parentPort.postMessage({ ok: false, error: String(err && err.message || err) }));
`;

/**
 * A backup of the embedded database while the server keeps serving (the admin's "Download a
 * backup"): the data directory is copied while no query runs (a checkpoint first, every other query
 * waiting meanwhile — the copy is asynchronous, so the event loop keeps serving cached pages and
 * streams), then PGlite's pg_dump reads the copy in a worker thread. Resolves with the SQL file, in a
 * temporary folder that `cleanup()` removes.
 */
export async function dumpRunningEmbedded(
  db: Db,
  dir: string,
): Promise<{ file: string; cleanup: () => void }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'undersigned-backup-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const copy = path.join(tmp, 'pglite');
    await db.connection().execute(async (conn) => {
      await sql`checkpoint`.execute(conn);
      await fs.promises.cp(dir, copy, {
        recursive: true,
        filter: (src) => path.basename(src) !== 'postmaster.pid',
      });
    });
    const file = path.join(tmp, 'backup.sql');
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pglite: require.resolve('@electric-sql/pglite'),
        pgDump: require.resolve('@electric-sql/pglite-tools/pg_dump'),
        // pg_dump fails on a copy opened without the extensions its indexes use.
        extensions: Object.fromEntries(
          Object.keys(PGLITE_EXTENSIONS).map((name) => [
            name,
            require.resolve(`@electric-sql/pglite/contrib/${name}`),
          ]),
        ),
        dir: copy,
        out: file,
        args: DUMP_ARGS,
      },
    });
    try {
      const result = await new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`backup worker exited (${code})`)));
      });
      if (!result.ok) {
        throw new Error(`pg_dump failed: ${result.error}`);
      }
    } finally {
      await worker.terminate();
    }
    // Asynchronously: removing ~60 MB of files synchronously would stall the server.
    await fs.promises.rm(copy, { recursive: true, force: true });
    return { file, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/**
 * Load a SQL backup into an empty embedded database, all or nothing (one transaction). The dump
 * empties search_path for its own statements; it is reset afterwards.
 */
export async function restoreEmbedded(client: PGlite, text: string): Promise<void> {
  try {
    await client.transaction(async (tx) => {
      await tx.exec(text);
    });
  } finally {
    await client.exec('reset search_path');
  }
}

import fs from 'node:fs';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import type { Db } from '../db/database.js';
import { dumpEmbedded, restoreEmbedded } from './embedded.js';
import { backupFormat, readSqlBackup, writeAtomically, type BackupFormat } from './files.js';
import { dumpPostgres, findPgTool, restorePostgres, restoreSqlIntoPostgres } from './postgres.js';

/** A backup or restore that cannot be done as asked; the message says what to do instead. */
export class BackupError extends Error {}

/** Tables, views and sequences in the public schema: any at all and a restore would mix two databases. */
export async function countTables(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export const PG_DUMP_BY_HAND =
  'pg_dump --format=custom --no-owner --no-privileges --file=FILE "$DATABASE_URL"';
export const PG_RESTORE_BY_HAND =
  'pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" FILE';

/**
 * Back the whole database up into `file` (README "Operating"): the embedded database as SQL by
 * PGlite's pg_dump; PostgreSQL by pg_dump in its custom format. The file appears only once complete.
 */
export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupFormat> {
  const source = handle.source;
  if (source.kind === 'pglite') {
    const text = await dumpEmbedded(source.client);
    await writeAtomically(file, (partial) => fs.promises.writeFile(partial, text));
    return 'sql';
  }
  const tool = findPgTool('pg_dump');
  if (!tool) {
    throw new BackupError(
      'backup: pg_dump was not found. Install the PostgreSQL client of your server’s version ' +
        `(Debian: apt install postgresql-client), or run it yourself:\n  ${PG_DUMP_BY_HAND.replace('FILE', file)}`,
    );
  }
  await writeAtomically(file, (partial) => dumpPostgres(tool, source.url, partial));
  return 'custom';
}

/**
 * Load a backup into an empty database, all or nothing. A database with any table in it is refused
 * before anything is read from the file, and nothing is changed.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupFormat> {
  if (!fs.existsSync(file)) {
    throw new BackupError(`restore: ${file} does not exist. Nothing was changed.`);
  }
  const tables = await countTables(handle.db);
  if (tables > 0) {
    throw new BackupError(
      `restore: the database is not empty (${tables} tables and sequences). A backup is restored only into ` +
        'a new, empty database, so that nothing is mixed or overwritten. Nothing was changed.\n' +
        '  Embedded database: DATA_DIR=/path/to/a/new/folder npm run cli -- restore FILE (before any npm start there)\n' +
        '  PostgreSQL: createdb NEWDB, then DATABASE_URL=postgres://…/NEWDB npm run cli -- restore FILE',
    );
  }
  const format = backupFormat(file);
  const source = handle.source;
  if (source.kind === 'pglite') {
    if (format === 'custom') {
      throw new BackupError(
        'restore: this backup was made by pg_dump from PostgreSQL; restore it into PostgreSQL ' +
          '(DATABASE_URL=postgres://… npm run cli -- restore FILE). Nothing was changed.',
      );
    }
    await restoreEmbedded(source.client, readSqlBackup(file));
    return format;
  }
  if (format === 'sql') {
    await restoreSqlIntoPostgres(source.url, readSqlBackup(file));
    return format;
  }
  const tool = findPgTool('pg_restore');
  if (!tool) {
    throw new BackupError(
      'restore: pg_restore was not found. Install the PostgreSQL client of your server’s version, ' +
        `or run it yourself:\n  ${PG_RESTORE_BY_HAND.replace('FILE', file)}\nNothing was changed.`,
    );
  }
  await restorePostgres(tool, source.url, file);
  return format;
}

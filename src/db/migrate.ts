import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { DatabaseHandle } from './connect.js';

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

/** Arbitrary constant shared by every Undersigned process: the migration advisory lock. */
const MIGRATION_LOCK_KEY = 727_401_193;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function readMigrations(dir = SQL_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Apply pending sql/NNNN_*.sql files in order, each in its own transaction under an advisory
 * lock (so processes starting together do not race), and refuse to run when a file that was
 * already applied has since been edited: migrations are forward-only.
 */
export async function migrate(
  handle: Pick<DatabaseHandle, 'db' | 'execScript'>,
  files: MigrationFile[] = readMigrations(),
): Promise<string[]> {
  const { db } = handle;
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`
    .execute(db)
    .catch(async (err: unknown) => {
      // Two processes creating the table at once: one wins, the other sees a duplicate; both go on.
      if (!(await tableExists(db))) {
        throw err;
      }
    });
  const applied: string[] = [];
  for (const file of files) {
    const ran = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const row = await trx
        .selectFrom('schema_migrations')
        .select(['checksum'])
        .where('name', '=', file.name)
        .executeTakeFirst();
      if (row) {
        if (row.checksum !== file.checksum) {
          throw new MigrationError(
            `Migration ${file.name} was edited after it was applied (checksum differs). ` +
              `Migrations are forward-only: restore the file and add a new one instead.`,
          );
        }
        return false;
      }
      await handle.execScript(trx, file.sql);
      await trx
        .insertInto('schema_migrations')
        .values({ name: file.name, checksum: file.checksum })
        .execute();
      return true;
    });
    if (ran) {
      applied.push(file.name);
    }
  }
  return applied;
}

async function tableExists(db: Db): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass('schema_migrations') is not null as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

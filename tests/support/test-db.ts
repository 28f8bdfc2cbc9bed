import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLog } from '../../src/log.js';

/** Which database the suite runs on: PGlite by default, a real server when DATABASE_URL is set (CI runs both). */
export const TEST_DATABASE_URL = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : undefined;
export const onPostgres = TEST_DATABASE_URL !== undefined;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** URL of this test's own database (postgres://… or memory://). */
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a throw-away PGlite in memory, or a new database
 * created on the PostgreSQL server named by DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(
  opts: { migrate?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const handle = await connectDatabase({
      url: 'memory://',
      dataDir: '.',
      log: silentLog,
      onQuery: opts.onQuery,
    });
    if (opts.migrate !== false) {
      await migrate(handle);
    }
    return { handle, url: 'memory://', close: () => handle.close() };
  }
  const name = `undersigned_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = withDatabase(TEST_DATABASE_URL, name);
  const handle = await connectDatabase({
    url,
    dataDir: '.',
    log: silentLog,
    poolSize: 8,
    onQuery: opts.onQuery,
  });
  if (opts.migrate !== false) {
    await migrate(handle);
  }
  return {
    handle,
    url,
    async close() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
